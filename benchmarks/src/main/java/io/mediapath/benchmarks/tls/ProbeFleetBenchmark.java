package io.mediapath.benchmarks.tls;

import io.mediapath.ice.TransportAddress;
import io.mediapath.lab.edge.EmulatedEdge;
import io.mediapath.tls.InspectOptions;
import io.mediapath.tls.PseudoTlsProbe;
import io.mediapath.tls.TlsInspection;
import io.mediapath.tls.Verdict;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Probes a fleet of pseudo-TLS relays concurrently: one in-process {@link EmulatedEdge} listening on {@code N}
 * distinct loopback aliases (127.0.1.1, 127.0.1.2, …; Linux routes all of 127/8 to lo, nothing else is bound),
 * each target probed once with {@link PseudoTlsProbe}. Reports the wall time, the verdicts, the heap, and the
 * single-probe time next to the bare TCP connect time measured against the same server in the same run (the
 * ratio is the figure that carries across machines).
 *
 * <p>Not JMH: the fleet run is one wall-clock measurement of a concurrent burst, which JMH's per-invocation model
 * does not fit. Run by {@code scripts/bench.sh tls}; arguments: {@code [targets] [concurrency] [single-samples]}
 * (defaults 1000, 1000, 300).
 */
public final class ProbeFleetBenchmark {

    private ProbeFleetBenchmark() {
    }

    /** Runs the benchmark and prints its figures; exits 1 when any target did not read as genuine. */
    public static void main(String[] args) throws Exception {
        int targets = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : targets;
        int singles = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        if (targets < 1 || targets > 60_000 || concurrency < 1 || singles < 10) {
            System.err.println("usage: ProbeFleetBenchmark [targets 1~60000] [concurrency >=1] [single-samples >=10]");
            System.exit(2);
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        EmulatedEdge.Builder b = EmulatedEdge.builder().helloDeadline(Duration.ofSeconds(10));
        for (int i = 0; i < targets; i++) {
            // 127.0.1.1 … 127.0.1.250, 127.0.2.1 …: distinct addresses, so each target is its own 4-tuple space
            b.bind("127.0." + (1 + i / 250) + "." + (1 + i % 250), 0);
        }
        InspectOptions options = InspectOptions.builder().proxyContext(false).build();
        PseudoTlsProbe probe = PseudoTlsProbe.create(options);
        try (EmulatedEdge edge = b.start()) {
            List<TransportAddress> fleet = edge.addresses();
            System.out.printf(Locale.ROOT, "java %s, %d CPUs, max heap %d MiB; %d targets on %s … %s, concurrency %d%n",
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20, fleet.size(), fleet.get(0), fleet.get(fleet.size() - 1),
                    concurrency);

            // Warm-up: JIT, BC/Netty class loading, the shared event loops. Not measured.
            for (int round = 0; round < 3; round++) {
                fleet(probe, fleet.subList(0, Math.min(200, fleet.size())), concurrency);
            }

            // Single probe vs bare TCP connect, sequential, interleaved so both see the same machine state.
            TransportAddress one = fleet.get(0);
            long[] connect = new long[singles];
            long[] probeTime = new long[singles];
            long[] probeConnect = new long[singles];
            for (int i = 0; i < singles; i++) {
                connect[i] = bareConnect(one);
                long t0 = System.nanoTime();
                TlsInspection r = probe.inspect(one, Duration.ofSeconds(5)).toCompletableFuture().join();
                probeTime[i] = System.nanoTime() - t0;
                if (r.verdict() != Verdict.GENUINE_PSEUDO_TLS) {
                    throw new IllegalStateException("single probe: " + r.verdict() + " " + r.findings());
                }
                probeConnect[i] = r.connectTime().orElseThrow().toNanos();
            }
            double c50 = percentile(connect, 50);
            double p50 = percentile(probeTime, 50);
            System.out.printf(Locale.ROOT, "single: bare TCP connect p50 %.1f µs p90 %.1f µs; probe connect p50 %.1f µs;"
                            + " whole pseudo-TLS probe p50 %.1f µs p90 %.1f µs; probe/connect ratio %.1f"
                            + " (overhead over RTT %.1f µs)%n",
                    c50 / 1e3, percentile(connect, 90) / 1e3, percentile(probeConnect, 50) / 1e3, p50 / 1e3,
                    percentile(probeTime, 90) / 1e3, p50 / c50, (p50 - c50) / 1e3);

            // The fleet: measured runs, heap sampled while they run.
            System.gc();
            long baseline = memory.getHeapMemoryUsage().getUsed();
            long best = Long.MAX_VALUE;
            for (int run = 1; run <= 3; run++) {
                AtomicLong peak = new AtomicLong();
                Thread sampler = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                        try {
                            Thread.sleep(2);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "heap-sampler");
                sampler.setDaemon(true);
                sampler.start();
                long t0 = System.nanoTime();
                Map<Verdict, Integer> verdicts = fleet(probe, fleet, concurrency);
                long wall = System.nanoTime() - t0;
                sampler.interrupt();
                sampler.join();
                best = Math.min(best, wall);
                System.gc();
                long after = memory.getHeapMemoryUsage().getUsed();
                System.out.printf(Locale.ROOT, "fleet run %d: %d probes in %.0f ms wall (%.0f probes/s); verdicts %s;"
                                + " heap peak %d MiB (baseline after GC %d MiB, after run+GC %d MiB)%n",
                        run, fleet.size(), wall / 1e6, fleet.size() / (wall / 1e9), verdicts, peak.get() >> 20,
                        baseline >> 20, after >> 20);
                if (verdicts.getOrDefault(Verdict.GENUINE_PSEUDO_TLS, 0) != fleet.size()) {
                    System.err.println("FAIL: not every target read as GENUINE_PSEUDO_TLS");
                    System.exit(1);
                }
            }
            System.out.printf(Locale.ROOT, "best fleet wall %.0f ms for %d targets (goal ≤ 5000 ms): %s%n", best / 1e6,
                    fleet.size(), best <= TimeUnit.SECONDS.toNanos(5) ? "MET" : "NOT MET");
        }
    }

    /** Probes every target, at most {@code concurrency} in flight; returns the verdict counts. */
    private static Map<Verdict, Integer> fleet(PseudoTlsProbe probe, List<TransportAddress> targets, int concurrency)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<TlsInspection>> all = new ArrayList<>(targets.size());
        for (TransportAddress t : targets) {
            inFlight.acquire();
            CompletableFuture<TlsInspection> f = probe.inspect(t, Duration.ofSeconds(10)).toCompletableFuture();
            f.whenComplete((r, e) -> inFlight.release());
            all.add(f);
        }
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (CompletableFuture<TlsInspection> f : all) {
            counts.merge(f.join().verdict(), 1, Integer::sum);
        }
        return counts;
    }

    private static long bareConnect(TransportAddress a) throws IOException {
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            long t0 = System.nanoTime();
            s.connect(new InetSocketAddress(a.host(), a.port()), 5000);
            return System.nanoTime() - t0;
        }
    }

    private static double percentile(long[] values, int p) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v[Math.min(v.length - 1, (int) Math.ceil(p / 100.0 * v.length) - 1)];
    }
}
