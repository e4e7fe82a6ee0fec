package io.mediapath.ice.receipt;

/** Bytes that are not a well-formed receipt, receipt request or frame (the message says which field). */
public final class ReceiptFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An exception naming what is malformed. */
    public ReceiptFormatException(String message) {
        super(message);
    }
}
