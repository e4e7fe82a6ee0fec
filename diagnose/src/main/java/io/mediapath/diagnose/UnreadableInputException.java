package io.mediapath.diagnose;

/** The input is neither an SDP, a SIP message, a log with SIP messages, nor diagnostics headers; or it cannot be read. */
public final class UnreadableInputException extends Exception {
    private static final long serialVersionUID = 1L;

    /** With the reason a person reads on stderr. */
    public UnreadableInputException(String message) {
        super(message);
    }

    /** With the reason and the cause. */
    public UnreadableInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
