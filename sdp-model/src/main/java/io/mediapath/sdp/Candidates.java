package io.mediapath.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Parses candidate attribute values into {@link Candidate}: the RFC 8839 form (with RFC 6544 TCP, Microsoft's
 * {@code TCP-ACT}/{@code TCP-PASS}/{@code TCP-SO} transports, {@code raddr}/{@code rport} and any extension pairs
 * such as {@code generation}, {@code ufrag}, {@code network-id}, {@code network-cost}, {@code tcptype},
 * {@code MTURNID}) and the MS-ICE draft-6 form ({@code <username> <component> <password> UDP 0.830 <addr> <port>}).
 * Runs of spaces and a trailing space (Lync writes {@code typ host }) are accepted.
 */
public final class Candidates {

    /** Microsoft's attribute for IPv6 candidates ([MS-SDPEXT] 3.1.5.x), in candidate syntax. */
    public static final String X_CANDIDATE_IPV6 = "x-candidate-ipv6";

    private static final String RFC_EXPECTED =
            "<foundation> <component> <transport> <priority> <address> <port> typ <type> [raddr <a>] [rport <p>] "
                    + "[<name> <value>]...";

    private Candidates() {
    }

    /**
     * Parses the value of an {@code a=candidate:} line (what follows the colon); columns in errors count from the
     * start of {@code a=candidate:}.
     *
     * @param value      the attribute value
     * @param lineNumber 1-based line number used in errors
     * @throws SdpParseException when the value is not a candidate
     */
    public static Candidate parse(String value, int lineNumber) {
        return parse(value, lineNumber, "candidate");
    }

    /** Parses a candidate attribute ({@code candidate} or {@code x-candidate-ipv6}). */
    public static Candidate parse(Attribute a) {
        return parse(a.valueOrEmpty(), a.lineNumber(), a.name());
    }

    /** Whether {@code address} is an mDNS host name ({@code <uuid>.local}) as WebRTC uses to hide host addresses. */
    public static boolean isMdnsHostname(String address) {
        return address.length() > 6 && address.regionMatches(true, address.length() - 6, ".local", 0, 6);
    }

    // Word boundaries live in two int arrays and numbers are read in place: an audit parses every candidate of an
    // offer, and a substring or int[] per field was most of its cost.
    private static Candidate parse(String value, int lineNumber, String attributeName) {
        int n = value.length();
        int[] starts = new int[16];
        int[] ends = new int[16];
        int count = 0;
        int i = 0;
        while (i < n) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            int j = i;
            while (j < n && value.charAt(j) != ' ' && value.charAt(j) != '\t') {
                j++;
            }
            if (count == 256) {
                throw err(value, "a=" + attributeName + ":", lineNumber, i, "too many fields in candidate",
                        "at most 256 fields");
            }
            if (count == starts.length) {
                starts = java.util.Arrays.copyOf(starts, count * 2);
                ends = java.util.Arrays.copyOf(ends, count * 2);
            }
            starts[count] = i;
            ends[count] = j;
            count++;
            i = j;
        }
        Parser p = new Parser(value, attributeName, lineNumber, starts, ends, count);
        if (count == 7 && isQValue(p.word(4)) && !p.wordIs(6, "typ")) {
            return p.draft6();
        }
        return p.rfc();
    }

    private static boolean isQValue(String s) {
        int dot = s.indexOf('.');
        if (dot < 1 || dot == s.length() - 1 || s.length() > 12) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (i != dot && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static SdpParseException err(String value, String prefix, int line, int index, String problem,
            String expected) {
        return new SdpParseException(line, prefix.length() + index + 1, prefix + value, problem, expected);
    }

    // tokens nearly every candidate line carries; the shared strings save an allocation per field
    private static final String[] TRANSPORTS = {"UDP", "TCP", "udp", "tcp", "TCP-ACT", "TCP-PASS", "TCP-SO"};
    private static final String[] TYPES = {"host", "srflx", "relay", "prflx"};

    private static final class Parser {
        final String v;
        final String attributeName;
        final int line;
        final int[] starts;
        final int[] ends;
        final int count;

        Parser(String v, String attributeName, int line, int[] starts, int[] ends, int count) {
            this.v = v;
            this.attributeName = attributeName;
            this.line = line;
            this.starts = starts;
            this.ends = ends;
            this.count = count;
        }

        String word(int k) {
            return v.substring(starts[k], ends[k]);
        }

        /** The word, as a shared constant when it is one of the common tokens (transport, type). */
        String token(int k, String[] common) {
            for (String c : common) {
                if (wordIs(k, c)) {
                    return c;
                }
            }
            return word(k);
        }

        boolean wordIs(int k, String what) {
            int len = ends[k] - starts[k];
            return len == what.length() && v.regionMatches(starts[k], what, 0, len);
        }

        SdpParseException fail(int k, String problem, String expected) {
            int idx = k < count ? starts[k] : v.length();
            return err(v, "a=" + attributeName + ":", line, idx, problem, expected);
        }

        /** Decimal digits within [0, max] (at most 18 of them), read in place; the same rule as Attributes. */
        long number(int k, String what, long max, String expected) {
            if (k >= count) {
                throw fail(k, "missing " + what, expected);
            }
            int s = starts[k];
            int e = ends[k];
            long n = e - s > 18 ? -1 : 0;
            for (int i = s; i < e && n >= 0; i++) {
                char c = v.charAt(i);
                n = c < '0' || c > '9' ? -1 : n * 10 + (c - '0');
            }
            if (n < 0 || n > max) {
                throw fail(k, "invalid " + what + " '" + word(k) + "'", expected);
            }
            return n;
        }

        Candidate rfc() {
            if (count == 0) {
                throw fail(0, "empty candidate", RFC_EXPECTED);
            }
            String foundation = word(0);
            int component = (int) number(1, "component id", 256, "a component id from 1 to 256");
            if (component == 0) {
                throw fail(1, "component id 0", "a component id from 1 to 256");
            }
            if (count < 3) {
                throw fail(2, "missing transport", RFC_EXPECTED);
            }
            String transport = token(2, TRANSPORTS);
            long priority = number(3, "priority", 9_999_999_999L, "a priority of 1 to 10 digits");
            if (count < 5) {
                throw fail(4, "missing connection address", RFC_EXPECTED);
            }
            String address = word(4);
            int port = (int) number(5, "port", 65535, "a port from 0 to 65535");
            if (count < 7 || !wordIs(6, "typ")) {
                throw fail(6, count < 7 ? "missing 'typ'" : "'" + word(6) + "' where 'typ' belongs", RFC_EXPECTED);
            }
            if (count < 8) {
                throw fail(7, "missing candidate type", "host, srflx, prflx or relay");
            }
            String type = token(7, TYPES);
            Optional<String> raddr = Optional.empty();
            OptionalInt rport = OptionalInt.empty();
            List<Candidate.Extension> ext = new ArrayList<>();
            for (int k = 8; k < count; k += 2) {
                if (k + 1 >= count) {
                    throw fail(k + 1, "extension '" + word(k) + "' has no value", "<name> <value> pairs after typ");
                }
                if (raddr.isEmpty() && wordIs(k, "raddr")) {
                    raddr = Optional.of(word(k + 1));
                } else if (rport.isEmpty() && wordIs(k, "rport")) {
                    rport = OptionalInt.of((int) number(k + 1, "rport", 65535, "a port from 0 to 65535"));
                } else {
                    ext.add(new Candidate.Extension(word(k), word(k + 1)));
                }
            }
            return new Candidate(Candidate.Form.RFC, foundation, component, transport, priority, word(3), address,
                    port, Optional.of(type), raddr, rport, ext, "", "");
        }

        Candidate draft6() {
            String username = word(0);
            int component = (int) number(1, "component id", 256, "a component id from 1 to 256");
            String password = word(2);
            String transport = word(3);
            String q = word(4);
            int dot = q.indexOf('.');
            long whole = Attributes.parseBounded(q.substring(0, dot), 1000);
            String frac = (q.substring(dot + 1) + "000").substring(0, 3);
            long priority = whole * 1000 + Attributes.parseBounded(frac, 999);
            String address = word(5);
            int port = (int) number(6, "port", 65535, "a port from 0 to 65535");
            return new Candidate(Candidate.Form.MS_ICE_DRAFT6, username, component, transport, priority, q, address,
                    port, Optional.empty(), Optional.empty(), OptionalInt.empty(), List.of(), username, password);
        }
    }
}
