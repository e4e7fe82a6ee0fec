package io.mediapath.sdp.sip;

/**
 * A SIP message (or a multipart body inside one) could not be parsed. Carries the source name, the 1-based line
 * and column of the problem in that source, the offending line and what was expected there, so a tool can print
 * {@code file:line:col: message} like a compiler and a finding can cite the line.
 */
public final class SipParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String lineText;
    private final String problem;
    private final String expected;

    /**
     * @param source   where the text came from (file name, {@code "-"} for stdin, {@code "<string>"})
     * @param line     1-based line number in the source
     * @param column   1-based column (in UTF-16 chars of the line)
     * @param lineText the offending line without its line ending (may be empty)
     * @param problem  what is wrong
     * @param expected what was expected instead (may be empty)
     */
    public SipParseException(String source, int line, int column, String lineText, String problem, String expected) {
        // No stack trace: the source line and column are the location that matters, and log scans meet many
        // malformed messages (see SdpParseException).
        super(format(source, line, column, problem, expected), null, false, false);
        this.source = source == null ? "" : source;
        this.line = line;
        this.column = column;
        this.lineText = lineText == null ? "" : lineText;
        this.problem = problem;
        this.expected = expected == null ? "" : expected;
    }

    private static String format(String source, int line, int column, String problem, String expected) {
        String where = (source == null || source.isEmpty() ? "" : source + ":") + line + ":" + column + ": " + problem;
        return expected == null || expected.isEmpty() ? where : where + " (expected: " + expected + ")";
    }

    /** Name of the source the message came from. */
    public String source() {
        return source;
    }

    /** 1-based line number of the problem in the source. */
    public int line() {
        return line;
    }

    /** 1-based column of the problem. */
    public int column() {
        return column;
    }

    /** The offending line, without its line ending. */
    public String lineText() {
        return lineText;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }

    /** What was expected at that place; empty when there is nothing more specific to say. */
    public String expected() {
        return expected;
    }
}
