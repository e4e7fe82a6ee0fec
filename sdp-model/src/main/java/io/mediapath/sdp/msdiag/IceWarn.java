package io.mediapath.sdp.msdiag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decodes the ICEWarn bit mask of {@code ms-client-diagnostics} (and monitoring reports).
 *
 * <p>The default table is the Lync Server 2010 Resource Kit, chapter 9, Table 2 "ICE Protocol Warning Flags", which
 * applies to Lync 2010 and later and Skype for Business clients. [MS-QoE] documents a different, older bit map for
 * QoE reports of earlier versions; select it with {@link Table#MS_QOE} only for such sources. ICEWarnEx has no
 * public table: keep it as an opaque value.
 */
public final class IceWarn {

    /** Which published bit map to decode with. */
    public enum Table {
        /** Lync Server 2010 Resource Kit ch. 9 Table 2 — Lync 2010+/SfB ms-client-diagnostics (default). */
        RESOURCE_KIT,
        /** [MS-QoE] IceWarningFlags for the older product versions its footnote covers. */
        MS_QOE
    }

    /** The bit that says a TLS-inspecting proxy broke the pseudo-TLS connection to the TURN server. */
    public static final long PSEUDO_TLS_FAILURE = 0x800000L;

    private static final String FIREWALL_TURN = "Check that the client can reach the A/V Edge (TURN) on UDP 3478 and "
            + "TCP 443 and that the Edge's media relay service runs.";
    private static final String PROXY_TLS = "If the client is behind an HTTP proxy or a firewall that inspects TLS on "
            + "TCP 443, make sure it does not intercept or fail the connection to the TURN server. "
            + Remedies.bypassInspectionByIp("", 443, true);

    private static final Map<Long, IceWarnFlag> RESOURCE_KIT = new LinkedHashMap<>();
    private static final Map<Long, IceWarnFlag> MS_QOE = new LinkedHashMap<>();

    static {
        rk(0x1, "TURN_UNREACHABLE", "TURN server is unreachable",
                "Not expected: " + FIREWALL_TURN, false);
        rk(0x2, "UDP_ALLOCATE_FAILED", "Attempt to allocate a UDP port on the TURN server failed",
                "May be expected behind a UDP-blocking firewall; otherwise open UDP 3478 to the Edge.", false);
        rk(0x4, "UDP_SEND_FAILED", "Attempt to send UDP on the TURN server failed",
                "May be expected behind a UDP-blocking firewall; otherwise open UDP 3478 to the Edge.", false);
        rk(0x8, "TCP_ALLOCATE_FAILED", "Attempt to allocate a TCP port on the TURN server failed",
                "Not expected: check the firewall policy for TCP 443 to the Edge. " + PROXY_TLS, false);
        rk(0x10, "TCP_SEND_FAILED", "Attempt to send TCP on the TURN server failed",
                "If the remote client is behind an HTTP proxy, make sure the proxy is not failing the TLS attempt. "
                        + PROXY_TLS, false);
        rk(0x20, "LOCAL_CONNECTIVITY_FAILED",
                "Local connectivity failed (local UDP for audio/video, local TCP for application sharing and file "
                        + "transfer)",
                "Expected when a direct connection is impossible because of NAT or firewalls; the relay path must "
                        + "work instead.", false);
        rk(0x40, "UDP_NAT_CONNECTIVITY_FAILED", "UDP NAT connectivity failed",
                "Direct UDP through NAT failed; the relay path must work instead.", false);
        rk(0x80, "UDP_TURN_CONNECTIVITY_FAILED", "UDP TURN server connectivity failed",
                "One of the clients is behind a UDP-blocking firewall or HTTP proxy; open UDP 3478 to the Edge.",
                false);
        rk(0x100, "TCP_NAT_CONNECTIVITY_FAILED", "TCP NAT connectivity failed",
                "Often expected: if local connectivity succeeded the TCP NAT check may not have been tried.", false);
        rk(0x200, "TCP_TURN_CONNECTIVITY_FAILED", "TCP TURN server connectivity failed",
                "Expected if one side had no TURN allocation; otherwise investigate why the TCP relay path failed. "
                        + PROXY_TLS, false);
        rk(0x400, "MESSAGE_INTEGRITY_FAILED", "Message integrity failed in a connectivity check request",
                "Indicates tampering or a security attack on the media path; capture and investigate.", false);
        rk(0x1000, "POLICY_SERVER_CONFIGURED", "A bandwidth policy server was configured",
                "", true);
        rk(0x2000, "CHECK_REQUEST_FAILED",
                "A connectivity check request failed (memory problem, or it could not be sent)",
                "The computer may be over capacity; check its load.", false);
        rk(0x4000, "TURN_CREDENTIALS_EXPIRED", "TURN server credentials have expired or are unknown",
                "The A/V Edge authentication service (MRAS) may be down or unreachable; check MRAS and the Edge.",
                false);
        rk(0x8000, "BANDWIDTH_POLICY_REMOVED_CANDIDATES", "Bandwidth policy restriction removed some candidates",
                "Check the bandwidth policy (call admission control) topology.", false);
        rk(0x10000, "BANDWIDTH_POLICY_DECREASED", "Bandwidth policy restriction decreased the bandwidth",
                "", true);
        rk(0x20000, "BANDWIDTH_POLICY_KEEPALIVE_FAILED", "Bandwidth policy keep-alive failed",
                "Check the bandwidth policy service.", false);
        rk(0x40000, "BANDWIDTH_POLICY_ALLOCATION_FAILED", "Bandwidth policy allocation failure",
                "The policy server rejected the relay-to-relay path; check the bandwidth policy.", false);
        rk(0x80000, "NO_TURN_SERVER_CONFIGURED", "No TURN server configured",
                "No TURN server was provisioned (MRAS) or its name did not resolve in DNS; configure the A/V Edge "
                        + "and check DNS.", false);
        rk(0x100000, "MULTIPLE_TURN_SERVERS", "Multiple TURN servers configured",
                "Expected with DNS load balancing.", true);
        rk(0x200000, "PORT_RANGE_EXHAUSTED", "Port range exhausted",
                "A/V needs at least 20 ports per call and application sharing/file transfer at least 3; widen the "
                        + "client media port range.", false);
        rk(0x400000, "ALTERNATE_SERVER_RECEIVED", "Received alternate server (TURN redirect)",
                "The TURN server may be overloaded.", false);
        rk(PSEUDO_TLS_FAILURE, "PSEUDO_TLS_FAILURE",
                "Pseudo-TLS failure: an HTTP proxy or firewall is performing deep SSL inspection and failing the "
                        + "connection with the TURN server (not supported by Microsoft)",
                Remedies.bypassInspectionByIp("", 443, true),
                false);
        rk(0x1000000, "HTTP_PROXY_CONFIGURED", "An HTTP proxy is configured", "", true);
        rk(0x2000000, "HTTP_PROXY_AUTH_FAILED", "HTTP proxy authentication failed",
                "The HTTP proxy did not accept the user's credentials or authentication mode; let media to the Edge "
                        + "bypass the proxy or fix its authentication.", false);
        rk(0x4000000, "TCP_TCP_TURN_CHECKS_FAILED", "TCP-TCP connectivity checks failed over the TURN server",
                "TCP 443 may not be open to the Edge; if a TURN server is an OCS 2007 A/V Edge, open TCP "
                        + "50000–59999. " + PROXY_TLS, false);
        rk(0x8000000, "USE_CANDIDATE_CHECKS_FAILED", "Use-candidate checks failed",
                "Third-party Winsock layered service providers (LSPs) may interfere; remove them.", false);

        qoe(0x10, "TURN_UNREACHABLE", "TURN server unreachable");
        qoe(0x20, "TURN_SHARED_SECRET_FAILED", "Getting the shared secret from the TURN server failed");
        qoe(0x40, "UDP_ALLOCATE_FAILED", "UDP allocation on the TURN server failed");
        qoe(0x200, "TCP_ALLOCATE_FAILED", "TCP allocation on the TURN server failed");
        qoe(0x4000, "UDP_LOCAL_CONNECTIVITY_FAILED", "UDP local connectivity failed");
        qoe(0x8000, "UDP_NAT_CONNECTIVITY_FAILED", "UDP NAT connectivity failed");
        qoe(0x10000, "UDP_TURN_CONNECTIVITY_FAILED", "UDP TURN connectivity failed");
        qoe(0x40000, "TCP_NAT_CONNECTIVITY_FAILED", "TCP NAT connectivity failed");
        qoe(0x80000, "TCP_TURN_CONNECTIVITY_FAILED", "TCP TURN connectivity failed");
        qoe(0x100000, "MESSAGE_INTEGRITY_FAILED_REQUEST", "Message integrity failed in a check request");
        qoe(0x200000, "MESSAGE_INTEGRITY_FAILED_RESPONSE", "Message integrity failed in a check response");
        qoe(0x400000, "CANDIDATE_LOOKUP_FAILED_REQUEST", "Candidate lookup failed on a check request");
        qoe(0x800000, "CANDIDATE_LOOKUP_FAILED_RESPONSE", "Candidate lookup failed on a check response");
        qoe(0x1000000, "CHECK_REQUEST_SEND_FAILED", "Sending a check request failed");
        qoe(0x2000000, "CHECK_RESPONSE_SEND_FAILED", "Sending a check response failed");
        qoe(0x4000000, "TURN_FQDN_NOT_RESOLVED", "The TURN server FQDN did not resolve");
        qoe(0x8000000, "TURN_CREDENTIALS_FAILED", "TURN server credentials problem (text truncated in the source)");
    }

    private static void rk(long bit, String name, String meaning, String remedy, boolean informational) {
        RESOURCE_KIT.put(bit, new IceWarnFlag(bit, name, meaning, remedy, informational));
    }

    private static void qoe(long bit, String name, String meaning) {
        MS_QOE.put(bit, new IceWarnFlag(bit, name, meaning, "", false));
    }

    private IceWarn() {
    }

    /** Decodes {@code value} with the Resource Kit table: one flag per set bit, lowest bit first. */
    public static List<IceWarnFlag> decode(long value) {
        return decode(value, Table.RESOURCE_KIT);
    }

    /**
     * The name of every bit a table does not list. One stable name (not one per bit) so the finding code built from
     * it stays a documented UPPER_SNAKE_CASE code; the bit itself is in {@link IceWarnFlag#bit()} and the meaning.
     */
    public static final String UNKNOWN_BIT = "UNKNOWN_BIT";

    /**
     * Decodes {@code value} with {@code table}; bits the table does not list come back named {@link #UNKNOWN_BIT},
     * the bit in the flag's meaning, so the known bits beside them are still decoded.
     */
    public static List<IceWarnFlag> decode(long value, Table table) {
        Map<Long, IceWarnFlag> map = table == Table.MS_QOE ? MS_QOE : RESOURCE_KIT;
        List<IceWarnFlag> out = new ArrayList<>(Long.bitCount(value));
        long rest = value;
        while (rest != 0) {
            long bit = Long.lowestOneBit(rest);
            rest &= ~bit;
            IceWarnFlag f = map.get(bit);
            out.add(f != null ? f : new IceWarnFlag(bit, UNKNOWN_BIT, "Bit 0x" + Long.toHexString(bit)
                    + " is not listed in the " + (table == Table.MS_QOE ? "[MS-QoE]" : "Resource Kit") + " table",
                    "A newer client version may define it; act on the listed bits of the same value.", false));
        }
        return List.copyOf(out);
    }

    /** The flag for one bit of the Resource Kit table. */
    public static Optional<IceWarnFlag> flag(long bit) {
        return Optional.ofNullable(RESOURCE_KIT.get(bit));
    }

    /** Every flag of the Resource Kit table, lowest bit first. */
    public static List<IceWarnFlag> table() {
        return List.copyOf(RESOURCE_KIT.values());
    }

    /**
     * Parses an ICEWarn value as written: {@code 0x80012b}, {@code 0X…}, or decimal; surrounding quotes and blanks
     * are ignored. Empty when it is not a number that fits in 64 bits.
     */
    public static OptionalLong parseValue(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        String t = text.trim();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1).trim();
        }
        try {
            if (t.toLowerCase(Locale.ROOT).startsWith("0x")) {
                String hex = t.substring(2);
                if (hex.isEmpty() || hex.length() > 16 || hex.startsWith("+") || hex.startsWith("-")) {
                    return OptionalLong.empty();
                }
                return OptionalLong.of(Long.parseUnsignedLong(hex, 16));
            }
            if (t.isEmpty() || t.length() > 19 || !t.chars().allMatch(Character::isDigit)) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Long.parseLong(t));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
