package io.mediapath.diagnose.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.diagnose.RootCauseCode;
import io.mediapath.ice.receipt.ReceiptToken;
import io.mediapath.lab.SeedTopology;
import io.mediapath.lab.pki.LabCa;
import io.mediapath.lab.proxy.InterceptingProxy;
import io.mediapath.responder.Responder;
import io.mediapath.responder.ResponderOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The playbook's ordinary relay legs pointed at a real {@link Responder} (no relay anywhere): the responder answers
 * as a relay would, so the MS-TURN legs (UDP 3478; TCP: pseudo-TLS, then the framed Allocate) and the RFC legs (UDP,
 * TCP, {@code turns}: the Allocate inside TLS) all end at the 401 — "the relay is reachable", the conclusion a
 * relay's own 401 gives — and the responder's log shows each arrival. Beside them the four responder legs are
 * reached with valid receipts. The TLS legs trust the responder's certificate as they would a relay's private CA.
 *
 * <p>With the lab's {@link InterceptingProxy} (a scripted middlebox: it forges a leaf under a CA named like the
 * seed's product on demand, which no Debian peer does without a real upstream) answering the responder's TCP port,
 * the TLS and pseudo-TLS responder legs are intercepted and named with tls-inspect's verdicts (the product from the
 * issuer database for TLS, the pseudo-TLS verdict for the relay hello), and the root cause cites them.
 */
class EdgePlaybookAgainstResponderIT {

    private static final String SECRET = "edge-against-responder-token-0123";
    private final List<String> log = new CopyOnWriteArrayList<>();
    private Responder responder;

    @BeforeEach
    void start() {
        InetAddress lo = InetAddress.getLoopbackAddress();
        responder = Responder.start(ResponderOptions.builder().token(ReceiptToken.fromText(SECRET))
                .udp(new InetSocketAddress(lo, 0)).tcp(new InetSocketAddress(lo, 0)).certificateName("responder.test").arrivalLog(log::add).build());
    }

    @AfterEach
    void stop() {
        responder.close();
    }

    private EdgeReport run(Dialect dialect) throws Exception {
        return run(dialect, responder.tcpAddresses().get(0).getPort());
    }

    private EdgeReport run(Dialect dialect, int responderTcp) throws Exception {
        int udp = responder.udpAddresses().get(0).getPort();
        int tcp = responderTcp;
        PlaybookOptions o = PlaybookOptions.builder().deadline(Duration.ofSeconds(8)).environment(Map.of())
                .proxySelector(null).responder(new PlaybookOptions.ResponderCheck("127.0.0.1", udp, responderTcp,
                        ReceiptToken.fromText(SECRET), Optional.of("responder.test")))
                // the responder's self-signed certificate, as a relay's private CA would be given
                .trust(List.of(responder.certificate())).build();
        return EdgePlaybook.create(o).run(EdgeTarget.builder("127.0.0.1").udpPort(udp).tcpPort(tcp).dialect(dialect)
                .sni("responder.test").build()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** A TCP arrival is logged when its connection closes, which may be just after the leg has concluded. */
    private void awaitLog(java.util.function.Predicate<String> line) throws InterruptedException {
        long until = System.nanoTime() + 5_000_000_000L;
        while (log.stream().noneMatch(line) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(log).anyMatch(line);
    }

    private static void assertChallenged(EdgeReport r, LegKind kind) {
        LegResult leg = r.leg(kind).orElseThrow();
        assertThat(leg.status()).as(kind + ": " + leg.detail()).isEqualTo(LegStatus.PASSED);
        assertThat(leg.result().verdict()).as(kind + ": " + leg.detail()).isEqualTo("CHALLENGED");
    }

    @Test
    void theMsTurnLegsReachTheResponders401OverUdpAndAfterThePseudoTlsAnswer() throws Exception {
        EdgeReport r = run(Dialect.MS_TURN);
        assertChallenged(r, LegKind.UDP_RELAY);
        assertChallenged(r, LegKind.TCP_RELAY);
        assertThat(r.leg(LegKind.TCP_RELAY).orElseThrow().detail()).contains("genuine pseudo-TLS answer");
        assertThat(r.legs().stream().filter(l -> l.kind() == LegKind.RESPONDER))
                .allSatisfy(l -> assertThat(l.status()).as(l.detail()).isEqualTo(LegStatus.PASSED));
        assertThat(r.rootCause().code()).as(r.rootCause().summary()).isEqualTo(RootCauseCode.NONE);
        awaitLog(l -> l.contains("pseudo-tls-hello") && l.contains("answer=pseudo-tls+401"));
        awaitLog(l -> l.contains(" udp ") && l.contains("ms-turn") && l.contains("answer=401"));
    }

    @Test
    void theRfcLegsReachTheResponders401OverUdpTcpAndInsideTls() throws Exception {
        EdgeReport r = run(Dialect.TURN);
        assertChallenged(r, LegKind.UDP_RELAY);
        assertChallenged(r, LegKind.TCP_RELAY);
        assertChallenged(r, LegKind.TURNS);
        assertThat(r.rootCause().code()).as(r.rootCause().summary()).isEqualTo(RootCauseCode.NONE);
        awaitLog(l -> l.contains(" tls ") && l.contains("answer=tls+401"));
    }

    @Test
    void anInterceptorAnsweringInTheRespondersNameIsNamedWithTlsInspectsVerdicts() throws Exception {
        LabCa websense = LabCa.builder().subject(SeedTopology.WEBSENSE_CA).build();
        try (InterceptingProxy proxy = InterceptingProxy.builder().mode(InterceptingProxy.Mode.FORGE).ca(websense)
                .forgedNames("responder.test").idleTimeout(Duration.ofSeconds(2)).start()) {
            EdgeReport r = run(Dialect.MS_TURN, proxy.address().port());
            LegResult tls = r.legs().stream().filter(l -> l.name().equals("responder-tls")).findFirst().orElseThrow();
            assertThat(tls.status()).as(tls.detail()).isEqualTo(LegStatus.INTERCEPTED);
            assertThat(tls.product()).as(tls.detail()).hasValueSatisfying(p -> assertThat(p).contains("Websense"));
            assertThat(tls.inspection()).hasValueSatisfying(i -> assertThat(i.verdict().name()).contains("INTERCEPT"));
            assertThat(tls.detail()).contains("tls-inspect: ").contains("Websense");
            assertThat(tls.result().findings()).extracting(f -> f.code()).contains("RESPONDER_INTERCEPTED")
                    .hasSizeGreaterThan(1);
            LegResult pseudo = r.legs().stream().filter(l -> l.name().equals("responder-pseudo-tls")).findFirst()
                    .orElseThrow();
            assertThat(pseudo.status()).as(pseudo.detail()).isEqualTo(LegStatus.INTERCEPTED);
            assertThat(pseudo.inspection()).as(pseudo.detail())
                    .hasValueSatisfying(i -> assertThat(i.genuine()).isFalse());
            assertThat(pseudo.detail()).contains("tls-inspect: ");
            // the proxy answers the relay's port too (the seed): the cause is proven from both ends
            assertThat(r.rootCause().code()).as(r.rootCause().summary()).isEqualTo(RootCauseCode.TLS_INTERCEPTED);
            assertThat(r.rootCause().product()).hasValueSatisfying(p -> assertThat(p).contains("Websense"));
            assertThat(r.rootCause().summary()).contains("Proven from both ends: responder-");
            assertThat(r.rootCause().evidence().get(0).source()).isEqualTo("two-ended proof");
        }
    }
}
