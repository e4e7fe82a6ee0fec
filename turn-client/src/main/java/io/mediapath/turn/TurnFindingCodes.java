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

    /** The explicit HTTP proxy answered CONNECT with 407: authentication demanded, or the proxy credentials refused */
    public static final FindingCode TURN_PROXY_AUTH_REQUIRED = FindingCode.of("TURN_PROXY_AUTH_REQUIRED",
            Severity.ERROR,
            "The explicit HTTP proxy answered CONNECT with 407: authentication demanded, or the proxy credentials "
                    + "refused",
            "The web proxy, not the relay, refused: give proxy credentials (--proxy-user with "
                    + "--proxy-password-file/--proxy-password-env) or check them; the TURN credentials are not "
                    + "in question.");

    /** The explicit HTTP proxy did not open the tunnel (403, 502/503, not HTTP, or closed before answering) */
    public static final FindingCode TURN_PROXY_REFUSED = FindingCode.of("TURN_PROXY_REFUSED", Severity.ERROR,
            "The explicit HTTP proxy did not open the tunnel (403, 502/503, not HTTP, or closed before answering)",
            "Ask for the relay's address and port to be allowed through the proxy (CONNECT to ports other than "
                    + "443 is often denied), or for the relay to be reached without the proxy.");

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

    // ------------------------------------------------ NAT behaviour discovery (RFC 5780, io.mediapath.turn.nat)

    /** No NAT between this host and the STUN server: the mapped address is the local one */
    public static final FindingCode NAT_NOT_PRESENT = FindingCode.of("NAT_NOT_PRESENT", Severity.INFO,
            "No NAT between this host and the STUN server: the mapped address is the local one", "");

    /** Endpoint-independent mapping: server-reflexive candidates hold for every peer, direct media can work */
    public static final FindingCode NAT_MAPPING_INDEPENDENT = FindingCode.of("NAT_MAPPING_INDEPENDENT", Severity.INFO,
            "Endpoint-independent mapping: server-reflexive candidates hold for every peer, direct media can work",
            "");

    /**
     * Address- or address-and-port-dependent mapping ("symmetric"): between two sites behind such NATs every call
     * is relayed
     */
    public static final FindingCode NAT_MAPPING_DEPENDENT = FindingCode.of("NAT_MAPPING_DEPENDENT", Severity.WARNING,
            "Address- or address-and-port-dependent mapping (\"symmetric\"): between two sites behind such NATs "
                    + "every call is relayed",
            "Make the NAT's UDP mapping endpoint-independent (RFC 4787 REQ-1; on Linux: MASQUERADE without "
                    + "--random-fully), or plan relay capacity for every call.");

    /** The NAT filters by remote address (and port): a peer's packets pass only after our own checks went out */
    public static final FindingCode NAT_FILTERING_RESTRICTED = FindingCode.of("NAT_FILTERING_RESTRICTED",
            Severity.INFO,
            "The NAT filters by remote address (and port): a peer's packets pass only after our own checks went out",
            "");

    /** Two hosts behind this NAT cannot reach each other through its public address (no hairpinning) */
    public static final FindingCode NAT_HAIRPIN_UNSUPPORTED = FindingCode.of("NAT_HAIRPIN_UNSUPPORTED",
            Severity.WARNING,
            "Two hosts behind this NAT cannot reach each other through its public address (no hairpinning)",
            "Calls inside the site must use host candidates (same network) or the relay; enable hairpinning "
                    + "(NAT loopback) on the NAT if they cannot.");

    /** A NAT binding expires sooner than ICE keepalives (15 s) refresh it */
    public static final FindingCode NAT_BINDING_SHORT = FindingCode.of("NAT_BINDING_SHORT", Severity.WARNING,
            "A NAT binding expires sooner than ICE keepalives (15 s) refresh it",
            "Raise the NAT's UDP timeout to at least 30 s (RFC 4787 REQ-5: 2 minutes).");

    /** The STUN server does not support RFC 5780 (no OTHER-ADDRESS): only the mapped address is known */
    public static final FindingCode NAT_RFC5780_UNSUPPORTED = FindingCode.of("NAT_RFC5780_UNSUPPORTED",
            Severity.WARNING,
            "The STUN server does not support RFC 5780 (no OTHER-ADDRESS): only the mapped address is known",
            "Use a STUN server with two IP addresses and RFC 5780 enabled (coturn with two listening-ip).");

    /**
     * A playbook's NAT leg: the relay does not support RFC 5780, so NAT behaviour was not tested (context, not a
     * fault: a relay need not offer NAT discovery)
     */
    public static final FindingCode NAT_RFC5780_NOT_OFFERED = FindingCode.of("NAT_RFC5780_NOT_OFFERED",
            Severity.INFO,
            "The relay does not support RFC 5780 (no OTHER-ADDRESS), so NAT behaviour was not tested", "");

    /** The first Binding of the NAT tests got no answer: nothing could be tested */
    public static final FindingCode NAT_DISCOVERY_FAILED = FindingCode.of("NAT_DISCOVERY_FAILED", Severity.ERROR,
            "The first Binding of the NAT tests got no answer: nothing could be tested",
            "Check that UDP reaches the STUN server (mediapath turn stun:HOST).");

    // ------------------------------------------------ quality run through the relay (io.mediapath.turn.quality)

    /** Loss, RTT and jitter through the relay are within loss &lt; 1 %, RTT &lt; 100 ms, jitter &lt; 30 ms */
    public static final FindingCode QUALITY_GOOD = FindingCode.of("QUALITY_GOOD", Severity.INFO,
            "Loss, RTT and jitter through the relay are within loss < 1 %, RTT < 100 ms, jitter < 30 ms", "");

    /** Packet loss through the relay is 1 % or more: audio will break up */
    public static final FindingCode QUALITY_LOSS_HIGH = FindingCode.of("QUALITY_LOSS_HIGH", Severity.WARNING,
            "Packet loss through the relay is 1 % or more: audio will break up",
            "Find the lossy hop (Wi-Fi, an overloaded uplink, a shaper); prefer wired, give media a QoS class.");

    /** Round-trip time through the relay is 100 ms or more: conversation will lag */
    public static final FindingCode QUALITY_RTT_HIGH = FindingCode.of("QUALITY_RTT_HIGH", Severity.WARNING,
            "Round-trip time through the relay is 100 ms or more: conversation will lag",
            "Use a relay closer to the site, or a shorter route (VPN hair-pinning, a distant egress).");

    /** RFC 3550 interarrival jitter is 30 ms or more: the jitter buffer will add delay or drop */
    public static final FindingCode QUALITY_JITTER_HIGH = FindingCode.of("QUALITY_JITTER_HIGH", Severity.WARNING,
            "RFC 3550 interarrival jitter is 30 ms or more: the jitter buffer will add delay or drop",
            "Find the congested queue (uplink saturation, bufferbloat); give media priority.");

    /** Not one test packet came back through the relay */
    public static final FindingCode QUALITY_NO_ECHO = FindingCode.of("QUALITY_NO_ECHO", Severity.ERROR,
            "Not one test packet came back through the relay",
            "Check the echo peer, the relay's peer policy and its relay ports.");

    /** Packets that were not ours or had a sequence we never sent were counted and left out of the figures */
    public static final FindingCode QUALITY_STRAY_PACKETS = FindingCode.of("QUALITY_STRAY_PACKETS", Severity.INFO,
            "Packets that were not ours or had a sequence we never sent were counted and left out of the figures",
            "");

    private static final List<FindingCode> ALL = List.of(TURN_RESOLVE_FAILED,
            TURN_CONNECT_REFUSED,
            TURN_UNREACHABLE,
            TURN_TIMEOUT,
            TURN_TLS_FAILED,
            TURN_PROXY_AUTH_REQUIRED,
            TURN_PROXY_REFUSED,
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
            TURN_PSEUDO_TLS_INTERCEPTED,
            NAT_NOT_PRESENT,
            NAT_MAPPING_INDEPENDENT,
            NAT_MAPPING_DEPENDENT,
            NAT_FILTERING_RESTRICTED,
            NAT_HAIRPIN_UNSUPPORTED,
            NAT_BINDING_SHORT,
            NAT_RFC5780_UNSUPPORTED,
            NAT_RFC5780_NOT_OFFERED,
            NAT_DISCOVERY_FAILED,
            QUALITY_GOOD,
            QUALITY_LOSS_HIGH,
            QUALITY_RTT_HIGH,
            QUALITY_JITTER_HIGH,
            QUALITY_NO_ECHO,
            QUALITY_STRAY_PACKETS);

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
            case PROXY_AUTH_REQUIRED -> TURN_PROXY_AUTH_REQUIRED;
            case PROXY_REFUSED -> TURN_PROXY_REFUSED;
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
