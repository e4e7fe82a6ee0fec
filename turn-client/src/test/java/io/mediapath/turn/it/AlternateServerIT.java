package io.mediapath.turn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediapath.ice.probe.Deadline;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.lab.coturn.Coturn;
import io.mediapath.turn.AllocateOptions;
import io.mediapath.turn.ProbeStep;
import io.mediapath.turn.StunConnection;
import io.mediapath.turn.StunTransport;
import io.mediapath.turn.StunUri;
import io.mediapath.turn.TurnAllocation;
import io.mediapath.turn.TurnClient;
import io.mediapath.turn.TurnCredentials;
import io.mediapath.turn.TurnException;
import io.mediapath.turn.TurnProbe;
import io.mediapath.turn.TurnProbeOptions;
import io.mediapath.turn.TurnProbeReport;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.TrustManagerFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 8489 §10 ALTERNATE-SERVER against real coturns: A ({@code alternate-server}, {@code tls-alternate-server})
 * answers Allocate with 300 Try Alternate pointing at B; a pair redirecting to each other forms a loop; a server in
 * another realm must not receive the credentials.
 */
class AlternateServerIT {
    static Coturn b;
    static Coturn a;
    static Coturn loopX;
    static Coturn loopY;
    static Coturn otherRealm;
    static Coturn toOtherRealm;

    @BeforeAll
    static void start() {
        b = Coturn.builder().start();
        a = Coturn.builder().line("alternate-server=127.0.0.1:" + b.port())
                .line("tls-alternate-server=127.0.0.1:" + b.tlsPort()).start();
        int x = Coturn.freePort();
        int xt = Coturn.freePort();
        int y = Coturn.freePort();
        int yt = Coturn.freePort();
        loopX = Coturn.builder().ports(x, xt).line("alternate-server=127.0.0.1:" + y).start();
        loopY = Coturn.builder().ports(y, yt).line("alternate-server=127.0.0.1:" + x).start();
        otherRealm = Coturn.builder().realm("other.example").start();
        toOtherRealm = Coturn.builder().line("alternate-server=127.0.0.1:" + otherRealm.port()).start();
    }

    @AfterAll
    static void stop() {
        for (Coturn c : new Coturn[] {a, b, loopX, loopY, otherRealm, toOtherRealm}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** A and B each made their own certificate: trust both (B's is checked against the original name, 127.0.0.1). */
    static TrustManagerFactory trustBoth() throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        for (Coturn c : new Coturn[] {a, b}) {
            try (InputStream in = Files.newInputStream(c.certificate())) {
                ks.setCertificateEntry("coturn-" + c.port(),
                        CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf;
    }

    static TurnCredentials creds(Coturn c) {
        return new TurnCredentials(c.username(), c.password());
    }

    @ParameterizedTest
    @EnumSource(StunTransport.class)
    void allocateFollowsTheRedirectToTheAlternateOnce(StunTransport t) throws Exception {
        List<TimelineEvent> events = TurnTestSupport.events();
        try (TurnClient client = TurnClient.create(TurnTestSupport.options(a, events).trust(trustBoth()).build())) {
            StunConnection conn = TurnTestSupport.connect(client, a, t);
            InetSocketAddress aAddr = conn.server();
            TurnAllocation alloc = conn.allocate(creds(a), AllocateOptions.defaults()).get(15, TimeUnit.SECONDS);
            int bPort = t == StunTransport.TLS ? b.tlsPort() : b.port();
            assertThat(alloc.connection().server().getPort()).isEqualTo(bPort);
            assertThat(alloc.redirectedFrom()).containsExactly(aAddr);
            assertThat(conn.isOpen()).as("the redirecting connection is closed").isFalse();
            assertThat(events).filteredOn(e -> e.kind().equals("stun.redirect")).hasSize(1)
                    .first().satisfies(e -> assertThat(e.detail()).contains(String.valueOf(bPort)));
            alloc.close();
        }
    }

    @Test
    void aRedirectionLoopIsATypedErrorNotAnEndlessPingPong() throws Exception {
        List<TimelineEvent> events = TurnTestSupport.events();
        try (TurnClient client = TurnClient.create(TurnTestSupport.options(loopX, events).maxRedirects(5).build())) {
            StunConnection conn = TurnTestSupport.connect(client, loopX, StunTransport.UDP);
            assertThatThrownBy(() -> conn.allocate(creds(loopX), AllocateOptions.defaults()).get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(TurnException.class,
                            e -> {
                                assertThat(e.kind()).isEqualTo(TurnException.Kind.REDIRECT_LIMIT);
                                assertThat(e.getMessage()).contains("loop");
                            });
            // X → Y once, then Y → X is refused: exactly one redirect was followed.
            assertThat(events).filteredOn(e -> e.kind().equals("stun.redirect")).hasSize(1);
            assertThat(events).anyMatch(e -> e.kind().equals("stun.redirect-loop"));
        }
    }

    @Test
    void redirectsBeyondTheLimitAreATypedError() throws Exception {
        try (TurnClient client = TurnClient.create(TurnTestSupport.options(a, TurnTestSupport.events())
                .maxRedirects(0).build())) {
            StunConnection conn = TurnTestSupport.connect(client, a, StunTransport.TCP);
            assertThatThrownBy(() -> conn.allocate(creds(a), AllocateOptions.defaults()).get(15, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(TurnException.class,
                            e -> assertThat(e.kind()).isEqualTo(TurnException.Kind.REDIRECT_LIMIT));
        }
    }

    /**
     * coturn 4.6.1 redirects the first, unauthenticated Allocate: no 401 and no credentials reach the redirecting
     * server, so there is no realm to compare, and the alternate's own challenge decides the realm (RFC 8489 §10:
     * the same credentials). The realm check ({@code stun.redirect-realm-mismatch}) applies to redirects of
     * authenticated requests, which this coturn never sends.
     */
    @Test
    void coturnRedirectsBeforeAnyCredentialsAreSent() throws Exception {
        List<TimelineEvent> events = TurnTestSupport.events();
        try (TurnClient client = TurnClient.create(TurnTestSupport.options(toOtherRealm, events).build())) {
            StunConnection conn = TurnTestSupport.connect(client, toOtherRealm, StunTransport.UDP);
            TurnAllocation alloc = conn.allocate(creds(toOtherRealm), AllocateOptions.defaults()).get(15, TimeUnit.SECONDS);
            int redirect = indexOf(events, "stun.redirect");
            assertThat(redirect).isPositive();
            assertThat(events.subList(0, redirect)).noneMatch(e -> e.detail().contains("response 401"))
                    .filteredOn(e -> e.kind().equals("stun.request")).hasSize(1);
            assertThat(alloc.realm()).isEqualTo("other.example");
            assertThat(alloc.redirectedFrom()).containsExactly(conn.server());
            assertThat(events).noneMatch(e -> e.kind().equals("stun.redirect-realm-mismatch"));
            alloc.close();
        }
    }

    @Test
    void theProbeReportsARedirectionLoopAsAFailedRedirectStep() throws Exception {
        TurnProbe probe = TurnProbe.create(TurnProbeOptions.builder()
                .client(TurnTestSupport.options(loopX, TurnTestSupport.events()).maxRedirects(5).build())
                .credentials(creds(loopX)).build(), StunTransport.UDP);
        TurnProbeReport r = probe.probe(StunUri.parse("turn:127.0.0.1:" + loopX.port()),
                new ProbeContext(Deadline.after(Duration.ofSeconds(20)), e -> { })).get(30, TimeUnit.SECONDS);
        assertThat(r.passed()).isFalse();
        assertThat(r.failedStep()).hasValueSatisfying(s -> {
            assertThat(s.name()).isEqualTo("redirect");
            assertThat(s.detail()).contains("loop");
        });
        assertThat(r.findings()).anyMatch(f -> f.code().equals("TURN_REDIRECT_FAILED"));
        assertThat(r.steps()).filteredOn(s -> s.name().equals("redirect") && s.status() == ProbeStep.Status.PASSED)
                .hasSize(1);
    }

    static int indexOf(List<TimelineEvent> events, String kind) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).kind().equals(kind)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void theProbeShowsTheRedirectAsAStepAndATimelineEvent() throws Exception {
        TurnProbe probe = TurnProbe.create(TurnProbeOptions.builder().client(TurnTestSupport.options(a, TurnTestSupport.events()).build())
                .credentials(creds(a)).build(), StunTransport.UDP);
        TurnProbeReport r = probe.probe(StunUri.parse("turn:127.0.0.1:" + a.port()),
                new ProbeContext(Deadline.after(Duration.ofSeconds(20)), e -> { })).get(30, TimeUnit.SECONDS);
        assertThat(r.passed()).as(r.steps().toString()).isTrue();
        assertThat(r.steps()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("redirect");
            assertThat(s.status()).isEqualTo(ProbeStep.Status.PASSED);
            assertThat(s.detail()).contains("127.0.0.1:" + a.port()).contains("127.0.0.1:" + b.port());
            assertThat(s.stunErrorCode()).hasValue(300);
        });
        assertThat(r.relayedAddress()).isPresent();
        assertThat(r.timeline()).anyMatch(e -> e.kind().equals("stun.redirect"));
        assertThat(r.findings()).anyMatch(f -> f.code().equals("TURN_REDIRECTED"));
    }
}
