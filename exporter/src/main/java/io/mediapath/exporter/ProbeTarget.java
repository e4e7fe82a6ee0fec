package io.mediapath.exporter;

import io.mediapath.ice.TransportAddress;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What to probe, as a Prometheus target or a scan line gives it: {@code HOST[:PORT]} or {@code [v6]:PORT}. Without a
 * port the module's default applies. Nothing is looked up here.
 *
 * @param host IP literal (IPv6 without brackets) or DNS name, checked by {@link TransportAddress#checkHost}
 * @param port the port, when the target named one
 */
public record ProbeTarget(String host, OptionalInt port) {

    /** The longest target text accepted (a DNS name is at most 253 characters). */
    public static final int MAX_LENGTH = 300;

    public ProbeTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
        TransportAddress.checkHost(host);
        if (port.isPresent() && (port.getAsInt() < 1 || port.getAsInt() > 65535)) {
            throw new IllegalArgumentException("port " + port.getAsInt() + " (expected: 1 ~ 65535)");
        }
    }

    /**
     * Parses {@code HOST[:PORT]}.
     *
     * @throws IllegalArgumentException with a one-line reason (a URL, a bad host, port 0, too long…)
     */
    public static ProbeTarget parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty target (expected: HOST[:PORT])");
        }
        if (t.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("target longer than " + MAX_LENGTH + " characters");
        }
        boolean hasPort = t.startsWith("[") ? t.indexOf(']') >= 0 && t.indexOf(']') < t.length() - 1
                : t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':');
        // parseTarget refuses URLs, 999.1.1.1, host:0 and stray colons with a reason a person can act on.
        TransportAddress a = TransportAddress.parseTarget(t, 1);
        return new ProbeTarget(a.host(), hasPort ? OptionalInt.of(a.port()) : OptionalInt.empty());
    }

    /** The address to probe: this target's port, else {@code defaultPort}. */
    public TransportAddress address(int defaultPort) {
        return new TransportAddress(host, port.orElse(defaultPort));
    }

    /** {@code host}, {@code host:port} or {@code [v6]:port}: the form {@link #parse} reads. */
    @Override
    public String toString() {
        if (port.isEmpty()) {
            return host;
        }
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port.getAsInt();
    }
}
