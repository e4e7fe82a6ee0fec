package io.mediapath.ice.receipt;

/** What the responder's classifier read the first bytes of an arrival as. */
public enum ArrivalKind {
    /** An RFC 5389/8489 STUN Binding request. */
    STUN_BINDING("stun-binding"),
    /** An RFC TURN Allocate request. */
    TURN_ALLOCATE("turn-allocate"),
    /** Another RFC STUN/TURN message. */
    STUN_OTHER("stun-other"),
    /** An MS-TURN message (16-byte transaction id, MAGIC-COOKIE attribute first). */
    MS_TURN("ms-turn"),
    /** The MS-TURN 50-byte pseudo-TLS ClientHello. */
    PSEUDO_TLS_HELLO("pseudo-tls-hello"),
    /** A real TLS ClientHello. */
    TLS_CLIENT_HELLO("tls-client-hello"),
    /** An HTTP request line. */
    HTTP("http"),
    /** A bare receipt request (nothing else came first on the connection). */
    RECEIPT_REQUEST("receipt-request"),
    /** Anything else, or too few bytes to tell. */
    UNKNOWN("unknown");

    private final String label;

    ArrivalKind(String label) {
        this.label = label;
    }

    /** The kind's name in logs and reports. */
    public String label() {
        return label;
    }

    static ArrivalKind ofCode(int code) {
        ArrivalKind[] v = values();
        if (code < 0 || code >= v.length) {
            throw new ReceiptFormatException("arrival kind code " + code);
        }
        return v[code];
    }
}
