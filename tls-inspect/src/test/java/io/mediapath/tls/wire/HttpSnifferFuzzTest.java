package io.mediapath.tls.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

class HttpSnifferFuzzTest {

    /** Any bytes: parse returns empty or a bounded answer; never throws. */
    @FuzzTest
    void fuzz(byte @NotNull [] input) {
        HttpSniffer.complete(input);
        HttpSniffer.parse(input).ifPresent(a -> {
            assertThat(a.headers().size()).isLessThanOrEqualTo(HttpSniffer.MAX_HEADERS);
            assertThat(a.title().length()).isLessThanOrEqualTo(200);
            assertThat(a.describe()).isNotNull();
        });
    }
}
