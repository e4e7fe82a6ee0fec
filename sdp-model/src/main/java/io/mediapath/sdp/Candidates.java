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
        return parse(value, lineNumber, "a=candidate:");
    }

    /** Parses a candidate attribute ({@code candidate} or {@code x-candidate-ipv6}). */
    public static Candidate parse(Attribute a) {
        return parse(a.valueOrEmpty(), a.lineNumber(), "a=" + a.name() + ":");
    }

    /** Whether {@code address} is an mDNS host name ({@code <uuid>.local}) as WebRTC uses to hide host addresses. */
    public static boolean isMdnsHostname(String address) {
        return address.length() > 6 && address.regionMatches(true, address.length() - 6, ".local", 0, 6);
    }

    private static Candidate parse(String value, int lineNumber, String prefix) {
        List<int[]> w = new ArrayList<>(16);
        int n = value.length();
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
            if (w.size() == 256) {
                throw err(value, prefix, lineNumber, i, "too many fields in candidate", "at most 256 fields");
            }
            w.add(new int[] {i, j});
            i = j;
        }
        Parser p = new Parser(value, prefix, lineNumber, w);
        if (w.size() == 7 && isQValue(p.word(4)) && !p.word(6).equals("typ")) {
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

    private static final class Parser {
        final String v;
        final String prefix;
        final int line;
        final List<int[]> w;

        Parser(String v, String prefix, int line, List<int[]> w) {
            this.v = v;
            this.prefix = prefix;
            this.line = line;
            this.w = w;
        }

        String word(int k) {
            int[] r = w.get(k);
            return v.substring(r[0], r[1]);
        }

        SdpParseException fail(int k, String problem, String expected) {
            int idx = k < w.size() ? w.get(k)[0] : v.length();
            return err(v, prefix, line, idx, problem, expected);
        }

        long number(int k, String what, long max, String expected) {
            if (k >= w.size()) {
                throw fail(k, "missing " + what, expected);
            }
            long n = Attributes.parseBounded(word(k), max);
            if (n < 0) {
                throw fail(k, "invalid " + what + " '" + word(k) + "'", expected);
            }
            return n;
        }

        Candidate rfc() {
            if (w.isEmpty()) {
                throw fail(0, "empty candidate", RFC_EXPECTED);
            }
            String foundation = word(0);
            int component = (int) number(1, "component id", 256, "a component id from 1 to 256");
            if (component == 0) {
                throw fail(1, "component id 0", "a component id from 1 to 256");
            }
            if (w.size() < 3) {
                throw fail(2, "missing transport", RFC_EXPECTED);
            }
            String transport = word(2);
            long priority = number(3, "priority", 9_999_999_999L, "a priority of 1 to 10 digits");
            if (w.size() < 5) {
                throw fail(4, "missing connection address", RFC_EXPECTED);
            }
            String address = word(4);
            int port = (int) number(5, "port", 65535, "a port from 0 to 65535");
            if (w.size() < 7 || !word(6).equals("typ")) {
                throw fail(6, w.size() < 7 ? "missing 'typ'" : "'" + word(6) + "' where 'typ' belongs", RFC_EXPECTED);
            }
            if (w.size() < 8) {
                throw fail(7, "missing candidate type", "host, srflx, prflx or relay");
            }
            String type = word(7);
            Optional<String> raddr = Optional.empty();
            OptionalInt rport = OptionalInt.empty();
            List<Candidate.Extension> ext = new ArrayList<>();
            for (int k = 8; k < w.size(); k += 2) {
                String name = word(k);
                if (k + 1 >= w.size()) {
                    throw fail(k + 1, "extension '" + name + "' has no value", "<name> <value> pairs after typ");
                }
                String val = word(k + 1);
                if (name.equals("raddr") && raddr.isEmpty()) {
                    raddr = Optional.of(val);
                } else if (name.equals("rport") && rport.isEmpty()) {
                    rport = OptionalInt.of((int) number(k + 1, "rport", 65535, "a port from 0 to 65535"));
                } else {
                    ext.add(new Candidate.Extension(name, val));
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
