package io.mediapath.exporter;

import io.mediapath.ice.TransportAddress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The targets an exporter may probe: CIDR blocks ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, a bare address is a
 * /32 or /128) for IP literals, and names ({@code relay.example.com}, or {@code *.example.com} for any name under
 * it) for names. Names are not resolved to be checked, so a name is allowed only when listed: the list is what the
 * operator wrote, not what a DNS answer says today. Empty: nothing is allowed.
 */
public final class Allowlist {
    /** The most entries an allowlist holds. */
    public static final int MAX_ENTRIES = 4096;

    private final List<String> entries;
    private final List<byte[][]> cidrs = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<String> suffixes = new ArrayList<>();

    private Allowlist(List<String> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Parses entries.
     *
     * @throws IllegalArgumentException naming the first bad entry
     */
    public static Allowlist of(List<String> entries) {
        Objects.requireNonNull(entries, "entries");
        if (entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("allow: more than " + MAX_ENTRIES + " entries");
        }
        Allowlist a = new Allowlist(entries);
        for (String raw : entries) {
            String e = raw.strip().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                throw new IllegalArgumentException("allow: an empty entry");
            }
            int slash = e.indexOf('/');
            String host = slash >= 0 ? e.substring(0, slash) : e;
            if (TransportAddress.isIpLiteral(host)) {
                byte[] addr = literal(host);
                int bits = addr.length * 8;
                if (slash >= 0) {
                    String p = e.substring(slash + 1);
                    if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > addr.length * 8) {
                        throw new IllegalArgumentException("allow: " + Labels.bound(raw) + ": prefix length (expected: 0 ~ "
                                + addr.length * 8 + ")");
                    }
                    bits = Integer.parseInt(p);
                }
                a.cidrs.add(new byte[][] {addr, {(byte) (bits >> 8), (byte) bits}});
            } else if (slash >= 0) {
                throw new IllegalArgumentException("allow: " + Labels.bound(raw) + ": a prefix needs an IP address");
            } else if (e.startsWith("*.")) {
                TransportAddress.checkHost(e.substring(2));
                a.suffixes.add(e.substring(1));
            } else {
                TransportAddress.checkHost(e);
                a.names.add(e);
            }
        }
        return a;
    }

    /** The entries as given. */
    public List<String> entries() {
        return entries;
    }

    /** True when {@code host} (an IP literal or a name, as in a target) is allowed. */
    public boolean allows(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (TransportAddress.isIpLiteral(h)) {
            byte[] addr = literal(h);
            for (byte[][] c : cidrs) {
                int bits = ((c[1][0] & 0xff) << 8) | (c[1][1] & 0xff);
                if (c[0].length == addr.length && prefixMatches(c[0], addr, bits)) {
                    return true;
                }
            }
            return false;
        }
        if (names.contains(h)) {
            return true;
        }
        for (String s : suffixes) {
            if (h.endsWith(s) && h.length() > s.length()) {
                return true;
            }
        }
        return false;
    }

    private static boolean prefixMatches(byte[] net, byte[] addr, int bits) {
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (net[i] != addr[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (net[full] & mask) == (addr[full] & mask);
    }

    private static byte[] literal(String ip) {
        boolean v4 = ip.matches("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
        if (!v4 && (ip.indexOf(':') < 0 || !ip.matches("[0-9a-f:.]{2,45}"))) {
            throw new IllegalArgumentException("not an IP address: " + Labels.bound(ip));
        }
        try {
            // Four checked numbers, or brackets: InetAddress parses the literal and never looks a name up.
            return InetAddress.getByName(v4 ? ip : "[" + ip + "]").getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + Labels.bound(ip));
        }
    }

    @Override
    public String toString() {
        return "Allowlist" + entries;
    }
}
