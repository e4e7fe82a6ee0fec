package io.mediapath.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

class TerminalTextFuzzTest {

    /** Any text: no control character survives but the line break, and escaping twice changes nothing more. */
    @FuzzTest
    void escape(@NotNull String text) {
        String e = TerminalText.escape(text);
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '\r') {
                assertThat(i + 1 < e.length() && e.charAt(i + 1) == '\n').as("CR only before LF at %d", i).isTrue();
            } else {
                assertThat(c == '\n' || !Character.isISOControl(c)).as("control U+%04X at %d", (int) c, i).isTrue();
            }
        }
        assertThat(TerminalText.escape(e)).isEqualTo(e);
        assertThat(e.length()).isGreaterThanOrEqualTo(text.length());
    }
}
