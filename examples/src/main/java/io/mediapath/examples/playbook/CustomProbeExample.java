package io.mediapath.examples.playbook;

import io.mediapath.diagnose.playbook.EdgePlaybook;
import io.mediapath.diagnose.playbook.EdgeReport;
import io.mediapath.diagnose.playbook.EdgeTarget;
import io.mediapath.diagnose.playbook.LegResult;
import io.mediapath.diagnose.playbook.PlaybookOptions;
import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.FindingCode;
import io.mediapath.ice.Severity;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Probe;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.ice.probe.ProbeResult;
import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.lab.SeedTopology;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A product adds its own check to the edge playbook: here a latency budget on the relay's TCP port (a conferencing
 * product that wants the relay within 150 ms). Any {@link Probe} plugs in with {@link PlaybookOptions.Builder#addProbe};
 * it runs concurrently with the built-in legs under the same deadline and is reported as a leg of its own, with its
 * findings among the report's.
 */
public final class CustomProbeExample {

    private CustomProbeExample() {
    }

    /** The product's own finding codes: a catalogue of its own, as each mediapath module keeps one. */
    public static final FindingCode RELAY_LATENCY_OK = FindingCode.of("RELAY_LATENCY_OK", Severity.INFO,
            "The relay's TCP port answers within the product's latency budget", "");
    /** The relay is further away than the product wants. */
    public static final FindingCode RELAY_LATENCY_OVER_BUDGET = FindingCode.of("RELAY_LATENCY_OVER_BUDGET",
            Severity.WARNING, "The relay's TCP port answers slower than the product's latency budget, or not at all",
            "Use a relay closer to the users, or check the path to it.");

    /** The product's probe: TCP connect time to the relay against a budget. Never throws; bounded by the deadline. */
    public static final class LatencyBudgetProbe implements Probe {
        private final Duration budget;

        public LatencyBudgetProbe(Duration budget) {
            this.budget = budget;
        }

        @Override
        public CompletionStage<ProbeResult> run(TransportAddress target, ProbeContext context) {
            return CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                int timeout = (int) Math.max(1, context.deadline().remaining().toMillis());
                String outcome;
                boolean ok;
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(target.host(), target.port()), timeout);
                    Duration rtt = Duration.ofNanos(System.nanoTime() - start);
                    ok = rtt.compareTo(budget) <= 0;
                    outcome = "connected in " + rtt.toMillis() + " ms (budget " + budget.toMillis() + " ms)";
                } catch (IOException e) {
                    ok = false;
                    outcome = "no connection: " + e.getMessage();
                }
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                TimelineEvent ev = new TimelineEvent(took.toNanos(), "latency.measured", outcome);
                context.listener().onEvent(ev);
                Finding f = (ok ? RELAY_LATENCY_OK : RELAY_LATENCY_OVER_BUDGET).builder()
                        .summary("Relay " + target + ": " + outcome)
                        .evidence(Evidence.step("latency budget " + target, "connect", took, outcome)).build();
                return new ProbeResult("latency-budget", target, ok ? "WITHIN_BUDGET" : "OVER_BUDGET", ok,
                        List.of(f), List.of(ev), took);
            });
        }
    }

    /** Runs the playbook with the product's probe against {@code target}. */
    public static EdgeReport diagnose(EdgeTarget target, Duration budget) throws Exception {
        PlaybookOptions options = PlaybookOptions.builder()
                .addProbe("latency-budget", new LatencyBudgetProbe(budget))
                .deadline(Duration.ofSeconds(10)) // the diagnostic 3 s leaves a loaded shared machine no room for a cold JVM
                .build();
        return EdgePlaybook.create(options).run(target).toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    /** Starts the lab's genuine Edge, runs the playbook with the custom probe and prints the legs. */
    public static void main(String[] args) throws Exception {
        try (SeedTopology lab = SeedTopology.msTurnEdge(null, "clean")) {
            EdgeTarget target = EdgeTarget.builder(lab.edgeAddress().host())
                    .udpPort(lab.udpAddress().orElseThrow().port()).tcpPort(lab.edgeAddress().port()).build();
            EdgeReport r = diagnose(target, Duration.ofMillis(150));
            System.out.println("root cause: " + r.rootCause().code());
            for (LegResult l : r.legs()) {
                System.out.println(l.name() + " " + l.status() + " " + l.detail());
            }
        }
    }
}
