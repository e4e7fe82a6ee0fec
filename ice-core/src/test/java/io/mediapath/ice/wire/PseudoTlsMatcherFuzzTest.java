package io.mediapath.ice.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

class PseudoTlsMatcherFuzzTest {

    /**
     * The matcher agrees with its definition: 83 bytes and every non-wildcard byte equal to the template; the first
     * mismatch is the first offset that breaks that definition.
     */
    @FuzzTest
    void fuzz(byte @NotNull [] answer) {
        byte[] t = PseudoTls.template();
        int expectedAt = -1;
        for (int i = 0; expectedAt < 0 && i < answer.length; i++) {
            if (i >= t.length || (!PseudoTls.wildcard(i) && answer[i] != t[i])) {
                expectedAt = i;
            }
        }
        assertThat(PseudoTls.firstMismatch(answer, answer.length)).isEqualTo(expectedAt);
        assertThat(PseudoTls.matches(answer)).isEqualTo(answer.length == PseudoTls.ANSWER_LENGTH && expectedAt < 0);
        assertThat(PseudoTls.isGenuinePrefix(answer)).isEqualTo(answer.length < PseudoTls.ANSWER_LENGTH && expectedAt < 0);
        assertThat(PseudoTls.describe(answer, answer.length)).isNotEmpty();
    }
}
