package io.mediapath.turn.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.Finding;
import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.lab.coturn.Coturn;
import io.mediapath.lab.coturn.EchoPeer;
import io.mediapath.lab.peers.SquidConnectProxy;
import io.mediapath.turn.HttpProxy;
import io.mediapath.turn.ProbeStep;
import io.mediapath.turn.StunTransport;
import io.mediapath.turn.StunUri;
import io.mediapath.turn.TurnProbe;
import io.mediapath.turn.TurnProbeOptions;
import io.mediapath.turn.TurnProbeReport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TURN through an explicit HTTP proxy: real squid as a CONNECT proxy (allowing CONNECT only to coturn's two ports)
 * in front of real coturn, without and with Basic authentication (squid's basic_ncsa_auth against an htpasswd file
 * the lab writes). Allocate, permission and a relayed UDP echo succeed over TCP and TLS through the tunnel; squid's
 * access log proves the tunnel was used. A missing or wrong proxy password reads as the proxy's 407, never as the
 * relay's authentication, and the proxy password appears in no report.
 */
class TurnThroughHttpProxyIT {
    private static final String PROXY_USER = "carol";
    private static final String PROXY_PASSWORD = "pr0xy-Secret-7";

    static Coturn turn;
    static EchoPeer peer;
    static SquidConnectProxy open;
    static SquidConnectProxy authed;

    @BeforeAll
    static void start() {
        turn = Coturn.builder().start();
        peer = EchoPeer.start();
        open = SquidConnectProxy.builder().allowPorts(turn.port(), turn.tlsPort()).start();
        authed = SquidConnectProxy.builder().allowPorts(turn.port(), turn.tlsPort())
                .basicAuth(PROXY_USER, PROXY_PASSWORD).start();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {authed, open, peer, turn}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // keep closing the others
            }
        }
    }

    static TurnProbeReport probe(HttpProxy proxy, StunTransport t, boolean withPeer) throws Exception {
        TurnProbe p = TurnProbe.create(TurnProbeOptions.builder()
                .client(TurnTestSupport.options(turn, TurnTestSupport.events()).proxy(proxy).build())
                .credentials(turn.username(), turn.password()).peer(withPeer ? peer.address() : null).build(), t);
        String uri = t == StunTransport.TLS ? "turns:127.0.0.1:" + turn.tlsPort()
                : "turn:127.0.0.1:" + turn.port() + "?transport=tcp";
        return p.probe(StunUri.parse(uri), ProbeContext.withTimeout(Duration.ofSeconds(20))).get(30, TimeUnit.SECONDS);
    }

    static HttpProxy proxy(SquidConnectProxy squid) {
        return HttpProxy.of(squid.address().host(), squid.address().port());
    }

    static void assertRelayedEchoThrough(TurnProbeReport r, SquidConnectProxy squid, StunTransport t) {
        assertThat(r.steps()).as(r.toString()).allMatch(s -> s.status() == ProbeStep.Status.PASSED);
        assertThat(r.verdict()).isEqualTo("RELAY_ECHO_OK");
        assertThat(r.steps()).extracting(ProbeStep::name).contains("allocate", "permission", "relay-echo");
        assertThat(r.peerCertificates()).hasSize(t == StunTransport.TLS ? 1 : 0);
        assertThat(r.timeline()).extracting(TimelineEvent::kind).contains("proxy.connect", "proxy.established");
        int port = t == StunTransport.TLS ? turn.tlsPort() : turn.port();
        assertThat(squid.accessLog()).as("squid tunnelled the relay connection")
                .anyMatch(l -> l.contains("CONNECT 127.0.0.1:" + port) && l.contains("/200 "));
    }

    @ParameterizedTest
    @EnumSource(value = StunTransport.class, names = {"TCP", "TLS"})
    void allocateAndRelayedEchoThroughSquid(StunTransport t) throws Exception {
        assertRelayedEchoThrough(probe(proxy(open), t, true), open, t);
    }

    @ParameterizedTest
    @EnumSource(value = StunTransport.class, names = {"TCP", "TLS"})
    void allocateAndRelayedEchoThroughSquidWithBasicAuth(StunTransport t) throws Exception {
        TurnProbeReport r = probe(proxy(authed).withBasicAuth(PROXY_USER, PROXY_PASSWORD), t, true);
        assertRelayedEchoThrough(r, authed, t);
        // the CONNECT carries Proxy-Authorization: it never reaches the recorded wire (ladders, --pcap, JSON)
        String basic = java.util.Base64.getEncoder().encodeToString((PROXY_USER + ":" + PROXY_PASSWORD)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.timeline()).filteredOn(e -> e.wire() != null).isNotEmpty()
                .noneMatch(e -> new String(e.wire().bytes(), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .contains(basic) || new String(e.wire().bytes(), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .contains("CONNECT "));
        assertThat(authed.accessLog()).anyMatch(l -> l.contains(" " + PROXY_USER + " "));
        assertThat(r.toString()).doesNotContain(PROXY_PASSWORD);
    }

    @ParameterizedTest
    @EnumSource(value = StunTransport.class, names = {"TCP", "TLS"})
    void wrongProxyPasswordIsTheProxys407NotTurnAuthentication(StunTransport t) throws Exception {
        TurnProbeReport r = probe(proxy(authed).withBasicAuth(PROXY_USER, "wrong-" + PROXY_PASSWORD), t, false);
        assertThat(r.passed()).isFalse();
        assertThat(r.verdict()).as(r.toString()).isEqualTo("TURN_PROXY_AUTH_REQUIRED");
        ProbeStep failed = r.failedStep().orElseThrow();
        assertThat(failed.name()).isEqualTo("connect");
        assertThat(failed.detail()).contains("407").contains("refused the credentials of proxy user " + PROXY_USER)
                .contains("the relay was not reached");
        List<String> codes = r.findings().stream().map(Finding::code).toList();
        assertThat(codes).contains("TURN_PROXY_AUTH_REQUIRED").doesNotContain("TURN_AUTH_FAILED", "TURN_TLS_FAILED");
        assertThat(r.toString()).doesNotContain(PROXY_PASSWORD);
        assertThat(r.steps()).noneMatch(s -> s.name().equals("first-response")
                && s.status() == ProbeStep.Status.PASSED);
    }

    @Test
    void noProxyCredentialsIsTheProxys407() throws Exception {
        TurnProbeReport r = probe(proxy(authed), StunTransport.TCP, false);
        assertThat(r.verdict()).as(r.toString()).isEqualTo("TURN_PROXY_AUTH_REQUIRED");
        assertThat(r.failedStep().orElseThrow().detail()).contains("demands authentication")
                .contains("Basic realm=\"mediapath-lab-proxy\"");
    }

    @Test
    void connectToAPortTheProxyDeniesIsAProxyRefusal() throws Exception {
        // squid allows CONNECT only to coturn's ports: a relay elsewhere gets 403, the proxy's policy.
        TurnProbe p = TurnProbe.create(TurnProbeOptions.builder()
                .client(TurnTestSupport.options(turn, TurnTestSupport.events()).proxy(proxy(open)).build()).build(),
                StunTransport.TCP);
        int other = Coturn.freePort();
        TurnProbeReport r = p.probe(StunUri.parse("turn:127.0.0.1:" + other + "?transport=tcp"),
                ProbeContext.withTimeout(Duration.ofSeconds(15))).get(20, TimeUnit.SECONDS);
        assertThat(r.verdict()).as(r.toString()).isEqualTo("TURN_PROXY_REFUSED");
        assertThat(r.failedStep().orElseThrow().detail()).contains("403");
    }
}
