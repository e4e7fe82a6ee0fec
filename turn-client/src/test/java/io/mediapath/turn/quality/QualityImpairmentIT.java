package io.mediapath.turn.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.coturn.Coturn;
import io.mediapath.lab.coturn.EchoPeer;
import io.mediapath.lab.netns.ImpairingUdpForwarder;
import io.mediapath.turn.StunTransport;
import io.mediapath.turn.TurnClient;
import io.mediapath.turn.TurnClientOptions;
import io.mediapath.turn.TurnCredentials;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Quality runs through a real coturn to coturn's echo peer with the path impaired: 50 ms ± 10 ms delay, 2 % loss,
 * reordering, 5 % loss. The figures the run measures are asserted against what the impairment did, within the
 * tolerances stated at each assertion.
 *
 * <p><b>netem:</b> this machine's kernel may lack {@code sch_netem} ({@code CONFIG_NET_SCH_NETEM}); the class checks
 * and says so loudly on stderr, then impairs with {@link ImpairingUdpForwarder}, a scripted userspace stand-in for
 * netem on the client's egress (delay ± uniform jitter, seeded loss and reordering, exact counters; ChannelData only,
 * so STUN control is not retransmitted into the figures). Where netem exists, {@code QualityNetnsIT} impairs the
 * namespace link with {@code tc netem} itself; real kernel loss ({@code iptables -m statistic}) is asserted there too.
 */
class QualityImpairmentIT {
    static Coturn turn;
    static EchoPeer peer;
    static TurnClient client;

    @BeforeAll
    static void start() {
        Optional<String> netem = ImpairingUdpForwarder.netemUnavailable();
        netem.ifPresent(why -> System.err.println("\n*** NETEM UNAVAILABLE: " + why + "\n*** the impairment below is the"
                + " scripted userspace stand-in (ImpairingUdpForwarder), not the kernel's netem\n"));
        turn = Coturn.builder().start();
        peer = EchoPeer.start();
        client = TurnClient.create(TurnClientOptions.defaults());
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (peer != null) {
            peer.close();
        }
        if (turn != null) {
            turn.close();
        }
    }

    /** 4 s at 50 packets/s: 200 packets. */
    private QualityResult run(ImpairingUdpForwarder f) throws Exception {
        QualityOptions o = QualityOptions.builder().duration(Duration.ofSeconds(4)).drain(Duration.ofSeconds(1))
                .build();
        QualityResult r = QualityRun.run(client, f.address(), StunTransport.UDP, "127.0.0.1",
                new TurnCredentials(turn.username(), turn.password()), peer.address(), o).get(30, TimeUnit.SECONDS);
        System.out.println(r.path() + ": " + r.figures().describe() + " | dropped " + f.dropped() + ", early "
                + f.sentEarly() + " | " + (r.passed() ? "GOOD" : "DEGRADED " + r.failures()));
        return r;
    }

    private static ImpairingUdpForwarder.Builder toTurn() {
        return ImpairingUdpForwarder.builder(new InetSocketAddress("127.0.0.1", turn.port())).dataOnly(true);
    }

    @Test
    void cleanLinkPassesTheThresholds() throws Exception {
        try (ImpairingUdpForwarder f = toTurn().start()) {
            QualityResult r = run(f);
            assertThat(r.figures().sent()).isEqualTo(200);
            assertThat(r.figures().lost()).isZero();
            assertThat(r.passed()).isTrue();
        }
    }

    @Test
    void delayWithJitter() throws Exception {
        try (ImpairingUdpForwarder f = toTurn().delay(Duration.ofMillis(50), Duration.ofMillis(10)).seed(7).start()) {
            QualityFigures q = run(f).figures();
            assertThat(q.lost()).isZero();
            // RTT = 50 ± 10 ms one way + loopback and coturn (a few ms): median 50 ± 10 ms, never below 40 ms
            assertThat(q.rttMinMs()).isGreaterThanOrEqualTo(39.5);
            assertThat(q.rttMedianMs()).isBetween(42.0, 62.0);
            assertThat(q.rttP95Ms()).isBetween(52.0, 75.0);
            // uniform ±10 ms: E|D| = 20/3 ≈ 6.7 ms is what RFC 3550's estimator tends to; allow 3 to 12 ms
            assertThat(q.jitterMs()).isBetween(3.0, 12.0);
        }
    }

    @Test
    void twoPercentLossIsMeasuredExactly() throws Exception {
        try (ImpairingUdpForwarder f = toTurn().loss(0.02).seed(11).start()) {
            QualityResult r = run(f);
            // every data packet the forwarder dropped is lost, and nothing else (the return path is clean)
            assertThat(r.figures().lost()).isEqualTo(f.dropped());
            assertThat(r.figures().lossPercent()).isBetween(0.5, 4.5);
            assertThat(r.figures().lossBursts()).isPositive().isLessThanOrEqualTo(f.dropped());
        }
    }

    @Test
    void reorderingIsCountedNotLost() throws Exception {
        try (ImpairingUdpForwarder f = toTurn().delay(Duration.ofMillis(50), Duration.ZERO).reorder(0.05).seed(3)
                .start()) {
            QualityFigures q = run(f).figures();
            assertThat(f.sentEarly()).isPositive();
            assertThat(q.lost()).isZero();
            assertThat(q.duplicates()).isZero();
            // a packet sent at once overtakes the one or two before it (50 ms delay, 20 ms spacing)
            assertThat(q.reordered()).isBetween(f.sentEarly(), 3 * f.sentEarly());
        }
    }

    @Test
    void fivePercentLossFailsTheThresholds() throws Exception {
        try (ImpairingUdpForwarder f = toTurn().loss(0.05).seed(5).start()) {
            QualityResult r = run(f);
            assertThat(r.figures().lost()).isEqualTo(f.dropped());
            assertThat(r.figures().lossPercent()).isBetween(2.5, 8.0);
            assertThat(r.passed()).isFalse();
            assertThat(r.findings()).extracting(x -> x.code()).contains("QUALITY_LOSS_HIGH");
        }
    }
}
