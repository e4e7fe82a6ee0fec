package io.mediapath.tls;

/**
 * Who answered on the TCP port, in one word. Only the two {@code GENUINE_*} verdicts mean the path works as it
 * should; every other verdict names a way the hello did not reach, or was not answered by, the real server.
 */
public enum Verdict {
    /** The 83-byte MS-TURN pseudo-TLS answer came back byte-for-byte (random fields masked): the relay answered. */
    GENUINE_PSEUDO_TLS(true),
    /** A TLS server answered with the expected identity (pin, caller's trust anchor, or a public root, and no interceptor tell). */
    GENUINE_TLS(true),
    /** Something terminated TLS in between: forged certificate, certificate in a pseudo-TLS answer, split records. */
    INTERCEPTED(false),
    /** A plaintext HTTP answer (407, 302 portal, 403 block page, 400 from an explicit proxy port) instead of TLS. */
    HTTP_PROXY_RESPONSE(false),
    /** A TLS alert instead of the expected answer: a real TLS stack refused the hello. */
    TLS_ALERT(false),
    /** TCP connect succeeded, then the connection was reset after the hello. */
    RESET_AFTER_HELLO(false),
    /** TCP connect succeeded, then the peer closed (FIN) without answering the hello. */
    CLOSED_AFTER_HELLO(false),
    /** TCP connect succeeded, then nothing came back before the deadline. */
    SILENT_AFTER_HELLO(false),
    /** The TCP connection itself could not be made (refused, unreachable, timed out). */
    CONNECT_FAILED(false),
    /** Bytes came back that are neither TLS nor HTTP, or TLS this client could not complete a handshake with. */
    NOT_TLS(false);

    private final boolean genuine;

    Verdict(boolean genuine) {
        this.genuine = genuine;
    }

    /** True for the verdicts that mean the real server answered. */
    public boolean genuine() {
        return genuine;
    }
}
