package io.mediapath.turn;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * An explicit HTTP proxy that TCP and TLS connections to a relay go through with {@code CONNECT}, as Teams does when
 * only a web proxy leads out: {@code HttpProxy.of("proxy.corp", 3128).withBasicAuth("u", password)}. A {@code 407}
 * is reported as the proxy's refusal ({@link TurnException.Kind#PROXY_AUTH_REQUIRED}), never as the relay's
 * authentication. Immutable; {@link #toString()} never shows the password.
 */
public final class HttpProxy {
    static {
        // the Proxy-Authorization value reaches the tunnel code of both dialects, and no public method
        io.mediapath.turn.internal.ProxyDial.authorizationAccess(HttpProxy::authorization);
    }

    private final String host;
    private final int port;
    private final String username;
    private final String password;

    private HttpProxy(String host, int port, String username, String password) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
    }

    /**
     * A proxy without authentication.
     *
     * @throws IllegalArgumentException for an empty host or a port outside 1..65535
     */
    public static HttpProxy of(String host, int port) {
        Objects.requireNonNull(host, "host");
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.isBlank() || h.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@')) {
            throw new IllegalArgumentException("proxy host: '" + host + "' (expected: a host name or IP literal)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port: " + port + " (expected: 1 ~ 65535)");
        }
        return new HttpProxy(h, port, null, null);
    }

    /**
     * Parses {@code HOST:PORT} (IPv6 as {@code [::1]:3128}).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static HttpProxy parse(String hostPort) {
        Objects.requireNonNull(hostPort, "hostPort");
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1 || (hostPort.indexOf(':') != colon && !hostPort.startsWith("["))) {
            throw new IllegalArgumentException("proxy: '" + hostPort + "' (expected: HOST:PORT, IPv6 as [::1]:3128)");
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("proxy: '" + hostPort + "' (expected: HOST:PORT with a numeric port)");
        }
        return of(hostPort.substring(0, colon), port);
    }

    /** This proxy with Basic authentication ({@code Proxy-Authorization}, sent with the first CONNECT). */
    public HttpProxy withBasicAuth(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.indexOf(':') >= 0 || username.chars().anyMatch(c -> c < ' ')) {
            throw new IllegalArgumentException("proxy user: must not contain ':' or control characters");
        }
        if (password.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("proxy password: must not contain line breaks");
        }
        return new HttpProxy(host, port, username, password);
    }

    /** The proxy's host name or IP literal. */
    public String host() {
        return host;
    }

    /** The proxy's port. */
    public int port() {
        return port;
    }

    /** The Basic-auth user, when authentication is configured. */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** {@code host:port} ({@code [v6]:port}). */
    public String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The {@code Proxy-Authorization} value, when authentication is configured; never logged. */
    Optional<String> authorization() {
        if (username == null) {
            return Optional.empty();
        }
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpProxy p && p.host.equals(host) && p.port == port && Objects.equals(p.username, username)
                && Objects.equals(p.password, password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, username);
    }

    @Override
    public String toString() {
        return "HttpProxy[" + authority() + (username == null ? "" : ", Basic auth as " + username) + "]";
    }
}
