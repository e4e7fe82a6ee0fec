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
