package io.mediapath.sdp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The single-pass parser. It walks the text once with {@code indexOf}, records where each line starts and ends, and
 * validates the structural lines (v o s c b t r z k m) as it goes; attributes are only located, and typed when a
 * caller asks. No regular expressions, no reflection, no recursion.
 */
final class SdpParser {

    private static final String SESSION_ORDER = "vosiuepcbtrzka";
    private static final String MEDIA_ORDER = "micbka";

    private final String text;
    private final SdpParseOptions opts;
    private final boolean strict;

    private int[] starts = new int[96];
    private int[] ends = new int[96];
    private byte[] types = new byte[96];
    private int count;

    // Current line, for error reporting.
    private int lineStart;
    private int lineEnd;

    // Session level.
    private int version = -1;
    private Origin origin;
    private String sessionName;
    private String information;
    private String uri;
    private final List<String> emails = new ArrayList<>(1);
    private final List<String> phones = new ArrayList<>(1);
    private final List<Connection> connections = new ArrayList<>(1);
    private final List<Bandwidth> bandwidths = new ArrayList<>(1);
    private final List<TimeDescription> times = new ArrayList<>(1);
    private final List<ZoneAdjustment> zones = new ArrayList<>(0);
    private Key key;
    private long tStart;
    private long tStop;
    private int tLine = -1;
    private List<Repeat> repeats = new ArrayList<>(0);

    // Media level.
    private final List<MediaDescription.Parts> media = new ArrayList<>();
    private MediaDescription.Parts current;

    // Strict order state.
    private int rank;
    private char previousType;

    private SdpParser(String text, SdpParseOptions opts) {
        this.text = text;
        this.opts = opts;
        this.strict = opts.strictMode();
    }

    static SessionDescription parse(String text, SdpParseOptions opts) {
        if (text == null) {
            throw new NullPointerException("text");
        }
        if (opts == null) {
            throw new NullPointerException("opts");
        }
        return new SdpParser(text, opts).run();
    }

    private SessionDescription run() {
        final String t = text;
        final int len = t.length();
        if (len > opts.maxBytes()) {
            throw new SdpParseException(0, 1, "", "input is " + len + " chars, limit is " + opts.maxBytes(),
                    "at most " + opts.maxBytes() + " chars (SdpParseOptions.maxBytes)");
        }
        int nul = t.indexOf('\0');
        if (nul >= 0) {
            throw at(nul, "NUL character in input", "no control characters inside SDP text");
        }
        int pos = 0;
        int nextCr = t.indexOf('\r');
        int nextLf = t.indexOf('\n');
        while (pos < len) {
            if (nextCr >= 0 && nextCr < pos) {
                nextCr = t.indexOf('\r', pos);
            }
            if (nextLf >= 0 && nextLf < pos) {
                nextLf = t.indexOf('\n', pos);
            }
            int end;
            int next;
            if (nextCr >= 0 && (nextLf < 0 || nextCr < nextLf)) {
                if (nextCr + 1 == nextLf) {
                    end = nextCr;
                    next = nextLf + 1;
                } else {
                    end = nextCr;
                    next = nextCr + 1;
                    if (strict) {
                        lineStart = pos;
                        lineEnd = end;
                        throw at(nextCr, "lone CR (carriage return without line feed)", "CRLF or LF line ending");
                    }
                }
            } else if (nextLf >= 0) {
                end = nextLf;
                next = nextLf + 1;
            } else {
                end = len;
                next = len;
            }
            addLine(pos, end);
            pos = next;
        }
        return finish();
    }

    private void addLine(int s, int e) {
        lineStart = s;
        lineEnd = e;
        if (count == opts.maxLines()) {
            throw at(s, "more than " + opts.maxLines() + " lines", "at most " + opts.maxLines()
                    + " lines (SdpParseOptions.maxLines)");
        }
        if (e - s > opts.maxLineLength()) {
            throw at(s + opts.maxLineLength(), "line longer than " + opts.maxLineLength() + " chars",
                    "at most " + opts.maxLineLength() + " chars per line (SdpParseOptions.maxLineLength)");
        }
        if (count == starts.length) {
            int n = count * 2;
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            types = Arrays.copyOf(types, n);
        }
        starts[count] = s;
        ends[count] = e;
        char type = classify(s, e);
        types[count] = (byte) type;
        count++;
        if (type == 0) {
            raw(s, e);
            return;
        }
        if (strict) {
            char last = text.charAt(e - 1);
            // "s= " is the one sanctioned trailing space (RFC 8866 section 5.3: a session without a name).
            if ((last == ' ' || last == '\t') && e - s > 2 && !(type == 's' && e - s == 3 && last == ' ')) {
                throw at(e - 1, "trailing whitespace", "no whitespace at the end of a line");
            }
        }
        if (version < 0 && type != 'v') {
            throw at(s, "session description does not start with v=", "v=0");
        }
        if (current == null) {
            sessionLine(type, s, e);
        } else {
            mediaLine(type, s, e);
        }
        previousType = type;
    }

    private char classify(int s, int e) {
        if (e - s < 2 || text.charAt(s + 1) != '=') {
            return 0;
        }
        char c = text.charAt(s);
        return switch (c) {
            case 'v', 'o', 's', 'i', 'u', 'e', 'p', 'c', 'b', 't', 'r', 'z', 'k', 'a', 'm' -> c;
            default -> 0;
        };
    }

    /** A line the parser does not understand: kept verbatim when lenient. */
    private void raw(int s, int e) {
        if (strict) {
            if (s == e) {
                throw at(s, "blank line", "a line of the form <type>=<value>");
            }
            if (e - s >= 2 && text.charAt(s + 1) == '=') {
                throw at(s, "unknown line type '" + text.charAt(s) + "'", "one of v o s i u e p c b t r z k a m");
            }
            throw at(e - s >= 2 ? s + 1 : s, "not an SDP line", "<type>=<value>");
        }
        if (version < 0 && s != e) {
            throw at(s, "session description does not start with v=", "v=0");
        }
    }

    // ------------------------------------------------------------------ session level

    private void order(char type, String sequence, String what) {
        int r = sequence.indexOf(type);
        if (r < rank) {
            throw at(lineStart, type + "= line out of order in the " + what,
                    "a line of type " + allowed(sequence, rank) + " here (RFC 8866 section 5 order)");
        }
        rank = r;
    }

    private static String allowed(String sequence, int fromRank) {
        StringBuilder sb = new StringBuilder();
        for (int i = fromRank; i < sequence.length(); i++) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(sequence.charAt(i));
        }
        return sb.toString();
    }

    private void once(boolean seen, char type) {
        if (seen && strict) {
            throw at(lineStart, "second " + type + "= line", "at most one " + type + "= line here");
        }
    }

    private void sessionLine(char type, int s, int e) {
        int v = s + 2;
        if (strict) {
            switch (type) {
                case 't' -> {
                    if (rank > SESSION_ORDER.indexOf('z')) {
                        order(type, SESSION_ORDER, "session section");
                    }
                    rank = SESSION_ORDER.indexOf('t');
                }
                case 'r' -> {
                    if (previousType != 't' && previousType != 'r') {
                        throw at(s, "r= line not after t= or r=", "r= directly after its t= line");
                    }
                    rank = SESSION_ORDER.indexOf('r');
                }
                case 'z' -> {
                    if (previousType != 't' && previousType != 'r') {
                        throw at(s, "z= line not after t= or r=", "z= after the time descriptions");
                    }
                    rank = SESSION_ORDER.indexOf('z');
                }
                case 'm' -> { }
                default -> order(type, SESSION_ORDER, "session section");
            }
        }
        switch (type) {
            case 'v' -> {
                if (version >= 0) {
                    once(true, 'v');
                    return;
                }
                version = parseVersion(v, e);
            }
            case 'o' -> {
                once(origin != null, 'o');
                Origin o = parseOrigin(v, e);
                if (origin == null) {
                    origin = o;
                }
            }
            case 's' -> {
                once(sessionName != null, 's');
                if (strict && v == e) {
                    throw at(v, "empty session name", "a session name, or a single space (s= )");
                }
                if (sessionName == null) {
                    sessionName = text.substring(v, e);
                }
            }
            case 'i' -> {
                once(information != null, 'i');
                if (information == null) {
                    information = text.substring(v, e);
                }
            }
            case 'u' -> {
                once(uri != null, 'u');
                if (uri == null) {
                    uri = text.substring(v, e);
                }
            }
            case 'e' -> emails.add(text.substring(v, e));
            case 'p' -> phones.add(text.substring(v, e));
            case 'c' -> {
                once(!connections.isEmpty(), 'c');
                connections.add(parseConnection(v, e));
            }
            case 'b' -> bandwidths.add(parseBandwidth(v, e));
            case 't' -> {
                closeTime();
                parseTime(v, e);
            }
            case 'r' -> {
                if (tLine < 0) {
                    throw at(s, "r= line before any t= line", "a t= line first");
                }
                repeats.add(parseRepeat(v, e));
            }
            case 'z' -> parseZone(v, e);
            case 'k' -> {
                once(key != null, 'k');
                Key k = parseKey(v, e);
                if (key == null) {
                    key = k;
                }
            }
            case 'a' -> checkAttribute(v, e);
            case 'm' -> startMedia(v, e);
            default -> throw new IllegalStateException("unreachable: " + type);
        }
    }

    private int parseVersion(int v, int e) {
        if (v == e) {
            throw at(v, "empty version", "0");
        }
        int n = parseInt(v, e, "version", "0");
        if (strict && n != 0) {
            throw at(v, "unsupported SDP version " + n, "0");
        }
        return n;
    }

    private Origin parseOrigin(int v, int e) {
        int[] f = fields(v, e, 6, 6, "o=", "<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>");
        if (strict) {
            digits(f[2], f[3], "session id");
            digits(f[4], f[5], "session version");
        }
        return new Origin(sub(f, 0), sub(f, 1), sub(f, 2), sub(f, 3), sub(f, 4), sub(f, 5), count);
    }

    private Connection parseConnection(int v, int e) {
        int[] f = fields(v, e, 3, 3, "c=", "<nettype> <addrtype> <connection-address>");
        String nettype = sub(f, 0);
        String addrtype = sub(f, 1);
        int as = f[4];
        int ae = f[5];
        int slash = indexOf('/', as, ae);
        OptionalInt ttl = OptionalInt.empty();
        OptionalInt cnt = OptionalInt.empty();
        int addrEnd = slash < 0 ? ae : slash;
        if (addrEnd == as) {
            throw at(as, "empty connection address", "an IPv4, IPv6 address or FQDN");
        }
        if (slash >= 0) {
            int slash2 = indexOf('/', slash + 1, ae);
            int firstEnd = slash2 < 0 ? ae : slash2;
            int first = parseInt(slash + 1, firstEnd, "multicast TTL/count", "a decimal number");
            if (addrtype.equals("IP6")) {
                // IPv6 multicast has no TTL: a single suffix is the count (RFC 8866 section 5.7).
                if (slash2 >= 0) {
                    throw at(slash2, "IPv6 connection address with two suffixes", "<ipv6-address>[/<count>]");
                }
                cnt = OptionalInt.of(first);
            } else {
                if (first > 255) {
                    throw at(slash + 1, "TTL " + first + " out of range", "a TTL from 0 to 255");
                }
                ttl = OptionalInt.of(first);
                if (slash2 >= 0) {
                    cnt = OptionalInt.of(parseInt(slash2 + 1, ae, "multicast count", "a decimal number"));
                }
            }
        }
        return new Connection(nettype, addrtype, text.substring(as, addrEnd), ttl, cnt, count);
    }

    private Bandwidth parseBandwidth(int v, int e) {
        int colon = indexOf(':', v, e);
        if (colon <= v) {
            throw at(colon < 0 ? e : v, colon < 0 ? "b= line without ':'" : "empty bandwidth type",
                    "<bwtype>:<bandwidth>");
        }
        return new Bandwidth(text.substring(v, colon), parseLong(colon + 1, e, "bandwidth", "a decimal number"), count);
    }

    private void parseTime(int v, int e) {
        int[] f = fields(v, e, 2, 2, "t=", "<start-time> <stop-time>");
        tStart = parseLong(f[0], f[1], "start time", "a decimal NTP time");
        tStop = parseLong(f[2], f[3], "stop time", "a decimal NTP time");
        tLine = count;
        repeats = new ArrayList<>(0);
    }

    private void closeTime() {
        if (tLine >= 0) {
            times.add(new TimeDescription(tStart, tStop, repeats, tLine));
            tLine = -1;
        }
    }

    private Repeat parseRepeat(int v, int e) {
        int[] f = fields(v, e, 3, Integer.MAX_VALUE, "r=", "<repeat-interval> <active-duration> <offsets>...");
        List<String> offsets = new ArrayList<>();
        int n = f.length / 2;
        for (int i = 0; i < n; i++) {
            typedTime(f[2 * i], f[2 * i + 1], false);
            if (i >= 2) {
                offsets.add(sub(f, i));
            }
        }
        return new Repeat(sub(f, 0), sub(f, 1), offsets, count);
    }

    private void parseZone(int v, int e) {
        int[] f = fields(v, e, 2, Integer.MAX_VALUE, "z=", "<adjustment-time> <offset> ...");
        int n = f.length / 2;
        if (n % 2 != 0) {
            throw at(e, "z= line with an adjustment time but no offset", "pairs of <adjustment-time> <offset>");
        }
        for (int i = 0; i < n; i += 2) {
            long time = parseLong(f[2 * i], f[2 * i + 1], "adjustment time", "a decimal NTP time");
            typedTime(f[2 * i + 2], f[2 * i + 3], true);
            zones.add(new ZoneAdjustment(time, sub(f, i + 1), count));
        }
    }

    private Key parseKey(int v, int e) {
        int colon = indexOf(':', v, e);
        if (colon < 0) {
            return new Key(text.substring(v, e), Optional.empty(), count);
        }
        return new Key(text.substring(v, colon), Optional.of(text.substring(colon + 1, e)), count);
    }

    private void checkAttribute(int v, int e) {
        if (!strict) {
            return;
        }
        int i = v;
        while (i < e && text.charAt(i) != ':') {
            if (!isTokenChar(text.charAt(i))) {
                throw at(i, "character '" + printable(text.charAt(i)) + "' not allowed in an attribute name",
                        "token characters, then ':' and the value");
            }
            i++;
        }
        if (i == v) {
            throw at(v, "empty attribute name", "a=<name>[:<value>]");
        }
    }

    // ------------------------------------------------------------------ media level

    private void startMedia(int v, int e) {
        if (media.size() == opts.maxMedia()) {
            throw at(lineStart, "more than " + opts.maxMedia() + " m= sections",
                    "at most " + opts.maxMedia() + " media (SdpParseOptions.maxMedia)");
        }
        int[] f = fields(v, e, 3, Integer.MAX_VALUE, "m=", "<media> <port>[/<number of ports>] <proto> <fmt> ...");
        if (strict && f.length < 8) {
            throw at(e, "m= line without formats", "at least one <fmt>");
        }
        int ps = f[2];
        int pe = f[3];
        int slash = indexOf('/', ps, pe);
        int port = parsePort(ps, slash < 0 ? pe : slash, "port");
        OptionalInt portCount = OptionalInt.empty();
        if (slash >= 0) {
            int c = parseInt(slash + 1, pe, "number of ports", "a decimal number");
            if (c < 1) {
                throw at(slash + 1, "number of ports must be at least 1", "<port>/<number of ports>");
            }
            portCount = OptionalInt.of(c);
        }
        if (current == null) {
            closeTime();
            if (origin == null || sessionName == null) {
                throw at(lineStart, "m= line before " + (origin == null ? "o=" : "s="),
                        "v=, o= and s= lines before the first m= line");
            }
            if (strict && times.isEmpty()) {
                throw at(lineStart, "no t= line before the first m= line", "at least one t= line");
            }
        } else {
            current.toLine = count - 1;
        }
        int formatsStart = f.length > 6 ? f[6] : e;
        current = new MediaDescription.Parts(sub(f, 0), port, portCount, sub(f, 2),
                text.substring(formatsStart, e), count - 1);
        media.add(current);
        rank = 0;
    }

    private void mediaLine(char type, int s, int e) {
        int v = s + 2;
        if (strict) {
            if (type == 'm') {
                rank = 0;
            } else if (MEDIA_ORDER.indexOf(type) < 0) {
                throw at(s, type + "= line inside a media section", "one of " + allowed(MEDIA_ORDER, rank));
            } else {
                order(type, MEDIA_ORDER, "media section");
            }
        }
        MediaDescription.Parts m = current;
        switch (type) {
            case 'm' -> startMedia(v, e);
            case 'i' -> {
                once(m.information != null, 'i');
                if (m.information == null) {
                    m.information = text.substring(v, e);
                }
            }
            case 'c' -> m.connections.add(parseConnection(v, e));
            case 'b' -> m.bandwidths.add(parseBandwidth(v, e));
            case 'k' -> {
                once(m.key != null, 'k');
                Key k = parseKey(v, e);
                if (m.key == null) {
                    m.key = k;
                }
            }
            case 'a' -> checkAttribute(v, e);
            default -> {
                // A session-only line type inside a media section: the lenient parser keeps it verbatim; it
                // belongs to no typed view.
            }
        }
    }

    private SessionDescription finish() {
        if (version < 0) {
            lineStart = 0;
            lineEnd = count > 0 ? ends[0] : 0;
            throw new SdpParseException(Math.max(count, 1), 1, count > 0 ? text.substring(starts[count - 1],
                    ends[count - 1]) : "", "no v= line", "v=0 as the first line");
        }
        if (current == null) {
            closeTime();
        } else {
            current.toLine = count;
        }
        if (origin == null || sessionName == null) {
            int last = count - 1;
            throw new SdpParseException(count, 1, text.substring(starts[last], ends[last]),
                    "missing " + (origin == null ? "o=" : "s=") + " line", "v=, o= and s= lines");
        }
        if (strict && times.isEmpty()) {
            int last = count - 1;
            throw new SdpParseException(count, 1, text.substring(starts[last], ends[last]), "missing t= line",
                    "at least one t= line");
        }
        Lines lines = new Lines(text, starts, ends, types, count);
        return new SessionDescription(lines, version, origin, sessionName, information, uri, emails, phones,
                connections, bandwidths, times, zones, key, media);
    }

    // ------------------------------------------------------------------ field helpers

    /**
     * Splits [v, e) on spaces into [start, end) pairs. Strict: exactly one space between fields. Lenient: runs of
     * spaces are one separator and trailing spaces are ignored.
     */
    private int[] fields(int v, int e, int min, int max, String what, String expected) {
        int[] out = new int[Math.min(Math.max(min, 8), 64) * 2];
        int n = 0;
        int i = v;
        while (i < e) {
            if (text.charAt(i) == ' ') {
                if (strict) {
                    throw at(i, (i == v ? "leading space" : "extra space") + " in " + what + " line", expected);
                }
                i++;
                continue;
            }
            int j = indexOf(' ', i, e);
            if (j < 0) {
                j = e;
            }
            if (n / 2 == max) {
                throw at(i, "unexpected field after the " + max + " fields of " + what, expected);
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[n++] = i;
            out[n++] = j;
            i = j + 1;
            if (j + 1 == e && strict) {
                throw at(j, "trailing space", expected);
            }
        }
        if (n / 2 < min) {
            throw at(e, what + " line has " + (n / 2) + " field" + (n == 2 ? "" : "s") + ", needs "
                    + (min == max ? "" : "at least ") + min, expected);
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private String sub(int[] f, int i) {
        return text.substring(f[2 * i], f[2 * i + 1]);
    }

    private int indexOf(char c, int from, int to) {
        int i = text.indexOf(c, from);
        return i >= to ? -1 : i;
    }

    private void digits(int s, int e, String what) {
        for (int i = s; i < e; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw at(i, "non-digit '" + printable(c) + "' in " + what, "decimal digits");
            }
        }
    }

    private int parseInt(int s, int e, String what, String expected) {
        long v = parseLong(s, e, what, expected);
        if (v > Integer.MAX_VALUE) {
            throw at(s, what + " " + text.substring(s, e) + " too large", expected + " up to " + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    private long parseLong(int s, int e, String what, String expected) {
        if (s >= e) {
            throw at(s, "empty " + what, expected);
        }
        if (e - s > 18) {
            digits(s, e, what);
            throw at(s, what + " " + text.substring(s, e) + " too large", expected + " of at most 18 digits");
        }
        long v = 0;
        for (int i = s; i < e; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw at(i, "non-digit '" + printable(c) + "' in " + what, expected);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private int parsePort(int s, int e, String what) {
        if (e - s > 5) {
            digits(s, e, what);
            throw at(s, what + " " + text.substring(s, e) + " out of range", "a port from 0 to 65535");
        }
        int p = parseInt(s, e, what, "a port from 0 to 65535");
        if (p > 65535) {
            throw at(s, what + " " + p + " out of range", "a port from 0 to 65535");
        }
        return p;
    }

    private void typedTime(int s, int e, boolean signed) {
        int i = s;
        if (signed && i < e && text.charAt(i) == '-') {
            i++;
        }
        int end = e;
        if (end > i) {
            char u = text.charAt(end - 1);
            if (u == 'd' || u == 'h' || u == 'm' || u == 's') {
                end--;
            }
        }
        parseLong(i, end, "typed time", signed ? "[-]<digits>[d|h|m|s]" : "<digits>[d|h|m|s]");
    }

    static boolean isTokenChar(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2A || c == 0x2B || c == 0x2D || c == 0x2E
                || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x5E && c <= 0x7E);
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    /** An error at absolute offset {@code pos}, located in the current line (or computed for a NUL). */
    private SdpParseException at(int pos, String problem, String expected) {
        int line;
        int ls;
        int le;
        if (pos >= lineStart && pos <= lineEnd && (count > 0 || lineEnd > 0)) {
            ls = lineStart;
            le = lineEnd;
            line = count == 0 || starts[count - 1] != ls ? count + 1 : count;
        } else {
            // Outside the current line (e.g. a NUL found before the line walk): count the lines up to pos.
            line = 1;
            ls = 0;
            for (int i = 0; i < pos; i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                    line++;
                    ls = i + 1;
                }
            }
            le = ls;
            while (le < text.length() && text.charAt(le) != '\n' && text.charAt(le) != '\r') {
                le++;
            }
        }
        String lt = text.substring(ls, le);
        if (lt.indexOf('\0') >= 0) {
            lt = lt.replace("\0", "\\u0000");
        }
        return new SdpParseException(line, pos - ls + 1, lt, problem, expected);
    }
}
