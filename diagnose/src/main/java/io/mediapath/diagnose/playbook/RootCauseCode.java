package io.mediapath.diagnose.playbook;

/**
 * The one cause the edge playbook names. Stable strings scripts match on (listed in {@code docs/findings.md}).
 */
public enum RootCauseCode {
    /** Every modality works over its preferred path. */
    NONE,
    /** UDP to the relay gets no answer while TCP works: audio and video fall back to TCP. */
    UDP_BLOCKED,
    /** The TCP port of the relay cannot be connected to (refused or dropped) while UDP works. */
    TCP_BLOCKED,
    /** Something terminates TLS on the relay's TCP port: the (pseudo-)TLS hello never reaches the relay. */
    TLS_INTERCEPTED,
    /** A web proxy answers on the relay's TCP port with HTTP (407 authentication, 302 portal, block page). */
    HTTP_PROXY,
    /** The connection is reset or closed right after the hello: a middlebox refuses what it cannot inspect. */
    MIDDLEBOX_RESET,
    /** The connection opens, but nothing answers the hello before the deadline: a middlebox swallows it. */
    MIDDLEBOX_SILENT,
    /** Neither UDP nor TCP reaches the relay. */
    RELAY_UNREACHABLE,
    /** The relay's name does not resolve. */
    DNS_FAILURE,
    /** The path works (the relay challenged) but it refused the credentials. */
    AUTH_FAILED,
    /**
     * TLS with the relay's name is left alone but TLS without a name is intercepted: the bypass rule matches names
     * (SNI) only, and the relay hello carries none.
     */
    NAME_ONLY_BYPASS
}
