package io.mediapath.benchmarks.edge;

import io.mediapath.diagnose.playbook.EdgePlaybook;
import io.mediapath.diagnose.playbook.EdgeReport;
import io.mediapath.diagnose.playbook.EdgeTarget;
import io.mediapath.diagnose.playbook.PlaybookOptions;
import io.mediapath.diagnose.RootCauseCode;
import io.mediapath.lab.SeedTopology;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The edge playbook's wall time on the lab, in the default (diagnostic) profile: the whole run on a clean path
 * (goal ≤ 1.5 s), the run with the UDP port dropped (goal: declared in ≤ 3 s), and, in the same run, the same legs
 * one after another ({@link PlaybookOptions.Builder#sequential}) — the ratio is the figure that carries across
 * machines. Each scenario: warm-up runs, then {@code runs} measured runs; median and worst are printed.
 *
 * <p>Not JMH: one run is a burst of concurrent network legs with a deadline; wall time per run is the measurement.
 * Run by {@code scripts/bench.sh edge [runs]} (default 20).
 */
public final class EdgePlaybookBenchmark {

    private EdgePlaybookBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        try (SeedTopology lab = SeedTopology.msTurnEdge(null, "clean");
                DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            EdgeTarget clean = EdgeTarget.builder("127.0.0.1").udpPort(lab.udpAddress().orElseThrow().port())
                    .tcpPort(lab.edgeAddress().port()).sni("edge.lab.example").build();
            EdgeTarget dropped = EdgeTarget.builder("127.0.0.1").udpPort(silent.getLocalPort())
                    .tcpPort(lab.edgeAddress().port()).sni("edge.lab.example").build();
            PlaybookOptions concurrent = PlaybookOptions.builder().environment(Map.of()).proxySelector(null).build();
            PlaybookOptions sequential = PlaybookOptions.builder().environment(Map.of()).proxySelector(null)
                    .sequential(true).build();
            measure("warm-up", clean, concurrent, RootCauseCode.NONE, 5);
            measure("warm-up", clean, sequential, RootCauseCode.NONE, 3);
            List<Double> c = measure("clean, concurrent", clean, concurrent, RootCauseCode.NONE, runs);
            List<Double> s = measure("clean, sequential", clean, sequential, RootCauseCode.NONE, runs);
            List<Double> d = measure("udp dropped, concurrent", dropped, concurrent, RootCauseCode.UDP_BLOCKED,
                    Math.max(3, runs / 4));
            List<Double> ds = measure("udp dropped, sequential", dropped, sequential, RootCauseCode.UDP_BLOCKED,
                    Math.max(3, runs / 4));
            System.out.printf(Locale.ROOT, "ratio sequential/concurrent: clean %.1fx, udp dropped %.1fx%n",
                    median(s) / median(c), median(ds) / median(d));
        }
    }

    static List<Double> measure(String name, EdgeTarget t, PlaybookOptions o, RootCauseCode expected, int runs)
            throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            EdgeReport r = EdgePlaybook.create(o).run(t).toCompletableFuture().get(120, TimeUnit.SECONDS);
            ms.add((System.nanoTime() - t0) / 1e6);
            // Warm-up runs load and compile the classes; the first of a cold JVM may miss its deadline.
            if (r.rootCause().code() != expected && !name.equals("warm-up")) {
                throw new IllegalStateException(name + ": expected " + expected + ", got " + r.rootCause().code()
                        + ": " + r.rootCause().summary());
            }
        }
        if (!name.equals("warm-up")) {
            System.out.printf(Locale.ROOT, "%-26s runs %3d  median %7.1f ms  worst %7.1f ms%n", name, runs,
                    median(ms), Collections.max(ms));
        }
        return ms;
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
