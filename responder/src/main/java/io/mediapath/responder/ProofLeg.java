package io.mediapath.responder;

/** The legs the near end sends to the responder, each with its own conclusion. */
public enum ProofLeg {
    /** A STUN Binding over UDP carrying the receipt request (and padding, so the receipt fits without amplification). */
    UDP("udp", true),
    /**
     * A STUN Binding over TCP (as TURN over TCP 443 starts), then the receipt request: the telnet test with a
     * protocol, and proof of who accepted the connection.
     */
    TCP("tcp", false),
    /** The MS-TURN pseudo-TLS hello on TCP, then the receipt request. */
    PSEUDO_TLS("pseudo-tls", false),
    /** A real TLS handshake (SNI = the responder's name), then the receipt request inside TLS. */
    TLS("tls", false);

    private final String label;
    private final boolean udp;

    ProofLeg(String label, boolean udp) {
        this.label = label;
        this.udp = udp;
    }

    /** The leg's name in reports. */
    public String label() {
        return label;
    }

    /** True for the UDP leg (sent to the responder's UDP port, the others to its TCP port). */
    public boolean udp() {
        return udp;
    }
}
