package io.mediapath.sdp;

/**
 * A session description (or a value inside one) could not be parsed. Carries the 1-based line and column of the
 * problem, the text of the offending line and what was expected there, so a tool can print
 * {@code file:line:col: message} like a compiler.
 */
public final class SdpParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String lineText;
    private final String problem;
    private final String expected;

    /**
     * @param line     1-based line number (0 when the input has no line structure yet, e.g. a size limit)
     * @param column   1-based column (in UTF-16 chars of the line)
     * @param lineText the offending line without its line ending (may be empty)
     * @param problem  what is wrong
     * @param expected what was expected instead (may be empty)
     */
    public SdpParseException(int line, int column, String lineText, String problem, String expected) {
        // No stack trace: the location that matters is the line and column in the input, and a log scan or a fuzzer
        // meets thousands of malformed descriptions per second — filling a 100-frame trace for each dominated parsing.
        super(format(line, column, problem, expected), null, false, false);
        this.line = line;
        this.column = column;
        this.lineText = lineText == null ? "" : lineText;
        this.problem = problem;
        this.expected = expected == null ? "" : expected;
    }

    private static String format(int line, int column, String problem, String expected) {
        // Line 0: the input as a whole (a size limit); "line 0" would send a person to a line that does not exist.
        String where = line > 0 ? "line " + line + ", column " + column + ": " + problem : problem;
        return expected == null || expected.isEmpty() ? where : where + " (expected: " + expected + ")";
    }

    /** 1-based line number of the problem. */
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
