package io.mediapath.ice.receipt;

/** How the receipted bytes arrived at the responder. */
public enum ReceiptTransport {
    /** One UDP datagram. */
    UDP,
    /** The first bytes of a TCP connection (plain, pseudo-TLS, or the raw TLS ClientHello before decryption). */
    TCP,
    /** The raw TLS ClientHello of a connection the responder completed a real TLS handshake on. */
    TLS;

    static ReceiptTransport ofCode(int code) {
        ReceiptTransport[] v = values();
        if (code < 0 || code >= v.length) {
            throw new ReceiptFormatException("transport code " + code);
        }
        return v[code];
    }
}
