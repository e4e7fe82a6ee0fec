package io.mediapath.benchmarks.quality;

import io.mediapath.lab.coturn.Coturn;
import io.mediapath.lab.coturn.EchoPeer;
import io.mediapath.turn.StunTransport;
import io.mediapath.turn.TurnClient;
import io.mediapath.turn.TurnClientOptions;
import io.mediapath.turn.TurnCredentials;
import io.mediapath.turn.quality.QualityFigures;
import io.mediapath.turn.quality.QualityOptions;
import io.mediapath.turn.quality.QualityResult;
import io.mediapath.turn.quality.QualityRun;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The quality run's timer accuracy and cost (not JMH: a run is a 50 packets/s schedule in real time). Against a real
 * coturn and its echo peer on loopback: one run and ten concurrent runs of {@code seconds} (default
 * 10) each, after two rounds of ten concurrent runs as warm-up; prints the send schedule's deviation (p99, max over runs), the CPU this JVM used (process CPU time,
 * minus an idle baseline of the same length) as a share of one core, and, as the peer in the same run, the CPU coturn
 * used relaying the same packets ({@code /proc/PID/stat}). Usage: {@code QualityTimerBenchmark [seconds]}.
 */
public final class QualityTimerBenchmark {
    private QualityTimerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Coturn turn = Coturn.builder().start(); EchoPeer peer = EchoPeer.start();
             TurnClient client = TurnClient.create(TurnClientOptions.defaults())) {
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", turn.port());
            TurnCredentials cred = new TurnCredentials(turn.username(), turn.password());
            QualityOptions o = QualityOptions.builder().duration(Duration.ofSeconds(seconds)).build();
            // warm-up: ten concurrent runs, so the JIT has compiled the send and receive paths before anything is measured
            // (twice: the first round still compiles the allocate and relay paths, so its CPU is mostly the JIT's)
            for (int w = 0; w < 2; w++) {
                runs(client, server, cred, peer.address(),
                        o.toBuilder().duration(Duration.ofSeconds(Math.max(5, seconds))).build(), 10);
            }
            threads(0);
            long idle0 = os.getProcessCpuTime();
            Thread.sleep(seconds * 1000L);
            long idle = os.getProcessCpuTime() - idle0;
            System.out.printf(Locale.ROOT, "idle JVM: %.2f %% of one core over %d s%n", share(idle, seconds), seconds);
            for (int n : new int[] {1, 10}) {
                long cpu0 = os.getProcessCpuTime();
                long turn0 = procCpuNanos(turn.pid());
                long wall0 = System.nanoTime();
                List<QualityResult> rs = runs(client, server, cred, peer.address(), o, n);
                double wall = (System.nanoTime() - wall0) / 1e9;
                long cpu = os.getProcessCpuTime() - cpu0;
                long turnCpu = procCpuNanos(turn.pid()) - turn0;
                double p99 = rs.stream().mapToDouble(r -> r.figures().sendDeviationP99Ms()).max().orElse(Double.NaN);
                int sent = rs.stream().mapToInt(r -> r.figures().sent()).sum();
                int lost = rs.stream().mapToInt(r -> r.figures().lost()).sum();
                double clientShare = share(cpu, wall);
                double clientNet = share(Math.max(0, cpu - (long) (idle * wall / seconds)), wall);
                System.out.printf(Locale.ROOT, "%d concurrent run(s) at 50 packets/s for %d s: %d packets, %d lost;"
                                + " send deviation p99 (worst run) %.3f ms; mediapath CPU %.2f %% of one core"
                                + " (%.2f %% above idle, %.2f %% per run); coturn relaying the same packets %.2f %%"
                                + " (ratio %.2f); load average %.1f%n",
                        n, seconds, sent, lost, p99, clientShare, clientNet, clientNet / n, share(turnCpu, wall),
                        turnCpu == 0 ? Double.NaN : (double) cpu / turnCpu, os.getSystemLoadAverage());
                long runThreads = threads(n);
                System.out.printf(Locale.ROOT, "    the runs' own threads (the event loops): %.2f %% of one core;"
                        + " the rest of the process CPU is the JVM's (JIT compiler, GC)%n", share(runThreads, wall));
                for (QualityResult r : rs) {
                    QualityFigures f = r.figures();
                    System.out.printf(Locale.ROOT, "    %s; deviation p99 %.3f ms%n", f.describe(), f.sendDeviationP99Ms());
                }
            }
        }
    }

    private static final java.util.Map<String, Long> LAST = new java.util.HashMap<>();

    /** CPU per thread group since the last call (which threads the runs cost). */
    private static long threads(int n) {
        var tm = ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> now = new java.util.TreeMap<>();
        for (long id : tm.getAllThreadIds()) {
            var info = tm.getThreadInfo(id);
            long cpu = tm.getThreadCpuTime(id);
            if (info != null && cpu > 0) {
                now.merge(info.getThreadName().replaceAll("[-#]?\\d+$", ""), cpu, Long::sum);
            }
        }
        StringBuilder b = new StringBuilder("    CPU by thread (").append(n).append(" run(s), ms):");
        long total = 0;
        for (var e : now.entrySet()) {
            long d = e.getValue() - LAST.getOrDefault(e.getKey(), 0L);
            if (!e.getKey().equals("main")) {
                total += d;
            }
            if (d > 20_000_000L) {
                b.append(' ').append(e.getKey()).append('=').append(d / 1_000_000);
            }
        }
        LAST.clear();
        LAST.putAll(now);
        System.out.println(b);
        return total;
    }

    private static List<QualityResult> runs(TurnClient client, InetSocketAddress server, TurnCredentials cred,
                                            InetSocketAddress peer, QualityOptions o, int n) throws Exception {
        List<CompletableFuture<QualityResult>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fs.add(QualityRun.run(client, server, StunTransport.UDP, "127.0.0.1", cred, peer, o));
        }
        List<QualityResult> out = new ArrayList<>();
        for (CompletableFuture<QualityResult> f : fs) {
            out.add(f.get(o.duration().toSeconds() + 60, TimeUnit.SECONDS));
        }
        return out;
    }

    private static double share(long cpuNanos, double wallSeconds) {
        return 100.0 * cpuNanos / (wallSeconds * 1e9);
    }

    /** utime + stime of a process, from /proc/PID/stat (clock ticks of 10 ms on Linux). */
    static long procCpuNanos(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of stat
            return ticks * 10_000_000L;
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }
}
