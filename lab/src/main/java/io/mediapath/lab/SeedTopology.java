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

    /** The user name the MS-TURN edges of {@link #msTurnEdge} accept. */
    public static final String MS_TURN_USER = "lab-user";
    /** The password the MS-TURN edges of {@link #msTurnEdge} accept (a lab value, not a secret). */
    public static final String MS_TURN_PASSWORD = "lab-password";
    /** The subject of the interception CA of {@link #websense()}: named like the seed's product. */
    public static final String WEBSENSE_CA = "CN=Websense Content Gateway Root CA,OU=SSL Inspection,O=Websense Inc.";

    /**
     * The seed, live: a genuine emulated Lync Edge speaking MS-TURN on UDP ({@link #udpAddress()}) and, behind
     * pseudo-TLS, on TCP ({@link #edgeAddress()}), and in front of its TCP port the seed's web-security proxy
     * ({@link #clientTarget()}): it answers the hello itself with ServerHello, a Certificate forged by a CA named
     * {@value #WEBSENSE_CA}, and ServerHelloDone, one record per packet. UDP reaches the Edge; TCP never does.
     */
    public static SeedTopology websense() {
        LabCa ca = LabCa.builder().subject(WEBSENSE_CA).build();
        return msTurnEdge(InterceptingProxy.builder().mode(Mode.ONE_RECORD_PER_PACKET).ca(ca)
                .forgedNames("edge.lab.example"), "websense");
    }

    /**
     * A genuine emulated Edge speaking MS-TURN on UDP and TCP ({@link #MS_TURN_USER}/{@link #MS_TURN_PASSWORD}),
     * with {@code proxy} started in front of its TCP port, or alone when {@code proxy} is null.
     */
    public static SeedTopology msTurnEdge(InterceptingProxy.Builder proxy, String name) {
        EmulatedEdge edge = EmulatedEdge.builder().msTurn(MS_TURN_USER, MS_TURN_PASSWORD).start();
        try {
            return new SeedTopology(Objects.requireNonNull(name, "name"), edge, proxy == null ? null : proxy.start());
        } catch (RuntimeException e) {
            edge.close();
            throw e;
        }
    }

    /** The edge's UDP (MS-TURN) address, for the edges of {@link #msTurnEdge} and {@link #websense()}. */
    public Optional<TransportAddress> udpAddress() {
        return edge.udpAddress();
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
