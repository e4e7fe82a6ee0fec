package io.mediapath.diagnose.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.diagnose.RootCauseCode;
import io.mediapath.ice.receipt.ReceiptToken;
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
        int udp = responder.udpAddresses().get(0).getPort();
        int tcp = responder.tcpAddresses().get(0).getPort();
        PlaybookOptions o = PlaybookOptions.builder().deadline(Duration.ofSeconds(8)).environment(Map.of())
                .proxySelector(null).responder(new PlaybookOptions.ResponderCheck("127.0.0.1", udp, tcp,
                        ReceiptToken.fromText(SECRET), Optional.of("responder.test")))
                // the responder's self-signed certificate, as a relay's private CA would be given
                .trust(List.of(responder.certificate())).build();
        return EdgePlaybook.create(o).run(EdgeTarget.builder("127.0.0.1").udpPort(udp).tcpPort(tcp).dialect(dialect)
                .sni("responder.test").build()).toCompletableFuture().get(30, TimeUnit.SECONDS);
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
        assertThat(log).anySatisfy(l -> assertThat(l).contains("pseudo-tls-hello").contains("answer=pseudo-tls+401"));
        assertThat(log).anySatisfy(l -> assertThat(l).contains(" udp ")
                .contains("ms-turn").contains("answer=401"));
    }

    @Test
    void theRfcLegsReachTheResponders401OverUdpTcpAndInsideTls() throws Exception {
        EdgeReport r = run(Dialect.TURN);
        assertChallenged(r, LegKind.UDP_RELAY);
        assertChallenged(r, LegKind.TCP_RELAY);
        assertChallenged(r, LegKind.TURNS);
        assertThat(r.rootCause().code()).as(r.rootCause().summary()).isEqualTo(RootCauseCode.NONE);
        assertThat(log).anySatisfy(l -> assertThat(l).contains(" tls ").contains("answer=tls+401"));
    }
}
