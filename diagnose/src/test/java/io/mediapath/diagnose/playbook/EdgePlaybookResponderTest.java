package io.mediapath.diagnose.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.diagnose.report.EdgeReports;
import io.mediapath.ice.receipt.ReceiptRequest;
import io.mediapath.ice.receipt.ReceiptToken;
import io.mediapath.responder.Responder;
import io.mediapath.responder.ResponderOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The edge playbook with {@code responder(...)}: a real {@link Responder} on loopback beside the "relay" (here the
 * responder itself, which answers the relay protocol as a relay would); every responder leg is reached with a valid
 * receipt, its findings are in the report, and no output holds the token. With a token the responder does not hold,
 * the same legs read as intercepted.
 */
class EdgePlaybookResponderTest {

    private static final String SECRET = "edge-playbook-responder-token-xyz";

    private static EdgeReport run(Responder r, String secret) {
        return run(r, secret, ReceiptRequest.Mode.AFTER_ANSWER);
    }

    private static EdgeReport run(Responder r, String secret, ReceiptRequest.Mode mode) {
        InetSocketAddress udp = r.udpAddresses().get(0);
        InetSocketAddress tcp = r.tcpAddresses().get(0);
        PlaybookOptions o = PlaybookOptions.builder().deadline(Duration.ofSeconds(20)).environment(java.util.Map.of())
                .proxySelector(null).responder(new PlaybookOptions.ResponderCheck("127.0.0.1", udp.getPort(),
                        tcp.getPort(), ReceiptToken.fromText(secret), java.util.Optional.of("responder.test"))
                        .withReceiptMode(mode))
                .build();
        return EdgePlaybook.create(o).run(EdgeTarget.builder("127.0.0.1").udpPort(udp.getPort()).tcpPort(tcp.getPort())
                .dialect(Dialect.TURN).build()).toCompletableFuture().join();
    }

    @Test
    void responderLegsAreReachedAndCitedWithoutTheToken() {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (Responder r = Responder.start(ResponderOptions.builder().token(ReceiptToken.fromText(SECRET))
                .udp(new InetSocketAddress(lo, 0)).tcp(new InetSocketAddress(lo, 0)).arrivalLog(l -> { }).build())) {
            EdgeReport report = run(r, SECRET);
            List<LegResult> legs = report.legs().stream().filter(l -> l.kind() == LegKind.RESPONDER).toList();
            assertThat(legs).extracting(LegResult::name).containsExactly("responder-udp", "responder-tcp",
                    "responder-pseudo-tls", "responder-tls");
            assertThat(legs).allSatisfy(l -> assertThat(l.status()).as(l.detail()).isEqualTo(LegStatus.PASSED));
            assertThat(report.findings()).anyMatch(f -> f.code().equals("RESPONDER_REACHED"));
            assertThat(report.rootCause().evidence().get(0).source()).isEqualTo("two-ended proof");
            String all = EdgeReports.text(report) + EdgeReports.json(report) + report;
            assertThat(all).contains("responder-tls").doesNotContain(SECRET);

            EdgeReport forged = run(r, "a token the responder never saw");
            assertThat(forged.legs().stream().filter(l -> l.kind() == LegKind.RESPONDER))
                    .allSatisfy(l -> assertThat(l.status()).as(l.detail()).isEqualTo(LegStatus.INTERCEPTED));
            assertThat(forged.findings()).anyMatch(f -> f.code().equals("RESPONDER_INTERCEPTED"));
        }
    }

    /**
     * With the receipt asked for in place of the answer, every responder leg is still reached, and the responder's own
     * arrival log shows that it answered those legs with the receipt alone (the default mode never logs
     * {@code answer=receipt-instead}).
     */
    @Test
    void receiptInsteadOfTheAnswerReachesEveryLeg() {
        InetAddress lo = InetAddress.getLoopbackAddress();
        List<String> log = new CopyOnWriteArrayList<>();
        try (Responder r = Responder.start(ResponderOptions.builder().token(ReceiptToken.fromText(SECRET))
                .udp(new InetSocketAddress(lo, 0)).tcp(new InetSocketAddress(lo, 0)).arrivalLog(log::add).build())) {
            EdgeReport report = run(r, SECRET, ReceiptRequest.Mode.INSTEAD_OF_ANSWER);
            List<LegResult> legs = report.legs().stream().filter(l -> l.kind() == LegKind.RESPONDER).toList();
            assertThat(legs).extracting(LegResult::name).containsExactly("responder-udp", "responder-tcp",
                    "responder-pseudo-tls", "responder-tls");
            assertThat(legs).allSatisfy(l -> assertThat(l.status()).as(l.detail()).isEqualTo(LegStatus.PASSED));
            assertThat(report.findings()).anyMatch(f -> f.code().equals("RESPONDER_REACHED"))
                    .noneMatch(f -> f.code().startsWith("RESPONDER_") && !f.code().equals("RESPONDER_REACHED"));
            List<String> instead = log.stream().filter(l -> l.contains("answer=receipt-instead")).toList();
            // one line per leg (a UDP Binding the probe retransmitted on a busy machine may add one)
            assertThat(instead).as(String.join("\n", log)).hasSizeGreaterThanOrEqualTo(4)
                    .allSatisfy(l -> assertThat(l).contains("receipt=issued"))
                    .anyMatch(l -> l.contains(" udp ")).anyMatch(l -> l.contains(" tcp "))
                    .anyMatch(l -> l.contains(" tls "));
            assertThat(String.join("\n", log)).doesNotContain(SECRET);
        }
    }
}
