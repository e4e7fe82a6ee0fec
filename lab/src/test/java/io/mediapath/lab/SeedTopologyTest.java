package io.mediapath.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.proxy.InterceptingProxy.Mode;
import io.mediapath.testing.TestData;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SeedTopologyTest {

    private static final byte[] HELLO = TestData.vector("mstcp-pseudotls-clienthello.hex");
    private static final byte[] TEMPLATE = TestData.vector("mstcp-pseudotls-serverhello-template.hex");

    @Test
    void cleanPathAnswersGenuinely() throws Exception {
        try (SeedTopology lab = SeedTopology.cleanPath()) {
            assertThat(lab.isIntercepted()).isFalse();
            assertThat(lab.clientTarget()).isEqualTo(lab.edgeAddress());
            assertThat(genuine(probe(lab))).isTrue();
        }
    }

    @Test
    void applicationLayerFirewallAnswersWithItsOwnSplitFlightWhileTheEdgeStaysGenuine() throws Exception {
        try (SeedTopology lab = SeedTopology.applicationLayerFirewall()) {
            assertThat(lab.isIntercepted()).isTrue();
            assertThat(lab.proxy().orElseThrow().mode()).isEqualTo(Mode.ONE_RECORD_PER_PACKET);
            RawExchange x = RawExchange.run(lab.clientTarget().host(), lab.clientTarget().port(), HELLO,
                    Integer.MAX_VALUE, 1000);
            assertThat(genuine(x.bytes())).isFalse();
            assertThat(RawExchange.handshakeTypes(x.bytes())).containsExactly(2, 11, 14);
            RawExchange direct = RawExchange.run(lab.edgeAddress().host(), lab.edgeAddress().port(), HELLO, 83, 5000);
            assertThat(genuine(direct.bytes())).isTrue();
        }
    }

    @Test
    void authenticatingProxyAndPortalAnswerHttp() throws Exception {
        try (SeedTopology lab = SeedTopology.authenticatingProxy()) {
            assertThat(new String(probe(lab), java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 407");
        }
        try (SeedTopology lab = SeedTopology.captivePortal()) {
            assertThat(new String(probe(lab), java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 302");
        }
    }

    private static byte[] probe(SeedTopology lab) throws Exception {
        return RawExchange.run(lab.clientTarget().host(), lab.clientTarget().port(), HELLO, 1 << 20, 2000).bytes();
    }

    private static boolean genuine(byte[] b) {
        if (b.length != 83) {
            return false;
        }
        byte[] m = b.clone();
        Arrays.fill(m, 11, 43, (byte) 0);
        Arrays.fill(m, 44, 76, (byte) 0);
        return Arrays.equals(m, TEMPLATE);
    }
}
