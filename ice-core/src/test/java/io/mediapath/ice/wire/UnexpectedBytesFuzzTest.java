package io.mediapath.ice.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

/**
 * Any bytes through {@link UnexpectedBytes}: never throws, the phrase is bounded and holds no control character
 * (it is printed to terminals and reports), and a status line is quoted only from what came.
 */
class UnexpectedBytesFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void describe(byte @NotNull [] bytes) {
        for (int len : new int[] {bytes.length, bytes.length / 2, Math.min(bytes.length, 4)}) {
            String d = UnexpectedBytes.describe(bytes, len);
            if (d.isEmpty() || d.length() > UnexpectedBytes.MAX_LINE + 80) {
                throw new IllegalStateException("phrase of " + d.length() + " chars");
            }
            for (int i = 0; i < d.length(); i++) {
                if (d.charAt(i) < 0x20 || d.charAt(i) == 0x7f) {
                    throw new IllegalStateException("control character in " + d);
                }
            }
            UnexpectedBytes.mayBeHttp(bytes, len);
            UnexpectedBytes.statusLineComplete(bytes, len);
        }
    }
}
