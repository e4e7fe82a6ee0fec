package io.mediapath.cli;

import io.mediapath.sdp.TerminalText;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Everything the command line prints goes through this writer: text from a log, an SDP, an HTTP page or a TURN
 * reason can hold terminal controls, and no rendering should have to remember to escape them. The escaping is
 * {@link TerminalText}'s (JSON-style, so JSON output keeps its meaning); a CR is held until the next character shows
 * whether it ends a line.
 */
final class EscapingWriter extends FilterWriter {

    private boolean pendingCr;

    EscapingWriter(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        char ch = (char) c;
        if (pendingCr) {
            pendingCr = false;
            out.write(ch == '\n' ? "\r" : "\\r");
        }
        if (ch == '\r') {
            pendingCr = true;
        } else if (TerminalText.isControl(ch)) {
            out.write(TerminalText.escape(String.valueOf(ch)));
        } else {
            out.write(ch);
        }
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(buf[i]);
        }
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(s.charAt(i));
        }
    }

    @Override
    public void flush() throws IOException {
        if (pendingCr) {
            pendingCr = false;
            out.write("\\r"); // a CR at a flush ends no line that anyone sees
        }
        out.flush();
    }
}
