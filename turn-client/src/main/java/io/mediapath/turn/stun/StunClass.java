package io.mediapath.turn.stun;

/** The class of a STUN message (RFC 8489 §5): the two class bits interleaved with the method in the type field. */
public enum StunClass {
    /** A request; expects a success or error response. */
    REQUEST(0b00),
    /** An indication; no response. */
    INDICATION(0b01),
    /** A success response. */
    SUCCESS_RESPONSE(0b10),
    /** An error response (carries ERROR-CODE). */
    ERROR_RESPONSE(0b11);

    private final int bits;

    StunClass(int bits) {
        this.bits = bits;
    }

    /** The two class bits, C1 C0. */
    public int bits() {
        return bits;
    }

    /** True for success and error responses. */
    public boolean isResponse() {
        return this == SUCCESS_RESPONSE || this == ERROR_RESPONSE;
    }

    static StunClass ofBits(int bits) {
        return BY_BITS[bits & 0b11];
    }

    // values() clones its array on every call; decoding runs this per message.
    private static final StunClass[] BY_BITS = values();
}
