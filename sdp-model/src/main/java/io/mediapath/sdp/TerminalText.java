package io.mediapath.sdp;

/**
 * Makes text from an input or the network safe to print on a terminal. A log line, a Call-ID, an {@code s=} line, an
 * HTTP header or a TLS alert reason can hold control characters: {@code ESC ] 0 ; … BEL} retitles the terminal, OSC
 * 52 writes the clipboard, {@code ESC [ 2K} or a lone CR overwrites the verdict line. Every C0 and C1 control (and
 * DEL) is written as a visible JSON-style escape ({@code \u001b}, {@code \t}, {@code \r}), so the same escaper can be
 * applied to JSON text without changing what it means. Only the line break survives ({@code \n}, and {@code \r\n}).
 *
 * <p>One escaper, used by every text rendering: the reports of diagnose and everything the command line prints.
 */
public final class TerminalText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TerminalText() {
    }

    /** True when {@code c} must not reach a terminal raw: C0 (but LF), DEL and C1. */
    public static boolean isControl(char c) {
        return (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f);
    }

    /** {@code text} with every control character (but the line break) escaped; returns itself when there is none. */
    public static String escape(String text) {
        int n = text.length();
        int i = 0;
        while (i < n && !needsEscape(text, i)) {
            i++;
        }
        if (i == n) {
            return text; // the common case allocates nothing
        }
        StringBuilder b = new StringBuilder(n + 16).append(text, 0, i);
        for (; i < n; i++) {
            appendEscaped(b, text, i);
        }
        return b.toString();
    }

    /** Appends {@code text.charAt(i)}, escaped if it is a control character ({@code \r} is kept before {@code \n}). */
    static void appendEscaped(StringBuilder b, CharSequence text, int i) {
        char c = text.charAt(i);
        if (!needsEscape(text, i)) {
            b.append(c);
        } else if (c == '\t') {
            b.append("\\t");
        } else if (c == '\r') {
            b.append("\\r");
        } else {
            b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
        }
    }

    /** True when the character at {@code i} is a control to escape; a CR directly before a LF ends a line. */
    public static boolean needsEscape(CharSequence text, int i) {
        char c = text.charAt(i);
        if (!isControl(c)) {
            return false;
        }
        return !(c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n');
    }
}
