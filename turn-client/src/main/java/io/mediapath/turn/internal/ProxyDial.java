package io.mediapath.turn.internal;

import io.mediapath.turn.HttpProxy;
import io.mediapath.turn.TurnException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The one place both dialects' clients (the RFC {@code TurnClient} and {@code MsTurnClient}) go through an explicit
 * HTTP proxy: the proxy's name looked up off the event loop, the {@link HttpConnectTunnel} for a relay, and the
 * proxy's refusal or failure in the proxy's words ({@link TurnException.Kind#PROXY_AUTH_REQUIRED} for a 407, {@link
 * TurnException.Kind#PROXY_REFUSED} otherwise), never the relay's authentication and never the credentials.
 */
public final class ProxyDial {

    /**
     * How the {@code Proxy-Authorization} value is read from an {@link HttpProxy}: set once by {@code HttpProxy}
     * itself, so the value is reachable from this (unexported) package and from no public method.
     */
    private static volatile Function<HttpProxy, Optional<String>> authorization;

    private ProxyDial() {
    }

    /** Called once by {@code HttpProxy}'s initialisation; later calls are ignored. */
    public static synchronized void authorizationAccess(Function<HttpProxy, Optional<String>> access) {
        if (authorization == null) {
            authorization = Objects.requireNonNull(access, "access");
        }
    }

    /** The tunnel handler for {@code server} through {@code proxy} (the first handler after the socket's). */
    public static HttpConnectTunnel tunnel(HttpProxy proxy, InetSocketAddress server) {
        return new HttpConnectTunnel(authority(server), authorization.apply(proxy));
    }

    /** Looks up the proxy's name on a resolver thread, bounded by {@code wait}; {@code RESOLVE_FAILED} otherwise. */
    public static CompletableFuture<InetSocketAddress> resolve(HttpProxy proxy, Duration wait) {
        return Lookups.resolve(proxy.host(), proxy.port(), wait, "the proxy ");
    }

    /** {@code ip:port} ({@code [v6]:port}) of the relay, as CONNECT names it. */
    public static String authority(InetSocketAddress server) {
        String ip = server.getAddress() != null ? server.getAddress().getHostAddress() : server.getHostString();
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + server.getPort();
    }

    /** A proxy answer other than 2xx, in the proxy's words (never the credentials). */
    public static TurnException refusal(HttpProxy proxy, InetSocketAddress server, ConnectResponse r) {
        String by = r.header("Server").or(() -> r.header("Via")).map(v -> " (" + v + ")").orElse("");
        if (r.status() == 407) {
            String challenge = r.header("Proxy-Authenticate").map(v -> "; Proxy-Authenticate: " + v).orElse("");
            String what = proxy.username().isPresent()
                    ? "refused the credentials of proxy user " + proxy.username().get()
                    : "demands authentication (no proxy credentials were given)";
            return new TurnException(TurnException.Kind.PROXY_AUTH_REQUIRED, "the HTTP proxy " + proxy.authority()
                    + by + " " + what + ": CONNECT " + authority(server) + " answered 407 " + r.reason() + challenge
                    + "; the relay was not reached");
        }
        return new TurnException(TurnException.Kind.PROXY_REFUSED, "the HTTP proxy " + proxy.authority() + by
                + " refused CONNECT " + authority(server) + ": " + r.status() + " " + r.reason()
                + "; the relay was not reached");
    }

    /** The tunnel could not be opened (the proxy closed, or answered something that is not HTTP). */
    public static TurnException failure(HttpProxy proxy, InetSocketAddress server, Throwable err) {
        Throwable c = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        return new TurnException(TurnException.Kind.PROXY_REFUSED, "the HTTP proxy " + proxy.authority()
                + " did not open a tunnel to " + authority(server) + ": " + c.getMessage(), null, c);
    }

    /** What the tunnel's answer means: null when it is open, else the proxy's refusal or failure. */
    public static TurnException outcome(HttpProxy proxy, InetSocketAddress server, ConnectResponse resp,
            Throwable err) {
        return err != null ? failure(proxy, server, err) : resp.established() ? null : refusal(proxy, server, resp);
    }
}
