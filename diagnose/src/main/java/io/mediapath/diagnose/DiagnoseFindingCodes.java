package io.mediapath.diagnose;

import io.mediapath.ice.FindingCode;
import io.mediapath.ice.Severity;
import java.util.List;

/**
 * diagnose's finding catalogue: the codes {@link Analyzer} reports about its input itself, and the edge playbook's
 * own legs and combiner (the audits' and probes' codes come from ice-core's, turn-client's and tls-inspect's
 * catalogues). {@code docs/findings.md} lists exactly these.
 */
public final class DiagnoseFindingCodes {
    private DiagnoseFindingCodes() {
    }

    /** A body or diagnostics header that does not parse. */
    public static final FindingCode MALFORMED_BODY = FindingCode.of("MALFORMED_BODY", Severity.WARNING,
            "An SDP body or multipart body does not parse; the rest is still analyzed",
            "Only what parses can be audited; check that the log was not cut inside the body.");

    /** A diagnostics header whose value does not parse. */
    public static final FindingCode MS_DIAG_UNPARSABLE = FindingCode.of("MS_DIAG_UNPARSABLE", Severity.INFO,
            "A diagnostics header value does not parse", "");

    /** A part of the input the log scanner skipped (too long, not a SIP message), or rebuilt from truncated fields. */
    public static final FindingCode LOG_SCAN_PROBLEM = FindingCode.of("LOG_SCAN_PROBLEM", Severity.INFO,
            "The log scanner skipped part of the input, or rebuilt a message from Wireshark packet-detail text whose "
                    + "fields were printed [truncated]", "");

    /** An MRAS answer in the log that {@link RelayExtractor} could not read (cut, too large, not XML, bad host). */
    public static final FindingCode MRAS_UNREADABLE = FindingCode.of("MRAS_UNREADABLE", Severity.INFO,
            "An MRAS answer in the log could not be read; the relays it names are not probed",
            "Give the relays with `mediapath edge HOST`.");

    /**
     * A streamed log had more dialogs with findings than a report lists; the rest are counted per code. Reported
     * with the worst severity seen for the code and the first example's remedy.
     */
    public static final FindingCode MORE_DIALOGS = FindingCode.of("MORE_DIALOGS", Severity.INFO,
            "More dialogs with findings than a streamed report lists; the further ones are counted per code",
            "Split the log or filter it by Call-ID for details.");


    /** Edge playbook: The relay name resolved (every A/AAAA record, timed). */
    public static final FindingCode EDGE_DNS_RESOLVED = FindingCode.of("EDGE_DNS_RESOLVED", Severity.INFO,
            "The relay name resolved (every A/AAAA record, timed)",
            "");

    /** Edge playbook: The relay name did not resolve, or not before the deadline. */
    public static final FindingCode EDGE_DNS_FAILED = FindingCode.of("EDGE_DNS_FAILED", Severity.CRITICAL,
            "The relay name did not resolve, or not before the deadline",
            "Check the name and the DNS servers of this network (split DNS: internal clients must resolve the Edge's internal FQDN).");

    /** Edge playbook: An intranet client resolves the Edge name to a public address (the seed's first check). */
    public static final FindingCode EDGE_NAME_RESOLVES_PUBLIC = FindingCode.of("EDGE_NAME_RESOLVES_PUBLIC", Severity.WARNING,
            "An intranet client resolves the Edge name to a public address (the seed's first check)",
            "Publish the Edge's internal FQDN with its internal-interface address in the internal DNS zone (split DNS), and give internal clients that name (MRAS mediaRelayList).");

    /** Edge playbook: An internet client resolves the relay name only to non-public addresses. */
    public static final FindingCode EDGE_NAME_RESOLVES_PRIVATE = FindingCode.of("EDGE_NAME_RESOLVES_PRIVATE", Severity.WARNING,
            "An internet client resolves the relay name only to non-public addresses",
            "Give external clients the Edge's external A/V FQDN.");

    /** Edge playbook: The telnet/PortQry test: the TCP connect succeeded (nothing sent); alone it proves nothing about what answers the hello. */
    public static final FindingCode TCP_PORT_OPEN = FindingCode.of("TCP_PORT_OPEN", Severity.INFO,
            "The telnet/PortQry test: the TCP connect succeeded (nothing sent); alone it proves nothing about what answers the hello",
            "");

    /** Edge playbook: The TCP connect was refused, unreachable or timed out. */
    public static final FindingCode TCP_CONNECT_FAILED = FindingCode.of("TCP_CONNECT_FAILED", Severity.CRITICAL,
            "The TCP connect was refused, unreachable or timed out",
            "Allow the TCP port from this network to the relay's addresses.");

    /** Edge playbook: The telnet/PortQry test passes, yet the relay protocol on that port fails. */
    public static final FindingCode TCP_OPEN_RELAY_FAILS = FindingCode.of("TCP_OPEN_RELAY_FAILS", Severity.CRITICAL,
            "The telnet/PortQry test passes, yet the relay protocol on that port fails",
            "Act on the root cause: exempt the relay's IP addresses from inspection and proxying.");

    /** Edge playbook: ms-turn dialect: real TLS to the Edge was refused by the Edge itself (no certificate, no page): nothing answered in its place. */
    public static final FindingCode BROWSER_TLS_UNTOUCHED = FindingCode.of("BROWSER_TLS_UNTOUCHED", Severity.INFO,
            "ms-turn dialect: real TLS to the Edge was refused by the Edge itself (no certificate, no page): nothing answered in its place",
            "");

    /** Edge playbook: Real TLS to the relay address is intercepted, but the relay protocol gets through (a device that passes what it cannot inspect). */
    public static final FindingCode BROWSER_TLS_INTERCEPTED_RELAY_PASSES = FindingCode.of("BROWSER_TLS_INTERCEPTED_RELAY_PASSES", Severity.WARNING,
            "Real TLS to the relay address is intercepted, but the relay protocol gets through (a device that passes what it cannot inspect)",
            "None needed today; exempt the relay's IP addresses before a policy change (blocking unknown protocols) breaks app sharing.");

    /** Edge playbook: A browser going to the relay address gets a page that is not a proxy's (e.g. coturn's own). */
    public static final FindingCode HTTP_PAGE = FindingCode.of("HTTP_PAGE", Severity.INFO,
            "A browser going to the relay address gets a page that is not a proxy's (e.g. coturn's own)",
            "");

    /** Edge playbook: A browser going to the relay address gets a proxy's answer (407, a redirect, 403, Via, Proxy-Authenticate). */
    public static final FindingCode HTTP_PROXY_PAGE = FindingCode.of("HTTP_PROXY_PAGE", Severity.ERROR,
            "A browser going to the relay address gets a proxy's answer (407, a redirect, 403, Via, Proxy-Authenticate)",
            "The relay address is handled by a web proxy: exempt it by IP address.");

    /** Edge playbook: No web page from the relay address (as expected of a relay). */
    public static final FindingCode HTTP_NO_PAGE = FindingCode.of("HTTP_NO_PAGE", Severity.INFO,
            "No web page from the relay address (as expected of a relay)",
            "");

    /** Edge playbook: Credentials were not sent over TCP because a TLS leg judged the path intercepted. */
    public static final FindingCode EDGE_CREDENTIALS_WITHHELD = FindingCode.of("EDGE_CREDENTIALS_WITHHELD", Severity.WARNING,
            "Credentials were not sent over TCP because a TLS leg judged the path intercepted",
            "Fix the interception first; to send them anyway, opt in (PlaybookOptions.credentialsOnInterceptedPath, --send-credentials-anyway).");

    /** Edge playbook: A leg of the edge playbook threw or did not finish by the deadline (a custom probe, typically). */
    public static final FindingCode EDGE_LEG_FAILED = FindingCode.of("EDGE_LEG_FAILED", Severity.WARNING,
            "A leg of the edge playbook threw or did not finish by the deadline (a custom probe, typically)",
            "");

    /** Two-ended proof: a valid receipt for exactly the bytes sent, from our own address. */
    public static final FindingCode RESPONDER_REACHED = FindingCode.of("RESPONDER_REACHED", Severity.INFO,
            "Two-ended proof: the responder signed a receipt for exactly the bytes sent, from this host's address",
            "");

    /** Two-ended proof: intact bytes, but the responder saw another source address (NAT or proxy between). */
    public static final FindingCode RESPONDER_TRANSLATED = FindingCode.of("RESPONDER_TRANSLATED", Severity.INFO,
            "Two-ended proof: the hello arrived intact, but from another source address (a NAT or proxy between; the "
                    + "egress address is named)",
            "Nothing to fix when the egress is your NAT; an unexpected egress is a proxy on the path: check it.");

    /** Two-ended proof: the responder received other bytes than were sent (a middlebox rewrote the hello). */
    public static final FindingCode RESPONDER_MODIFIED = FindingCode.of("RESPONDER_MODIFIED", Severity.CRITICAL,
            "Two-ended proof: the responder received other bytes than were sent: a middlebox rewrote the hello "
                    + "(the diff is shown)",
            "Exempt the relay's IP addresses from inspection and proxying on the device that rewrites the hello.");

    /** Two-ended proof: an answer (or TCP connect) came, but no valid receipt: something answered in its name. */
    public static final FindingCode RESPONDER_INTERCEPTED = FindingCode.of("RESPONDER_INTERCEPTED", Severity.CRITICAL,
            "Two-ended proof: an answer came (or the TCP connect completed) but no valid receipt: something between "
                    + "answered in the responder's name",
            "Exempt the relay's IP addresses from SSL inspection and proxying by IP address.");

    /** Two-ended proof: neither an answer nor a receipt came. */
    public static final FindingCode RESPONDER_DROPPED = FindingCode.of("RESPONDER_DROPPED", Severity.ERROR,
            "Two-ended proof: neither an answer nor a receipt came: the hello is dropped on the way",
            "Allow the port to the relay's IP addresses (and the answers back).");

    /** A capture could not be read past a frame (truncated, bogus length…); flows are judged up to there. */
    public static final FindingCode CAPTURE_TRUNCATED = FindingCode.of("CAPTURE_TRUNCATED", Severity.WARNING,
            "The capture could not be read past a frame; flows are judged on what came before",
            "Take or copy the capture again.");

    /** A capture holds no TCP flow opening with a TLS hello and no STUN/TURN exchange. */
    public static final FindingCode CAPTURE_NO_RELAY_TRAFFIC = FindingCode.of("CAPTURE_NO_RELAY_TRAFFIC", Severity.WARNING,
            "No TCP flow opening with a TLS hello and no STUN/TURN exchange in the capture",
            "Capture on the client during the failing call, without a port filter.");

    /** STUN messages in a capture without a request/answer pair the judge reads. */
    public static final FindingCode STUN_EXCHANGE_SEEN = FindingCode.of("STUN_EXCHANGE_SEEN", Severity.INFO,
            "STUN messages without a request/answer pair the capture judge reads", "");

    private static final List<FindingCode> ALL = List.of(MALFORMED_BODY, MS_DIAG_UNPARSABLE, LOG_SCAN_PROBLEM,
            MRAS_UNREADABLE, MORE_DIALOGS, EDGE_DNS_RESOLVED, EDGE_DNS_FAILED, EDGE_NAME_RESOLVES_PUBLIC,
            EDGE_NAME_RESOLVES_PRIVATE, TCP_PORT_OPEN, TCP_CONNECT_FAILED, TCP_OPEN_RELAY_FAILS, BROWSER_TLS_UNTOUCHED,
            BROWSER_TLS_INTERCEPTED_RELAY_PASSES, HTTP_PAGE, HTTP_PROXY_PAGE, HTTP_NO_PAGE, EDGE_CREDENTIALS_WITHHELD,
            EDGE_LEG_FAILED, RESPONDER_REACHED, RESPONDER_TRANSLATED, RESPONDER_MODIFIED, RESPONDER_INTERCEPTED,
            RESPONDER_DROPPED, CAPTURE_TRUNCATED, CAPTURE_NO_RELAY_TRAFFIC, STUN_EXCHANGE_SEEN);

    /** Every entry, in the order of {@code docs/findings.md}. */
    public static List<FindingCode> all() {
        return ALL;
    }
}
