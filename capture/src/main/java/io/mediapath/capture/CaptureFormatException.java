package io.mediapath.capture;

import java.io.IOException;
import java.util.Objects;

/**
 * A capture file that cannot be read on: a typed reason and the file offset where reading stopped. Frames read
 * before the error stay valid (a capture cut short by a full disk is still worth judging up to the cut).
 */
public final class CaptureFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why the file cannot be read on. */
    public enum Reason {
        /** The first four bytes are neither a pcap magic nor a pcapng Section Header Block. */
        NOT_A_CAPTURE,
        /** The file ends inside a header, a record or a block. */
        TRUNCATED,
        /** A length field is impossible: larger than the format or this reader allows, not a multiple of 4, or
         * smaller than the structure it frames (a block length of 2^32 − 1 is this). */
        BAD_LENGTH,
        /** A classic pcap header says the snapshot length is zero. */
        ZERO_SNAPLEN,
        /** A version or byte-order mark this reader does not know. */
        UNSUPPORTED_VERSION,
        /** A packet names an interface the section never described. */
        UNKNOWN_INTERFACE
    }

    private final Reason reason;
    private final long offset;

    /** An error of this kind at this byte offset of the file. */
    public CaptureFormatException(Reason reason, long offset, String message) {
        super(Objects.requireNonNull(reason, "reason") + " at offset " + offset + ": " + message);
        this.reason = reason;
        this.offset = offset;
    }

    /** Why reading stopped. */
    public Reason reason() {
        return reason;
    }

    /** Byte offset in the file where the offending structure starts. */
    public long offset() {
        return offset;
    }
}
