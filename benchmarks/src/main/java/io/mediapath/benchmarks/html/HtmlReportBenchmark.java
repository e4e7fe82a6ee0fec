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
import java.nio.charset.StandardCharsets;
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
                case "--skip-edge" -> renders = 0;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (renders > 0) {
            edge(renders);
        }
        pcap(200_000, 200);
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

    /**
     * Analyzes a synthetic log of {@code mb} MB streamed from a generator (no file: the log exists only as it is read),
     * renders its page; prints the heap's peak during the run; returns the page's size in bytes.
     */
    private static long log(int mb) throws IOException, io.mediapath.diagnose.UnreadableInputException {
        System.gc();
        java.util.List<java.lang.management.MemoryPoolMXBean> heap = java.lang.management.ManagementFactory
                .getMemoryPoolMXBeans().stream().filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .toList();
        heap.forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
        long t0 = System.nanoTime();
        Diagnosis d;
        SyntheticLog in = new SyntheticLog(seed(), (long) mb << 20);
        try (Reader r = in) {
            d = Analyzer.builder().build().analyze(r, "synthetic-" + mb + "mb.log");
        }
        long t1 = System.nanoTime();
        String page = HtmlReport.render(d);
        long t2 = System.nanoTime();
        // the sum of each heap pool's peak: an upper bound of the heap the run needed at any one time
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long max = Runtime.getRuntime().maxMemory();
        long counted = d.findings().stream().filter(f -> f.code().equals("MORE_DIALOGS"))
                .mapToLong(HtmlReportBenchmark::dialogsCounted).sum();
        int size = page.getBytes(StandardCharsets.UTF_8).length;
        System.out.printf(Locale.ROOT, "RESULT html log %d MB: %d bytes read, %d SIP messages, %d dialogs reported, %d "
                + "findings listed, %d more dialogs counted past the limit; analyze %.1f s (%.1f MB/s), HTML render "
                + "%.1f ms, page %d bytes; heap peak %d MB of %d MB%n", mb, in.read, d.messages(), d.dialogs().size(),
                d.findings().size(), counted, (t1 - t0) / 1e9, in.read / 1e6 / ((t1 - t0) / 1e9), (t2 - t1) / 1e6,
                size, peak >> 20, max >> 20);
        if (peak > max * 9 / 10) {
            throw new IllegalStateException("heap peak " + (peak >> 20) + " MB near the limit " + (max >> 20) + " MB");
        }
        return size;
    }

    /**
     * Pcap writer throughput: {@code n} TCP payloads of {@code size} bytes (a handshake and an answer per 8
     * payloads' connection) through {@link io.mediapath.diagnose.report.PcapExport#write} into a counting sink.
     */
    private static void pcap(int n, int size) throws IOException {
        java.net.InetSocketAddress client = new java.net.InetSocketAddress(java.net.InetAddress.getByAddress(
                new byte[] {10, 0, 0, 5}), 50_000);
        java.util.List<io.mediapath.diagnose.report.PcapExport.Payload> payloads = new java.util.ArrayList<>(n);
        byte[] data = new byte[size];
        for (int i = 0; i < n; i++) {
            java.net.InetSocketAddress server = new java.net.InetSocketAddress(java.net.InetAddress.getByAddress(
                    new byte[] {(byte) 192, 0, 2, (byte) (1 + i / 8 % 250)}), 443 + i / 2000);
            io.mediapath.ice.probe.WirePayload w = new io.mediapath.ice.probe.WirePayload(i % 2 == 0
                    ? io.mediapath.ice.probe.WirePayload.Direction.SENT
                    : io.mediapath.ice.probe.WirePayload.Direction.RECEIVED,
                    io.mediapath.ice.probe.WirePayload.Transport.TCP, client, server, size, data);
            payloads.add(new io.mediapath.diagnose.report.PcapExport.Payload(1_700_000_000_000_000_000L + i * 1000L, w,
                    "bytes"));
        }
        long best = Long.MAX_VALUE;
        long bytes = 0;
        for (int round = 0; round < 5; round++) {
            long[] count = {0};
            java.io.OutputStream sink = new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    count[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    count[0] += len;
                }
            };
            long t0 = System.nanoTime();
            io.mediapath.diagnose.report.PcapExport.write(sink, payloads, "bench");
            best = Math.min(best, System.nanoTime() - t0);
            bytes = count[0];
        }
        System.out.printf(Locale.ROOT, "RESULT html pcap: %d payloads of %d bytes -> %d bytes of pcapng in %.1f ms "
                + "(best of 5): %.0f packets/s, %.1f MB/s%n", n, size, bytes, best / 1e6, n / (best / 1e9),
                bytes / 1e6 / (best / 1e9));
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

    private static String seed() throws IOException {
        try (InputStream in = HtmlReportBenchmark.class.getResourceAsStream("/samples/seed-alf-appsharing.log")) {
            if (in == null) {
                throw new IllegalStateException("sample missing: samples/seed-alf-appsharing.log");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Copies of the seed log, the last 8 hex digits of each Call-ID replaced per copy, up to {@code target}
     * characters, made as they are read: a 1 GiB log never exists on disk or in memory.
     */
    static final class SyntheticLog extends Reader {
        private final String seed;
        private final long target;
        private String chunk = "";
        private int pos;
        private int copy;
        long read;

        SyntheticLog(String seed, long target) {
            this.seed = seed;
            this.target = target;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (pos == chunk.length()) {
                if (read >= target) {
                    return -1;
                }
                String suffix = String.format(Locale.ROOT, "%08x", copy++);
                chunk = seed.replace("8f14e45fceea167a5a36dedd4bea2543", "8f14e45fceea167a5a36dedd" + suffix)
                        .replace("c9f0f895fb98ab9159f51fd0297e236d", "c9f0f895fb98ab9159f51fd0" + suffix);
                pos = 0;
            }
            int n = Math.min(len, chunk.length() - pos);
            chunk.getChars(pos, pos + n, buf, off);
            pos += n;
            read += n;
            return n;
        }

        @Override
        public void close() {
        }
    }
}
