package io.mediapath.lab;

import io.mediapath.ice.TransportAddress;
import io.mediapath.lab.edge.EmulatedEdge;
import io.mediapath.lab.pki.LabCa;
import io.mediapath.lab.proxy.InterceptingProxy;
import io.mediapath.lab.proxy.InterceptingProxy.Mode;
import java.util.Objects;
import java.util.Optional;

/**
 * The seeds' scenarios on loopback in one call, for a product's tests: a genuine emulated Lync Edge, and
 * optionally a middlebox in front of it that answers the hello itself.
 *
 * <pre>{@code
 * try (SeedTopology lab = SeedTopology.applicationLayerFirewall()) {
 *     TransportAddress relay = lab.clientTarget();   // what the product should probe as "the relay on 443"
 *     // ... run the product's probe against relay; expect a non-genuine answer
 * }
 * }</pre>
 *
 * <p>The middlebox is an {@link InterceptingProxy}: it answers on its own and never forwards to the edge, which is
 * what the seeds saw (the client never reached the relay). {@link #edgeAddress()} stays reachable directly, as a
 * known-good baseline. Needs no root and no external program; for the real-peer and network-namespace variants
 * see {@code io.mediapath.lab.peers} and {@code io.mediapath.lab.netns}.
 */
public final class SeedTopology implements AutoCloseable {

    private final String name;
    private final EmulatedEdge edge;
    private final InterceptingProxy proxy;

    private SeedTopology(String name, EmulatedEdge edge, InterceptingProxy proxy) {
        this.name = name;
        this.edge = edge;
        this.proxy = proxy;
    }

    /** A clean path: the client reaches the genuine edge, which answers the 83-byte pseudo-TLS record. */
    public static SeedTopology cleanPath() {
        return new SeedTopology("clean path", EmulatedEdge.start(), null);
    }

    /**
     * The seed's application-layer firewall / web-security proxy (Websense): the hello is answered by the proxy
     * with ServerHello, a forged Certificate and ServerHelloDone, each in its own packet.
     */
    public static SeedTopology applicationLayerFirewall() {
        return intercepted(Mode.ONE_RECORD_PER_PACKET);
    }

    /** A web-security proxy that demands authentication (plaintext HTTP 407). */
    public static SeedTopology authenticatingProxy() {
        return intercepted(Mode.HTTP_407);
    }

    /** A web gateway that redirects to a login portal (plaintext HTTP 302). */
    public static SeedTopology captivePortal() {
        return intercepted(Mode.HTTP_302_PORTAL);
    }

    /** A genuine edge with an {@link InterceptingProxy} in {@code mode} in front of it. */
    public static SeedTopology intercepted(Mode mode) {
        Objects.requireNonNull(mode, "mode");
        EmulatedEdge edge = EmulatedEdge.start();
        try {
            return new SeedTopology(mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), edge,
                    InterceptingProxy.start(mode));
        } catch (RuntimeException e) {
            edge.close();
            throw e;
        }
    }

    /** Where the client under test should connect: the proxy when intercepted, else the edge. */
    public TransportAddress clientTarget() {
        return proxy != null ? proxy.address() : edge.address();
    }

    /** The genuine edge, reachable directly (a known-good baseline). */
    public TransportAddress edgeAddress() {
        return edge.address();
    }

    /** The emulated edge. */
    public EmulatedEdge edge() {
        return edge;
    }

    /** The middlebox, when the scenario has one. */
    public Optional<InterceptingProxy> proxy() {
        return Optional.ofNullable(proxy);
    }

    /** The interception CA a forged chain is signed by, when the scenario has a middlebox. */
    public Optional<LabCa> interceptionCa() {
        return proxy().map(InterceptingProxy::ca);
    }

    /** Whether something other than the genuine edge answers {@link #clientTarget()}. */
    public boolean isIntercepted() {
        return proxy != null;
    }

    /** A short human-readable name of the scenario. */
    public String name() {
        return name;
    }

    /** Stops the proxy and the edge. */
    @Override
    public void close() {
        try {
            if (proxy != null) {
                proxy.close();
            }
        } finally {
            edge.close();
        }
    }

    @Override
    public String toString() {
        return "SeedTopology[" + name + ", client target " + clientTarget() + ", edge " + edgeAddress() + "]";
    }
}
