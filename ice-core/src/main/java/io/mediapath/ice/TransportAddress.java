package io.mediapath.ice;

import java.util.Objects;

/**
 * A host and port as a person writes them: an IPv4 or IPv6 literal or a name, and a port. No resolution happens
 * here; {@link #toString()} brackets IPv6 literals ({@code [2001:db8::1]:3478}).
 *
 * @param host IP literal (IPv6 without brackets) or DNS name
 * @param port 0 to 65535
 */
public record TransportAddress(String host, int port) {

    public TransportAddress {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host: empty (expected: an IP literal or a name)");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0 ~ 65535)");
        }
    }

    /**
     * Parses {@code host:port}, {@code [v6]:port}, or a bare host with {@code defaultPort}.
     *
     * @throws IllegalArgumentException when the text is not of that form
     */
    public static TransportAddress parse(String text, int defaultPort) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("address: " + text + " (expected: [ipv6]:port)");
            }
            String host = t.substring(1, close);
            if (close == t.length() - 1) {
                return new TransportAddress(host, defaultPort);
            }
            if (t.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("address: " + text + " (expected: [ipv6]:port)");
            }
            return new TransportAddress(host, parsePort(t.substring(close + 2), text));
        }
        int colon = t.indexOf(':');
        if (colon >= 0 && colon == t.lastIndexOf(':')) {
            return new TransportAddress(t.substring(0, colon), parsePort(t.substring(colon + 1), text));
        }
        // No colon, or several (a bare IPv6 literal): the whole text is the host.
        return new TransportAddress(t, defaultPort);
    }

    /**
     * Parses something to connect to, as a person typed it on a command line: {@code host:port}, {@code [v6]:port}
     * or a bare host with {@code defaultPort}. Stricter than {@link #parse}: the host must be an IPv4 address (four
     * numbers 0 to 255), an IPv6 literal or a DNS name ({@link #checkHost}), and the port 1 to 65535. A URL
     * ({@code http://host:port}), {@code host:port:1} or {@code 999.1.1.1} is refused here, before any lookup.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    public static TransportAddress parseTarget(String text, int defaultPort) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        if (t.contains("://")) {
            throw new IllegalArgumentException(text + ": a URL; give HOST[:PORT] (e.g. " + urlHost(t) + ")");
        }
        TransportAddress a;
        if (!t.startsWith("[") && t.indexOf(':') != t.lastIndexOf(':') && !isIpv6Text(t)) {
            throw new IllegalArgumentException(text + ": more than one ':' (expected: HOST[:PORT], an IPv6 address "
                    + "in brackets: [2001:db8::1]:443)");
        }
        a = parse(t, defaultPort);
        checkHost(a.host());
        if (a.port() == 0) {
            throw new IllegalArgumentException(text + ": port 0 (expected: 1 ~ 65535)");
        }
        return a;
    }

    /**
     * Checks a host typed by a person and returns it: an IPv4 address (four numbers 0 to 255), an IPv6 literal
     * (without brackets), or a DNS name (letters, digits, '-', '_' in dot-separated labels of at most 63). Nothing is
     * looked up.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    public static String checkHost(String host) {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host (expected: an IP address or a name)");
        }
        if (host.indexOf(':') >= 0) {
            if (!isIpv6Text(host)) {
                throw new IllegalArgumentException(host + ": not an IPv6 address");
            }
            return host;
        }
        if (isIpLiteral(host)) {
            String[] parts = host.split("\\.", -1);
            boolean ok = parts.length == 4;
            for (String p : parts) {
                ok &= !p.isEmpty() && p.length() <= 3 && Integer.parseInt(p) <= 255;
            }
            if (!ok) {
                throw new IllegalArgumentException(host + ": not an IPv4 address (four numbers 0 to 255)");
            }
            return host;
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.length() > 253) {
            throw new IllegalArgumentException("host name longer than 253 characters");
        }
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                throw new IllegalArgumentException(host + ": not a host name (an empty, over-long or '-'-edged label)");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                    throw new IllegalArgumentException(host + ": not a host name (character '" + c + "')");
                }
            }
        }
        return host;
    }

    // An IPv6 literal, checked without a lookup: only hex digits, ':' and '.' (an embedded IPv4), and parsed by the
    // JDK, which treats such text as a literal and never asks DNS.
    private static boolean isIpv6Text(String t) {
        String h = t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t;
        int pct = h.indexOf('%');
        String addr = pct >= 0 ? h.substring(0, pct) : h;
        if (addr.isEmpty() || addr.indexOf(':') < 0 || Character.digit(addr.charAt(0), 16) < 0 && addr.charAt(0) != ':') {
            return false;
        }
        for (int i = 0; i < addr.length(); i++) {
            char c = addr.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                return false;
            }
        }
        try {
            java.net.InetAddress.getByName(addr);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static String urlHost(String url) {
        String rest = url.substring(url.indexOf("://") + 3);
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private static int parsePort(String digits, String whole) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("port in " + whole + " (expected: 0 ~ 65535)");
        }
        return Integer.parseInt(digits);
    }

    /** True when the host is an IPv6 literal. */
    public boolean isIpv6Literal() {
        return host.indexOf(':') >= 0;
    }

    /** True when the host is an IP literal rather than a name: no lookup, no SNI. */
    public boolean isIpLiteral() {
        return isIpLiteral(host);
    }

    /**
     * True when {@code host} (brackets allowed) is an IPv4 or IPv6 literal rather than a name: a name never holds a
     * colon, and one made only of digits and dots is read as an address by every resolver.
     */
    public static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        if (host.isEmpty()) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return isIpv6Literal() ? "[" + host + "]:" + port : host + ":" + port;
    }
}
