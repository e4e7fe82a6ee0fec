package io.mediapath.sdp.msdiag;

import java.util.Objects;
import java.util.Optional;

/**
 * An address and port as ms-client-diagnostics write them: {@code 192.0.2.1:50034}, the double-colon form
 * {@code 192.0.2.1::58503} seen in LocalMR/RemoteMR, {@code [2001:db8::1]:3478}, or a bare IPv6 address whose last
 * colon separates the port.
 *
 * @param host address or name as written (brackets removed)
 * @param port port, 0–65535
 */
public record MediaEndpoint(String host, int port) {

    public MediaEndpoint {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Parses the forms above; empty when there is no host or no valid port. */
    public static Optional<MediaEndpoint> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.startsWith("\"")) {
            t = t.substring(1);
        }
        if (t.endsWith("\"")) {
            t = t.substring(0, t.length() - 1);
        }
        String host;
        String port;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0 || close + 1 >= t.length() || t.charAt(close + 1) != ':') {
                return Optional.empty();
            }
            host = t.substring(1, close);
            port = t.substring(close + 2);
        } else {
            int dbl = t.indexOf("::");
            if (dbl > 0 && t.indexOf(':') == dbl && t.lastIndexOf(':') == dbl + 1 && t.substring(0, dbl).contains(".")) {
                host = t.substring(0, dbl); // 192.0.2.1::58503
                port = t.substring(dbl + 2);
            } else {
                int colon = t.lastIndexOf(':');
                if (colon <= 0) {
                    return Optional.empty();
                }
                host = t.substring(0, colon);
                port = t.substring(colon + 1);
            }
        }
        if (host.isEmpty() || port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int p = Integer.parseInt(port);
        return p > 65535 ? Optional.empty() : Optional.of(new MediaEndpoint(host, p));
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
