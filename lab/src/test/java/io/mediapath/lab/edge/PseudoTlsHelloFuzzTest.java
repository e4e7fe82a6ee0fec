package io.mediapath.lab.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The Edge's hello recogniser takes arbitrary bytes from the network: it never throws, and anything it accepts
 * is a handshake record holding a ClientHello whose length field matches.
 */
class PseudoTlsHelloFuzzTest {

    @FuzzTest
    void recognise(FuzzedDataProvider data) {
        byte[] record = data.consumeRemainingAsBytes();
        boolean accepted = PseudoTlsServerHello.isPseudoTlsClientHello(record);
        if (accepted) {
            assertThat(record[0]).isEqualTo((byte) 0x16);
            assertThat(record[5]).isEqualTo((byte) 0x01);
            assertThat(((record[3] & 0xff) << 8) | (record[4] & 0xff)).isEqualTo(record.length - 5);
        }
    }
}
