package io.mediapath.sdp.msdiag;

/**
 * An {@code ms-diagnostics} family header value could not be parsed (no diagnostic code, or a parameter that is not
 * {@code name[=value]}). Carries the 0-based offset into the value and what was expected there.
 */
public final class MsDiagnosticsParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int offset;
    private final String expected;

    /**
     * @param offset   0-based char offset in the header value
     * @param problem  what is wrong
     * @param expected what was expected there
     */
    public MsDiagnosticsParseException(int offset, String problem, String expected) {
        super("offset " + offset + ": " + problem + (expected.isEmpty() ? "" : " (expected: " + expected + ")"));
        this.offset = offset;
        this.expected = expected;
    }

    /** No stack trace: the offset in the value is the location that matters (see SdpParseException). */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** 0-based char offset of the problem in the header value. */
    public int offset() {
        return offset;
    }

    /** What was expected at that offset. */
    public String expected() {
        return expected;
    }
}
