package io.mediapath.turn;

import java.util.Locale;
import java.util.Objects;

/**
 * A {@code stun:}, {@code stuns:} (RFC 7064), {@code turn:} or {@code turns:} (RFC 7065) URI, such as
 * {@code turns:turn.example.org:443?transport=tcp}.
 *
 * @param scheme    {@code stun}, {@code stuns}, {@code turn} or {@code turns}
 * @param host      host name or IP literal (IPv6 without brackets)
 * @param port      the explicit port, or the scheme's default (3478, or 5349 for the secure ones)
 * @param transport the transport the URI implies
 */
public record StunUri(String scheme, String host, int port, StunTransport transport) {

    public StunUri {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
    }

    /** True for {@code turn:} and {@code turns:}. */
    public boolean isTurn() {
        return scheme.startsWith("turn");
    }

    /**
     * Parses a URI. {@code ?transport=udp|tcp} is accepted on every scheme; {@code turns:}/{@code stuns:} always use
     * TLS over TCP ({@code ?transport=udp} there would mean DTLS, which this client does not do).
     *
     * @throws IllegalArgumentException with the reason when the text is not such a URI
     */
    public static StunUri parse(String text) {
        Objects.requireNonNull(text, "uri");
        String t = text.strip();
        int colon = t.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("uri: " + text + " (expected: stun:, stuns:, turn: or turns:host[:port])");
        }
        String scheme = t.substring(0, colon).toLowerCase(Locale.ROOT);
        boolean secure = scheme.equals("stuns") || scheme.equals("turns");
        if (!secure && !scheme.equals("stun") && !scheme.equals("turn")) {
            throw new IllegalArgumentException("uri scheme: " + scheme + " (expected: stun, stuns, turn or turns)");
        }
        String rest = t.substring(colon + 1);
        if (rest.startsWith("//")) {
            throw new IllegalArgumentException("uri: " + text + " (RFC 7064/7065 URIs have no '//')");
        }
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        StunTransport transport = secure ? StunTransport.TLS : StunTransport.UDP;
        if (!query.isEmpty()) {
            if (!scheme.startsWith("turn")) {
                throw new IllegalArgumentException("uri: " + text + " (only turn: URIs take ?transport=)");
            }
            String v = query.toLowerCase(Locale.ROOT);
            if (v.equals("transport=tcp")) {
                transport = secure ? StunTransport.TLS : StunTransport.TCP;
            } else if (v.equals("transport=udp")) {
                if (secure) {
                    throw new IllegalArgumentException("uri: " + text + " (turns: over UDP means DTLS: not supported)");
                }
                transport = StunTransport.UDP;
            } else {
                throw new IllegalArgumentException("uri query: " + query + " (expected: transport=udp or transport=tcp)");
            }
        }
        int defaultPort = secure ? 5349 : 3478;
        String host;
        int port = defaultPort;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("uri: " + text + " (unclosed IPv6 literal)");
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new IllegalArgumentException("uri: " + text);
                }
                port = parsePort(after.substring(1), text);
            }
        } else {
            int c = rest.lastIndexOf(':');
            if (c >= 0) {
                host = rest.substring(0, c);
                port = parsePort(rest.substring(c + 1), text);
            } else {
                host = rest;
            }
        }
        if (host.isEmpty() || host.indexOf(':') >= 0 && !rest.startsWith("[")) {
            throw new IllegalArgumentException("uri: " + text + " (expected: a host, IPv6 in brackets)");
        }
        try {
            io.mediapath.ice.TransportAddress.checkHost(host); // one host rule for every target (no lookup of 999.1.1.1)
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("uri: " + e.getMessage());
        }
        return new StunUri(scheme, host, port, transport);
    }

    private static int parsePort(String s, String whole) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("uri port in " + whole + " (expected: 1 ~ 65535)");
        }
        int p = Integer.parseInt(s);
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("uri port in " + whole + " (expected: 1 ~ 65535)");
        }
        return p;
    }

    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        String q = isTurn() && transport == StunTransport.TCP ? "?transport=tcp" : "";
        return scheme + ":" + h + ":" + port + q;
    }
}
