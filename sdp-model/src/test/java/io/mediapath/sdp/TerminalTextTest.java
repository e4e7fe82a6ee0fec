package io.mediapath.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 11 item 7: the one escaper every text rendering of input or network bytes goes through. */
class TerminalTextTest {

    @Test
    void escapesOscCsiBelAndLoneCarriageReturnButKeepsLineBreaks() {
        String hostile = "s=\u001b]0;owned\u0007 \u001b]52;c;SGVsbG8=\u0007\u001b[31mred\u009b2K\rverdict\r\nnext\n\ttab\u007f";
        assertThat(TerminalText.escape(hostile)).isEqualTo(
                "s=\\u001b]0;owned\\u0007 \\u001b]52;c;SGVsbG8=\\u0007\\u001b[31mred\\u009b2K\\rverdict\r\nnext\n\\ttab\\u007f");
    }

    @Test
    void plainTextIsReturnedAsIs() {
        String plain = "INVITE sip:bob@example.com SIP/2.0 — ünïcode ok\n";
        assertThat(TerminalText.escape(plain)).isSameAs(plain);
    }
}
