package io.mediapath.diagnose;

/**
 * The one cause a diagnosis names, offline ({@code mediapath analyze}) or live (the edge playbook): one vocabulary
 * for both, so a suspicion from a log and a confirmation from a probe carry the same code. Stable strings scripts
 * match on, listed in {@code docs/findings.md}.
 */
public enum RootCauseCode {
    /** Nothing stops media: every modality works over its preferred path. */
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
    NAME_ONLY_BYPASS,
    /** The client has no relay (TURN/Edge) to use: none configured, or none given to it (MRAS). Offline only. */
    NO_RELAY_CONFIGURED,
    /**
     * The session description was taken before ICE gathering finished, or its candidates travel separately
     * (trickle): it cannot say whether media can flow. Offline only.
     */
    CANDIDATES_NOT_GATHERED,
    /** Something is wrong, but the evidence does not single out one cause; the findings say what is known. */
    UNDETERMINED
}
