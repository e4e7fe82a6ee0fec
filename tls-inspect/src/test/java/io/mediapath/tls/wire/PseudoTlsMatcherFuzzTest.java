package io.mediapath.tls.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

class PseudoTlsMatcherFuzzTest {

    /** The matcher agrees with its definition: 83 bytes and every non-wildcard byte equal to the template. */
    @FuzzTest
    void fuzz(byte @NotNull [] answer) {
        byte[] t = PseudoTls.template();
        boolean expected = answer.length == PseudoTls.ANSWER_LENGTH;
        for (int i = 0; expected && i < t.length; i++) {
            expected = PseudoTls.wildcard(i) || answer[i] == t[i];
        }
        assertThat(PseudoTls.matches(answer)).isEqualTo(expected);
        int at = PseudoTls.firstMismatch(answer);
        assertThat(at).isBetween(-1, PseudoTls.ANSWER_LENGTH);
    }
}
