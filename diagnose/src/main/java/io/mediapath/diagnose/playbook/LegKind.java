package io.mediapath.diagnose.playbook;

/** The legs of the edge playbook, each run as an ice-core probe. */
public enum LegKind {
    /** All A/AAAA records of the relay name, timed. */
    DNS("dns"),
    /** The relay protocol on the UDP port (MS-TURN Allocate → 401, or STUN Binding + TURN Allocate → 401). */
    UDP_RELAY("udp-relay"),
    /** A bare TCP connect to the TCP port: the telnet / PortQry test. */
    TCP_CONNECT("tcp-connect"),
    /** The relay protocol on the TCP port (pseudo-TLS + framed MS-TURN, or TURN over TCP). */
    TCP_RELAY("tcp-relay"),
    /** TURN over TLS on the TCP port, SNI = the relay name (turn dialect only). */
    TURNS("turns"),
    /** A real TLS ClientHello with SNI = the relay name: what a browser sees. */
    BROWSER_SNI("browser-sni"),
    /** A real TLS ClientHello without SNI (by IP): what the relay's own hello looks like to a proxy. */
    BROWSER_NO_SNI("browser-no-sni"),
    /** An HTTPS (then HTTP) GET to the relay address: the page a browser gets. */
    HTTP("http"),
    /** The relay hello through the configured explicit proxy (CONNECT). */
    EXPLICIT_PROXY("explicit-proxy"),
    /**
     * A hello sent to the mediapath responder beside the relay, with a receipt request (legs {@code responder-udp},
     * {@code responder-tcp}, {@code responder-pseudo-tls}, {@code responder-tls}): the two-ended proof.
     */
    RESPONDER("responder"),
    /**
     * TURN over TCP through the explicit proxy (CONNECT, Basic auth when given): the 401, or with credentials an
     * Allocate, proves media can take the proxy path at all (turn dialect).
     */
    PROXY_RELAY("proxy-relay"),
    /**
     * RFC 5780 NAT behaviour discovery against the relay's UDP port (turn dialect: the server's first Binding answer
     * says whether it supports RFC 5780; MS-TURN has no OTHER-ADDRESS, so an Edge's UDP answer already says it does
     * not). Informational: mapping, filtering, hairpinning and what they mean for ICE; it never fails a modality.
     */
    NAT("nat"),
    /** A probe the caller added. */
    CUSTOM("custom");

    private final String label;

    LegKind(String label) {
        this.label = label;
    }

    /** The leg's name in reports. */
    public String label() {
        return label;
    }
}
