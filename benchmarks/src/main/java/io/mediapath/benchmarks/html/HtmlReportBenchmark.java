package io.mediapath.benchmarks.html;

import io.mediapath.diagnose.Analyzer;
import io.mediapath.diagnose.Diagnosis;
import io.mediapath.diagnose.playbook.EdgePlaybook;
import io.mediapath.diagnose.playbook.EdgeReport;
import io.mediapath.diagnose.playbook.EdgeTarget;
import io.mediapath.diagnose.playbook.PlaybookOptions;
import io.mediapath.diagnose.report.EdgeReports;
import io.mediapath.diagnose.report.HtmlReport;
import io.mediapath.diagnose.report.TextReport;
import io.mediapath.ice.Finding;
import io.mediapath.lab.SeedTopology;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * HTML report driver (a plain main, not JMH: the figures are a render's latency next to the text and JSON renderings
 * of the same result, and the size of a page made from a huge input).
 * <ol>
 *   <li><b>edge</b>: runs the edge playbook once on the lab seed ({@code SeedTopology.websense()}, in process), then
 *       renders that one {@link EdgeReport} {@code --renders} times each as HTML, text and JSON, in the same JVM,
 *       after a warm-up; prints the median and the 99th percentile per render, and the ratio HTML/text. The goal is
 *       under 50 ms per HTML render.</li>
 *   <li><b>log</b>: builds synthetic logs of 16 MB and {@code --mb} MB (default 1024) from copies of the seed log
 *       (Call-IDs varied, every copy a dialog with findings), analyzes each streamed ({@link Analyzer#analyze(Reader,
 *       String)}), renders the page and prints its size, the findings it lists and those counted past the limit
 *       ({@code MORE_DIALOGS}). The page of the large log must be no larger than a bounded multiple of the small
 *       one's.</li>
 * </ol>
 */
public final class HtmlReportBenchmark {

    private HtmlReportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int renders = 500;
        int mb = 1024;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--renders" -> renders = Integer.parseInt(args[++i]);
                case "--mb" -> mb = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        edge(renders);
        long small = log(16);
        long large = log(mb);
        System.out.printf(Locale.ROOT, "RESULT html log: page of the %d MB log %d bytes, of the 16 MB log %d bytes "
                + "(ratio %.2f)%n", mb, large, small, (double) large / small);
        if (large > 4 * small) {
            throw new IllegalStateException("the page grows with the input: " + large + " vs " + small);
        }
    }

    private static void edge(int renders) throws Exception {
        EdgeReport r;
        try (SeedTopology lab = SeedTopology.websense()) {
            PlaybookOptions o = PlaybookOptions.builder().environment(Map.of()).proxySelector(null)
                    .deadline(Duration.ofSeconds(8)).build();
            EdgeTarget t = EdgeTarget.builder(lab.clientTarget().host()).udpPort(lab.udpAddress().orElseThrow().port())
                    .tcpPort(lab.clientTarget().port()).sni("edge.lab.example").build();
            r = EdgePlaybook.create(o).run(t).toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        System.out.printf(Locale.ROOT, "edge report of the lab seed: %s, %d legs, %d timeline events, %d findings%n",
                r.rootCause().code(), r.legs().size(), r.legs().stream().mapToInt(l -> l.result().timeline().size()).sum(),
                r.findings().size());
        double[] html = time(() -> HtmlReport.edge(r), renders);
        double[] text = time(() -> EdgeReports.text(r), renders);
        double[] json = time(() -> EdgeReports.json(r), renders);
        System.out.printf(Locale.ROOT, "RESULT html edge: HTML median %.3f ms p99 %.3f ms (%d bytes); text median %.3f ms;"
                + " JSON median %.3f ms; HTML/text %.1fx; %d renders each%n", html[0], html[1],
                HtmlReport.edge(r).length(), text[0], json[0], html[0] / text[0], renders);
    }

    /** Median and 99th percentile in milliseconds of {@code n} calls, after {@code n / 2} warm-up calls. */
    private static double[] time(Supplier<String> render, int n) {
        long sink = 0;
        for (int i = 0; i < n / 2; i++) {
            sink += render.get().length();
        }
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            sink += render.get().length();
            t[i] = System.nanoTime() - t0;
        }
        if (sink == 0) {
            throw new IllegalStateException("empty renders");
        }
        Arrays.sort(t);
        return new double[] {t[n / 2] / 1e6, t[Math.min(n - 1, (int) (n * 0.99))] / 1e6};
    }

    /** Analyzes a synthetic log of {@code mb} MB streamed, renders its page; returns the page's size in bytes. */
    private static long log(int mb) throws IOException, io.mediapath.diagnose.UnreadableInputException {
        Path file = Files.createTempFile("mediapath-html-", ".log");
        try {
            build(file, (long) mb << 20);
            long t0 = System.nanoTime();
            Diagnosis d;
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                d = Analyzer.builder().build().analyze(in, file.getFileName().toString());
            }
            long t1 = System.nanoTime();
            String page = HtmlReport.render(d);
            long t2 = System.nanoTime();
            long counted = d.findings().stream().filter(f -> f.code().equals("MORE_DIALOGS"))
                    .mapToLong(HtmlReportBenchmark::dialogsCounted).sum();
            System.out.printf(Locale.ROOT, "log %d MB: %d SIP messages, %d dialogs reported, %d findings listed, %d more "
                    + "dialogs counted past the limit; analyze %.1f s, HTML render %.1f ms, page %d bytes (text report "
                    + "%d bytes)%n", mb, d.messages(), d.dialogs().size(), d.findings().size(), counted,
                    (t1 - t0) / 1e9, (t2 - t1) / 1e6, page.getBytes(StandardCharsets.UTF_8).length,
                    TextReport.render(d).length());
            return page.getBytes(StandardCharsets.UTF_8).length;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static long dialogsCounted(Finding f) {
        String s = f.summary();
        int sp = s.indexOf(' ');
        try {
            return sp > 0 ? Long.parseLong(s.substring(0, sp)) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Copies of the seed log, the last 8 hex digits of each Call-ID replaced per copy, up to {@code target} bytes. */
    private static void build(Path file, long target) throws IOException {
        String seed;
        try (InputStream in = HtmlReportBenchmark.class.getResourceAsStream("/samples/seed-alf-appsharing.log")) {
            if (in == null) {
                throw new IllegalStateException("sample missing: samples/seed-alf-appsharing.log");
            }
            seed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        long written = 0;
        int copy = 0;
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (written < target) {
                String suffix = String.format(Locale.ROOT, "%08x", copy++);
                String t = seed.replace("8f14e45fceea167a5a36dedd4bea2543", "8f14e45fceea167a5a36dedd" + suffix)
                        .replace("c9f0f895fb98ab9159f51fd0297e236d", "c9f0f895fb98ab9159f51fd0" + suffix);
                w.write(t);
                written += t.length();
            }
        }
    }
}
