package io.mediapath.tls.wire;

/** Bytes that do not follow the wire format; carries the offset where parsing stopped. */
public final class WireFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int offset;

    /** Creates the exception for {@code offset} within the parsed unit. */
    public WireFormatException(String message, int offset) {
        super(message + " (at offset " + offset + ")");
        this.offset = offset;
    }

    /** Offset within the parsed unit where the problem was found. */
    public int offset() {
        return offset;
    }
}
