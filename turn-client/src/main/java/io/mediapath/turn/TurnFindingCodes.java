package io.mediapath.turn;

import io.mediapath.ice.FindingCode;
import io.mediapath.ice.Severity;
import io.mediapath.sdp.msdiag.Remedies;
import java.util.List;

/**
 * turn-client's finding catalogue: every code {@link TurnProbe} reports, and those an MS-TURN run reports in the same
 * words, with its usual severity, title and remedy ({@code docs/findings.md} lists exactly these).
 */
public final class TurnFindingCodes {
    private TurnFindingCodes() {
    }

    /** The server name did not resolve */
    public static final FindingCode TURN_RESOLVE_FAILED = FindingCode.of("TURN_RESOLVE_FAILED", Severity.ERROR,
            "The server name did not resolve",
            "Check the server name and DNS from this network.");

    /** TCP RST, or ICMP port unreachable on UDP: nothing listens, or a firewall rejects */
    public static final FindingCode TURN_CONNECT_REFUSED = FindingCode.of("TURN_CONNECT_REFUSED", Severity.ERROR,
            "TCP RST, or ICMP port unreachable on UDP: nothing listens, or a firewall rejects",
            "Nothing listens on that port, or a firewall rejects it: check the server process and the port.");

    /** No route to the server */
    public static final FindingCode TURN_UNREACHABLE = FindingCode.of("TURN_UNREACHABLE", Severity.ERROR,
            "No route to the server",
            "No route to the server: check routing, VPN and firewall rules.");

    /** No answer before the deadline (silently dropped, or server down) */
    public static final FindingCode TURN_TIMEOUT = FindingCode.of("TURN_TIMEOUT", Severity.ERROR,
            "No answer before the deadline (silently dropped, or server down)",
            "No answer at all: a firewall silently drops the traffic, or the server is down. Try TCP/TLS "
                    + "443.");

    /** TLS handshake failed (trust, name, protocol); the presented chain is recorded */
    public static final FindingCode TURN_TLS_FAILED = FindingCode.of("TURN_TLS_FAILED", Severity.ERROR,
            "TLS handshake failed (trust, name, protocol); the presented chain is recorded",
            "Check the server certificate (chain, name) and whether a proxy intercepts TLS.");

    /** Something answered, but not STUN (proxy, web server) */
    public static final FindingCode TURN_NOT_STUN = FindingCode.of("TURN_NOT_STUN", Severity.ERROR,
            "Something answered, but not STUN (proxy, web server)",
            "Something other than a STUN/TURN server answered (proxy, web server).");

    /** An unauthenticated Allocate got neither a 401 with REALM/NONCE nor anything TURN-like */
    public static final FindingCode TURN_NO_CHALLENGE = FindingCode.of("TURN_NO_CHALLENGE", Severity.ERROR,
            "An unauthenticated Allocate got neither a 401 with REALM/NONCE nor anything TURN-like",
            "The server did not answer an Allocate with 401: not a TURN server with long-term credentials, "
                    + "or misconfigured.");

    /** The server is reachable and challenged, but rejects the credentials (401/441), or a downgrade was detected */
    public static final FindingCode TURN_AUTH_FAILED = FindingCode.of("TURN_AUTH_FAILED", Severity.ERROR,
            "The server is reachable and challenged, but rejects the credentials (401/441), or a downgrade "
                    + "was detected",
            "The server is reachable but rejects the credentials: check username, password/secret and "
                    + "realm, and the clock for REST API credentials.");

    /** A response's MESSAGE-INTEGRITY was missing or wrong */
    public static final FindingCode TURN_INTEGRITY_FAILED = FindingCode.of("TURN_INTEGRITY_FAILED", Severity.ERROR,
            "A response's MESSAGE-INTEGRITY was missing or wrong",
            "Responses fail MESSAGE-INTEGRITY: a middlebox alters STUN, or the credentials differ from the "
                    + "server's.");

    /** Allocate error response (437, 440, 486, 508, …; code in the evidence) */
    public static final FindingCode TURN_ALLOCATE_FAILED = FindingCode.of("TURN_ALLOCATE_FAILED", Severity.ERROR,
            "Allocate error response (437, 440, 486, 508, …; code in the evidence)",
            "Read the STUN error code: 437 allocation mismatch, 440 address family, 486 quota, 508 capacity.");

    /** CreatePermission refused (403: peer address denied by policy) */
    public static final FindingCode TURN_PERMISSION_FAILED = FindingCode.of("TURN_PERMISSION_FAILED", Severity.ERROR,
            "CreatePermission refused (403: peer address denied by policy)",
            "403: the server's peer policy denies that address.");

    /** Relay allocated, but the echo peer's answer did not come back through it */
    public static final FindingCode TURN_RELAY_ECHO_FAILED = FindingCode.of("TURN_RELAY_ECHO_FAILED", Severity.ERROR,
            "Relay allocated, but the echo peer's answer did not come back through it",
            "The relay works but data does not come back: check the peer, the server's relay ports and its "
                    + "peer policy.");

    /** The server closed the connection mid-probe */
    public static final FindingCode TURN_CONNECTION_CLOSED = FindingCode.of("TURN_CONNECTION_CLOSED", Severity.ERROR,
            "The server closed the connection mid-probe",
            "Read the server's logs; a proxy may be cutting the stream.");

    /** The local address (--local) cannot reach the server: another address family, or not an address of this host */
    public static final FindingCode TURN_LOCAL_ADDRESS_UNUSABLE = FindingCode.of("TURN_LOCAL_ADDRESS_UNUSABLE",
            Severity.ERROR,
            "The local address (--local) cannot reach the server: another address family (checked before anything "
                    + "is sent), or not an address of this host",
            "Choose a local address (--local) of this host and of the server's address family, or leave it out.");

    /** Protocol violation (unknown comprehension-required attribute, missing attribute) */
    public static final FindingCode TURN_PROTOCOL_ERROR = FindingCode.of("TURN_PROTOCOL_ERROR", Severity.ERROR,
            "Protocol violation (unknown comprehension-required attribute, missing attribute)",
            "Report to the server vendor.");

    /** A stun: Binding got an error response */
    public static final FindingCode STUN_BINDING_FAILED = FindingCode.of("STUN_BINDING_FAILED", Severity.ERROR,
            "A stun: Binding got an error response",
            "Act on the STUN code.");

    /** Relay allocated; the relayed address is exposed as an ICE relay candidate */
    public static final FindingCode TURN_ALLOCATED = FindingCode.of("TURN_ALLOCATED", Severity.INFO,
            "Relay allocated; the relayed address is exposed as an ICE relay candidate",
            "");

    /** Stun: Binding answered with a mapped address */
    public static final FindingCode STUN_BINDING_OK = FindingCode.of("STUN_BINDING_OK", Severity.INFO,
            "Stun: Binding answered with a mapped address",
            "");

    /** The server offers no PASSWORD-ALGORITHMS: MD5 key with HMAC-SHA1 (coturn 4.6.1) */
    public static final FindingCode TURN_MD5_ONLY = FindingCode.of("TURN_MD5_ONLY", Severity.INFO,
            "The server offers no PASSWORD-ALGORITHMS: MD5 key with HMAC-SHA1 (coturn 4.6.1)",
            "None needed for interoperability; RFC 8489 SHA-256 support needs a newer server.");

    /**
     * The server answered the Allocate with 300 Try Alternate and the probe followed ALTERNATE-SERVER (step redirect,
     * from → to in the detail)
     */
    public static final FindingCode TURN_REDIRECTED = FindingCode.of("TURN_REDIRECTED", Severity.INFO,
            "The server answered the Allocate with 300 Try Alternate and the probe followed "
                    + "ALTERNATE-SERVER (step redirect, from → to in the detail)",
            "None needed if the alternate is intended (load balancing); clients without ALTERNATE-SERVER "
                    + "support fail here, so configure them with the alternate.");

    /** --tcp-peer: an RFC 6062 TCP allocation relayed raw bytes to the TCP echo peer and back (step tcp-relay-echo) */
    public static final FindingCode TURN_TCP_RELAY_OK = FindingCode.of("TURN_TCP_RELAY_OK", Severity.INFO,
            "--tcp-peer: an RFC 6062 TCP allocation relayed raw bytes to the TCP echo peer and back (step "
                    + "tcp-relay-echo)",
            "");

    /**
     * The RFC 6062 step failed: 447 the server could not reach the TCP peer, 446 connection exists, 400/442 no TCP
     * relays on the server, or no echo
     */
    public static final FindingCode TURN_TCP_RELAY_FAILED = FindingCode.of("TURN_TCP_RELAY_FAILED", Severity.ERROR,
            "The RFC 6062 step failed: 447 the server could not reach the TCP peer, 446 connection exists, "
                    + "400/442 no TCP relays on the server, or no echo",
            "RFC 6062 TCP relaying failed: 447 means the server could not reach the TCP peer (closed port, "
                    + "firewall); 400/442 a server without TCP relays (coturn no-tcp-relay).");

    /**
     * A 300 Try Alternate could not be followed: redirection loop, more than maxRedirects, ALTERNATE-SERVER
     * missing/malformed/of another address family, or the alternate unreachable
     */
    public static final FindingCode TURN_REDIRECT_FAILED = FindingCode.of("TURN_REDIRECT_FAILED", Severity.ERROR,
            "A 300 Try Alternate could not be followed: redirection loop, more than maxRedirects, "
                    + "ALTERNATE-SERVER missing/malformed/of another address family, or the alternate unreachable",
            "Fix the alternate-server configuration: servers must not redirect to each other, and the "
                    + "alternate must be reachable with the same transport.");

    /** Without credentials: the Edge answered the Allocate with 401 REALM/NONCE, which proves the path to it */
    public static final FindingCode TURN_CHALLENGED = FindingCode.of("TURN_CHALLENGED", Severity.INFO,
            "Without credentials: the Edge answered the Allocate with 401 REALM/NONCE, which proves the "
                    + "path to it",
            "");

    /** Over TCP the pseudo-TLS hello was answered by something other than the Edge; no credentials were sent */
    public static final FindingCode TURN_PSEUDO_TLS_INTERCEPTED =
            FindingCode.of("TURN_PSEUDO_TLS_INTERCEPTED", Severity.CRITICAL,
                "Over TCP the pseudo-TLS hello was answered by something other than the Edge; no credentials "
                        + "were sent",
                "Something between this host and the Edge answered the pseudo-TLS hello (no credentials were "
                        + "sent); `mediapath tls --pseudo-tls <edge>:443` names it. "
                    + Remedies.bypassInspectionByIp("", 443, true));

    private static final List<FindingCode> ALL = List.of(TURN_RESOLVE_FAILED,
            TURN_CONNECT_REFUSED,
            TURN_UNREACHABLE,
            TURN_TIMEOUT,
            TURN_TLS_FAILED,
            TURN_NOT_STUN,
            TURN_NO_CHALLENGE,
            TURN_AUTH_FAILED,
            TURN_INTEGRITY_FAILED,
            TURN_ALLOCATE_FAILED,
            TURN_PERMISSION_FAILED,
            TURN_RELAY_ECHO_FAILED,
            TURN_CONNECTION_CLOSED,
            TURN_LOCAL_ADDRESS_UNUSABLE,
            TURN_PROTOCOL_ERROR,
            STUN_BINDING_FAILED,
            TURN_ALLOCATED,
            STUN_BINDING_OK,
            TURN_MD5_ONLY,
            TURN_REDIRECTED,
            TURN_TCP_RELAY_OK,
            TURN_TCP_RELAY_FAILED,
            TURN_REDIRECT_FAILED,
            TURN_CHALLENGED,
            TURN_PSEUDO_TLS_INTERCEPTED);

    /** Every entry, in the order of {@code docs/findings.md}. */
    public static List<FindingCode> all() {
        return ALL;
    }

    /**
     * The code of a failed probe step: the failure's kind says what went wrong, the step where (a protocol error
     * while allocating is an Allocate failure, while binding a Binding failure).
     */
    public static FindingCode forFailure(String step, TurnException.Kind kind) {
        return switch (kind) {
            case RESOLVE_FAILED -> TURN_RESOLVE_FAILED;
            case CONNECT_REFUSED -> TURN_CONNECT_REFUSED;
            case UNREACHABLE -> TURN_UNREACHABLE;
            case TIMEOUT -> step.equals("relay-echo") ? TURN_RELAY_ECHO_FAILED
                    : step.equals("tcp-relay-echo") ? TURN_TCP_RELAY_FAILED : TURN_TIMEOUT;
            case TLS_FAILED -> TURN_TLS_FAILED;
            case NOT_STUN, DIALECT_MISMATCH -> TURN_NOT_STUN;
            // Raised only by the MS-TURN client, whose hello goes first over TCP.
            case PSEUDO_TLS_INTERCEPTED -> TURN_PSEUDO_TLS_INTERCEPTED;
            case AUTH_FAILED -> TURN_AUTH_FAILED;
            case INTEGRITY -> TURN_INTEGRITY_FAILED;
            case CLOSED -> TURN_CONNECTION_CLOSED;
            case LOCAL_ADDRESS -> TURN_LOCAL_ADDRESS_UNUSABLE;
            case REDIRECT_LIMIT, PROTOCOL, ERROR_RESPONSE -> switch (step) {
                case "first-response" -> TURN_NO_CHALLENGE;
                case "redirect" -> TURN_REDIRECT_FAILED;
                case "tcp-relay-echo" -> TURN_TCP_RELAY_FAILED;
                case "allocate" -> TURN_ALLOCATE_FAILED;
                case "permission" -> TURN_PERMISSION_FAILED;
                case "relay-echo" -> TURN_RELAY_ECHO_FAILED;
                case "binding" -> STUN_BINDING_FAILED;
                default -> TURN_PROTOCOL_ERROR;
            };
        };
    }
}
