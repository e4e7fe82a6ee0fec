package io.mediapath.ice;

import java.util.Locale;

/**
 * What kind of address a candidate carries, decided from its text alone (no DNS lookup ever happens here), because
 * whether two peers can reach each other depends mostly on this.
 */
public enum AddressClass {
    /** RFC 1918 (10/8, 172.16/12, 192.168/16); reachable only inside the same network. */
    PRIVATE,
    /** RFC 6598 carrier-grade NAT space 100.64/10; behind a provider's NAT. */
    CGNAT,
    /** 169.254/16 or fe80::/10; never leaves the link. */
    LINK_LOCAL,
    /** 127/8 or ::1; never leaves the host. */
    LOOPBACK,
    /** IPv6 unique local fc00::/7; the IPv6 counterpart of {@link #PRIVATE}. */
    ULA,
    /** Any other IP literal: globally routable (documentation ranges count as public, as samples use them). */
    PUBLIC,
    /** An mDNS name ending in {@code .local} (WebRTC host-candidate obfuscation); resolvable only on the LAN. */
    MDNS,
    /** A DNS name other than mDNS; reachability depends on what it resolves to. */
    FQDN,
    /** 0.0.0.0 or ::, a placeholder address. */
    UNSPECIFIED,
    /** Not an IP literal and not a plausible name. */
    INVALID;

    /** True for addresses a peer on another network cannot reach directly. */
    public boolean isNonRoutable() {
        return this == PRIVATE || this == CGNAT || this == LINK_LOCAL || this == LOOPBACK || this == ULA
                || this == MDNS || this == UNSPECIFIED || this == INVALID;
    }

    /** True for addresses that could only work for a peer on the same network (private, CGNAT, ULA, mDNS). */
    public boolean isSiteScoped() {
        return this == PRIVATE || this == CGNAT || this == ULA || this == MDNS;
    }

    /** Classifies an address as written in SDP (IPv4, IPv6 with or without brackets, or a name). */
    public static AddressClass of(String address) {
        if (address == null) {
            return INVALID;
        }
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]") && a.length() > 2) {
            a = a.substring(1, a.length() - 1);
        }
        if (a.isEmpty() || a.length() > 255) {
            return INVALID;
        }
        int[] v4 = parseIpv4(a);
        if (v4 != null) {
            return classifyIpv4(v4);
        }
        if (a.indexOf(':') >= 0) {
            return classifyIpv6(a);
        }
        String lower = a.toLowerCase(Locale.ROOT);
        if (!isHostname(lower)) {
            return INVALID;
        }
        if (lower.endsWith(".local") || lower.endsWith(".local.")) {
            return MDNS;
        }
        return FQDN;
    }

    private static boolean isHostname(String s) {
        boolean letter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                letter = true;
            } else if (!((c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_')) {
                return false;
            }
        }
        // All-digit dotted text that failed the IPv4 parse (e.g. 300.1.1.1) is not a name.
        return letter && !s.startsWith(".") && !s.contains("..");
    }

    /** Dotted-quad parse without any resolver; null when the text is not exactly four decimal octets. */
    static int[] parseIpv4(String s) {
        int[] out = new int[4];
        int part = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i == s.length() ? '.' : s.charAt(i);
            if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (++digits > 3 || value > 255) {
                    return null;
                }
            } else if (c == '.') {
                if (value < 0 || part > 3) {
                    return null;
                }
                out[part++] = value;
                value = -1;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static AddressClass classifyIpv4(int[] o) {
        if (o[0] == 0 && o[1] == 0 && o[2] == 0 && o[3] == 0) {
            return UNSPECIFIED;
        }
        if (o[0] == 10 || (o[0] == 172 && o[1] >= 16 && o[1] <= 31) || (o[0] == 192 && o[1] == 168)) {
            return PRIVATE;
        }
        if (o[0] == 100 && o[1] >= 64 && o[1] <= 127) {
            return CGNAT;
        }
        if (o[0] == 169 && o[1] == 254) {
            return LINK_LOCAL;
        }
        if (o[0] == 127) {
            return LOOPBACK;
        }
        return PUBLIC;
    }

    private static AddressClass classifyIpv6(String a) {
        int pct = a.indexOf('%'); // zone id, e.g. fe80::1%eth0
        String s = (pct >= 0 ? a.substring(0, pct) : a).toLowerCase(Locale.ROOT);
        if (s.isEmpty() || !s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == ':' || c == '.')) {
            return INVALID;
        }
        if (s.indexOf("::") != s.lastIndexOf("::") || s.contains(":::")) {
            return INVALID;
        }
        // IPv4-mapped / embedded dotted tail (::ffff:10.0.0.1): classify the IPv4 part.
        int lastColon = s.lastIndexOf(':');
        if (s.indexOf('.') >= 0) {
            int[] v4 = parseIpv4(s.substring(lastColon + 1));
            if (v4 == null) {
                return INVALID;
            }
            if (s.startsWith("::ffff:")) {
                return classifyIpv4(v4);
            }
        }
        String[] groups = s.split(":", -1);
        if (groups.length < 3 || groups.length > 9) {
            return INVALID;
        }
        for (String g : groups) {
            if (g.length() > 4 && g.indexOf('.') < 0) {
                return INVALID;
            }
        }
        if (s.replace(":", "").replace("0", "").isEmpty()) {
            return UNSPECIFIED;
        }
        if (s.equals("::1") || s.matches("(0{1,4}:){7}0{0,3}1")) {
            return LOOPBACK;
        }
        int first = groups[0].isEmpty() ? 0 : Integer.parseInt(groups[0].indexOf('.') >= 0 ? "0" : groups[0], 16);
        if ((first & 0xffc0) == 0xfe80) {
            return LINK_LOCAL;
        }
        if ((first & 0xfe00) == 0xfc00) {
            return ULA;
        }
        return PUBLIC;
    }
}
