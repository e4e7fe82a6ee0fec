package io.mediapath.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

class TerminalTextFuzzTest {

    /** Any text: no control character survives but the line break, and escaping twice changes nothing more. */
    @FuzzTest
    void escape(@NotNull String text) {
        String e = TerminalText.escape(text);
        int bad = -1;
        for (int i = 0; i < e.length() && bad < 0; i++) {
            char c = e.charAt(i);
            boolean lineEnd = c == '\n' || c == '\r' && i + 1 < e.length() && e.charAt(i + 1) == '\n';
            if (Character.isISOControl(c) && !lineEnd) {
                bad = i; // checked without an assertion per character, so the fuzzer spends its time on inputs
            }
        }
        assertThat(bad).as("a control character survived in %s", e).isEqualTo(-1);
        assertThat(TerminalText.escape(e)).isEqualTo(e);
        assertThat(e.length()).isGreaterThanOrEqualTo(text.length());
    }
}
