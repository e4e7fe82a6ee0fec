package io.mediapath.lab.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Any first bytes give the router an answer (SNI or none), never an exception; the SNI is never longer than the input. */
class SniRouterFuzzTest {

    @FuzzTest
    void anyBytesGiveAnAnswer(FuzzedDataProvider data) {
        byte[] b = data.consumeRemainingAsBytes();
        SniRouter.Hello h = SniRouter.parse(b);
        assertThat(h).isNotNull();
        h.sni().ifPresent(s -> assertThat(s.length()).isLessThanOrEqualTo(b.length));
    }
}
