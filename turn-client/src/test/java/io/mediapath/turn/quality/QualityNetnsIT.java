package io.mediapath.turn.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.netns.ExecResult;
import io.mediapath.lab.netns.ImpairingUdpForwarder;
import io.mediapath.lab.netns.NetnsNatTopology;
import io.mediapath.lab.netns.NetnsNatTopology.Nat;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Quality runs from a client namespace through a real Linux NAT to coturn and its echo peer in a server namespace
 * ({@link NetnsNatTopology}), impaired by the kernel: random loss with {@code iptables -m statistic --mode random
 * --probability 0.05 -j DROP} in the NAT's FORWARD chain (both directions, so about 1 − 0.95² ≈ 9.75 % of round
 * trips), and, where the kernel has it, {@code tc netem delay 50ms 10ms loss 2%} on the NAT's link toward the client.
 * A kernel without {@code xt_statistic} fails loudly naming it; without {@code sch_netem} the netem case is aborted
 * with the reason (the same figures are asserted through the userspace stand-in in {@link QualityImpairmentIT}).
 */
class QualityNetnsIT {

    private static ExecResult run(NetnsNatTopology t, int seconds) {
        ExecResult r = t.runJavaInClient(Duration.ofSeconds(seconds + 60L), QualityProbeMain.class.getName(),
                NetnsNatTopology.SERVER_IP, Integer.toString(NetnsNatTopology.STUN_PORT), NetnsNatTopology.USER,
                NetnsNatTopology.PASSWORD, NetnsNatTopology.ECHO_IP, Integer.toString(NetnsNatTopology.ECHO_PORT),
                Integer.toString(seconds));
        System.out.println(t + ": " + r.stdout() + r.stderr());
        assertThat(r.exitCode()).as(r.stderr() + "\n" + t.coturnLog()).isZero();
        return r;
    }

    @Test
    void cleanNatPathPasses() {
        try (NetnsNatTopology t = NetnsNatTopology.builder().nat(Nat.MASQUERADE).echoPeer(true).start()) {
            ExecResult r = run(t, 3);
            assertThat(r.value("sent")).isEqualTo("150");
            assertThat(r.value("lost")).isEqualTo("0");
            assertThat(r.value("passed")).isEqualTo("true");
            assertThat(r.value("findings")).isEqualTo("QUALITY_GOOD");
        }
    }

    @Test
    void kernelRandomLossFailsTheThresholds() {
        try (NetnsNatTopology t = NetnsNatTopology.builder().nat(Nat.MASQUERADE).echoPeer(true).start()) {
            t.addFilterRule("CONFIG_NETFILTER_XT_MATCH_STATISTIC", "-A", "FORWARD", "-p", "udp", "-m", "statistic",
                    "--mode", "random", "--probability", "0.05", "-j", "DROP");
            ExecResult r = run(t, 4);
            double loss = Double.parseDouble(r.value("lossPercent"));
            // 200 round trips at ≈ 9.75 %: mean 19.5 lost, σ ≈ 4.2; 3 % to 20 % is beyond 3.9 σ either side
            assertThat(loss).isBetween(3.0, 20.0);
            assertThat(r.value("passed")).isEqualTo("false");
            assertThat(r.value("findings")).contains("QUALITY_LOSS_HIGH");
        }
    }

    @Test
    void netemDelayAndLossOnTheNamespaceLink() {
        Optional<String> missing = ImpairingUdpForwarder.netemUnavailable();
        if (missing.isPresent()) {
            System.err.println("\n*** NETEM UNAVAILABLE: " + missing.get() + "\n*** QualityNetnsIT cannot impair the"
                    + " namespace link with tc netem; QualityImpairmentIT asserts the same figures through"
                    + " ImpairingUdpForwarder\n");
        }
        Assumptions.assumeTrue(missing.isEmpty(), () -> "kernel without sch_netem (CONFIG_NET_SCH_NETEM): "
                + missing.orElse(""));
        try (NetnsNatTopology t = NetnsNatTopology.builder().nat(Nat.MASQUERADE).echoPeer(true).start()) {
            ExecResult q = t.execInNat(Duration.ofSeconds(10), List.of("tc", "qdisc", "add", "dev", "in", "root",
                    "netem", "delay", "50ms", "10ms", "loss", "2%"));
            assertThat(q.exitCode()).as(q.stderr()).isZero();
            ExecResult r = run(t, 6);
            assertThat(Double.parseDouble(r.value("rttMedian"))).isBetween(42.0, 62.0);
            assertThat(Double.parseDouble(r.value("jitter"))).isBetween(3.0, 12.0);
            // 300 packets at 2 %: mean 6, σ ≈ 2.4
            assertThat(Double.parseDouble(r.value("lossPercent"))).isBetween(0.0, 5.0);
        }
    }
}
