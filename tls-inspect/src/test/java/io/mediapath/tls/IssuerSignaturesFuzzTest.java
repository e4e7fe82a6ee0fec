package io.mediapath.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

class IssuerSignaturesFuzzTest {

    /** Any text: a table of valid signatures, or an IllegalArgumentException naming the problem; nothing else. */
    @FuzzTest
    void parse(@NotNull String json) {
        try {
            IssuerSignatures s = IssuerSignatures.parse(json);
            assertThat(s.signatures()).allSatisfy(x -> assertThat(x.attribute()).isIn("CN", "O", "OU"));
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).startsWith("issuer signatures");
        }
    }
}
