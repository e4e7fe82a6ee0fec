package io.mediapath.turn.msturn;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.ice.probe.WirePayload;
import io.mediapath.lab.edge.EmulatedEdge;
import io.mediapath.lab.peers.SquidConnectProxy;
import io.mediapath.turn.HttpProxy;
import io.mediapath.turn.StunTimers;
import io.mediapath.turn.TurnException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MS-TURN through an explicit HTTP proxy, as {@code TurnThroughHttpProxyIT} does for the RFC dialect: real squid as a
 * CONNECT proxy (allowing CONNECT only to the Edge's TCP port), without and with Basic authentication, in front of
 * lab's {@link EmulatedEdge}. The pseudo-TLS hello, the 401 and the authenticated Allocate travel in the tunnel and
 * the Edge allocates; squid's access log proves the tunnel was used. A wrong proxy password is the proxy's 407
 * ({@link TurnException.Kind#PROXY_AUTH_REQUIRED}), never the Edge's authentication, and the proxy password (and its
 * Basic value) reaches no report, timeline or wire payload.
 */
class MsTurnThroughHttpProxyIT {
    private static final String USER = "bob@lab.test";
    private static final String PASS = "s3cret";
    private static final String PROXY_USER = "carol";
    private static final String PROXY_PASSWORD = "pr0xy-Secret-9";

    static EmulatedEdge edge;
    static SquidConnectProxy open;
    static SquidConnectProxy authed;

    @BeforeAll
    static void start() {
        edge = EmulatedEdge.builder().msTurn(USER, PASS).msTurnRealm("SIP Communications Service").start();
        open = SquidConnectProxy.builder().allowPorts(edge.address().port()).start();
        authed = SquidConnectProxy.builder().allowPorts(edge.address().port()).basicAuth(PROXY_USER, PROXY_PASSWORD)
                .start();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {authed, open, edge}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // keep closing the others
            }
        }
    }

    static HttpProxy proxy(SquidConnectProxy squid) {
        return HttpProxy.of(squid.address().host(), squid.address().port());
    }

    static InetSocketAddress edgeTcp() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), edge.address().port());
    }

    private final List<TimelineEvent> events = new CopyOnWriteArrayList<>();
    private final List<WirePayload> wire = new CopyOnWriteArrayList<>();

    MsTurnOptions options(HttpProxy proxy) {
        return MsTurnOptions.builder().credentials(USER, PASS).proxy(proxy).listener(events::add)
                .wireListener(wire::add).timers(StunTimers.RFC8489.within(Duration.ofSeconds(5))).build();
    }

    void assertAllocatedThrough(MsTurnAllocation a, SquidConnectProxy squid) {
        assertThat(a.allocated()).isTrue();
        assertThat(a.realm()).isEqualTo("SIP Communications Service");
        assertThat(a.relayed()).isPresent();
        assertThat(events).extracting(TimelineEvent::kind).contains("proxy.connect", "proxy.established",
                "pseudo-tls.hello");
        assertThat(squid.accessLog()).as("squid tunnelled the Edge connection")
                .anyMatch(l -> l.contains("CONNECT 127.0.0.1:" + edge.address().port()) && l.contains("/200 "));
        // the tap sees the pseudo-TLS records in the tunnel, never the CONNECT
        assertThat(wire).anyMatch(w -> w.direction() == WirePayload.Direction.SENT && w.bytes().length == 50);
        assertThat(wire).noneMatch(w -> new String(w.bytes(), StandardCharsets.ISO_8859_1).contains("CONNECT "));
    }

    @Test
    void allocatesOnTheEdgeThroughSquid() throws Exception {
        try (MsTurnClient c = MsTurnClient.create(options(proxy(open)))) {
            assertAllocatedThrough(c.allocate(edgeTcp(), MsTurnTransport.TCP).get(30, TimeUnit.SECONDS), open);
        }
    }

    @Test
    void allocatesOnTheEdgeThroughSquidWithBasicAuth() throws Exception {
        try (MsTurnClient c = MsTurnClient.create(options(proxy(authed).withBasicAuth(PROXY_USER, PROXY_PASSWORD)))) {
            MsTurnAllocation a = c.allocate(edgeTcp(), MsTurnTransport.TCP).get(30, TimeUnit.SECONDS);
            assertAllocatedThrough(a, authed);
            assertThat(authed.accessLog()).anyMatch(l -> l.contains(" " + PROXY_USER + " "));
            assertThat(a.toString() + events).doesNotContain(PROXY_PASSWORD);
        }
    }

    @Test
    void aWrongProxyPasswordIsTheProxys407NotTheEdgesAuthentication() throws Exception {
        MsTurnProbe p = MsTurnProbe.create(options(proxy(authed).withBasicAuth(PROXY_USER, "wrong-" + PROXY_PASSWORD)),
                MsTurnTransport.TCP);
        MsTurnProbeReport r = p.probe(new TransportAddress("127.0.0.1", edge.address().port()),
                ProbeContext.withTimeout(Duration.ofSeconds(20))).get(30, TimeUnit.SECONDS);
        assertThat(r.failure()).as(r.toString()).hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo(TurnException.Kind.PROXY_AUTH_REQUIRED);
            assertThat(f.getMessage()).contains("407").contains("refused the credentials of proxy user " + PROXY_USER)
                    .contains("the relay was not reached");
        });
        assertThat(r.result().findings()).extracting(f -> f.code()).contains("TURN_PROXY_AUTH_REQUIRED")
                .doesNotContain("TURN_AUTH_FAILED");
        String basic = Base64.getEncoder().encodeToString((PROXY_USER + ":wrong-" + PROXY_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        String all = r + " " + r.result() + " " + events;
        assertThat(all).doesNotContain(PROXY_PASSWORD).doesNotContain(basic);
        assertThat(wire).noneMatch(w -> new String(w.bytes(), StandardCharsets.ISO_8859_1).contains(basic));
        assertThat(authed.accessLog()).anyMatch(l -> l.contains("/407 "));
    }

    @Test
    void udpNeverUsesTheProxy() throws Exception {
        try (MsTurnClient c = MsTurnClient.create(options(proxy(open)))) {
            MsTurnAllocation a = c.allocate(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    edge.udpAddress().orElseThrow().port()), MsTurnTransport.UDP).get(30, TimeUnit.SECONDS);
            assertThat(a.allocated()).isTrue();
            assertThat(events).extracting(TimelineEvent::kind).doesNotContain("proxy.connect");
        }
    }
}
