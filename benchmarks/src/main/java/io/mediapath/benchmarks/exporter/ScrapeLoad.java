package io.mediapath.benchmarks.exporter;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sustained scrapes of a blackbox-style exporter: {@code concurrency} clients loop over the targets of a list for
 * {@code seconds}, each request {@code GET BASE/probe?target=T&module=M} with Prometheus' timeout header, as
 * Prometheus sends it. Prints probes/s, p50/p99 scrape latency and the share of {@code probe_success 1}. The same
 * driver measures mediapath's exporter and blackbox_exporter on the same targets in the same run
 * ({@code scripts/bench.sh exporter}).
 *
 * <p>Arguments: {@code label baseUrl module listFile concurrency seconds}.
 */
public final class ScrapeLoad {

    private ScrapeLoad() {
    }

    /** Runs the load and prints one result line. */
    public static void main(String[] args) throws Exception {
        String label = args[0];
        String base = args[1];
        String module = args[2];
        List<String> targets = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of(args[3]))) {
            if (!l.isBlank() && !l.startsWith("#") && targets.size() < 10_000) {
                targets.add(l.strip());
            }
        }
        int concurrency = Integer.parseInt(args[4]);
        double seconds = Double.parseDouble(args[5]);
        long begin = System.nanoTime();
        long end = begin + (long) (seconds * 1e9);
        AtomicLong next = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        // The kinds of errors seen (HTTP status or exception), counted: a figure with errors says which.
        java.util.concurrent.ConcurrentHashMap<String, AtomicLong> errorKinds = new java.util.concurrent.ConcurrentHashMap<>();
        long[][] lat = new long[concurrency][];
        int[] count = new int[concurrency];
        Thread[] threads = new Thread[concurrency];
        for (int c = 0; c < concurrency; c++) {
            int me = c;
            lat[me] = new long[1 << 20];
            threads[c] = new Thread(() -> {
                byte[] buf = new byte[16 * 1024];
                while (System.nanoTime() < end) {
                    String t = targets.get((int) (next.getAndIncrement() % targets.size()));
                    long t0 = System.nanoTime();
                    try {
                        URL u = new URL(base + "/probe?target=" + URLEncoder.encode(t, StandardCharsets.UTF_8)
                                + "&module=" + module);
                        HttpURLConnection h = (HttpURLConnection) u.openConnection();
                        h.setRequestProperty("X-Prometheus-Scrape-Timeout-Seconds", "10");
                        h.setConnectTimeout(10_000);
                        h.setReadTimeout(15_000);
                        int status = h.getResponseCode();
                        StringBuilder body = new StringBuilder();
                        try (InputStream in = status >= 400 ? h.getErrorStream() : h.getInputStream()) {
                            int r;
                            while (in != null && (r = in.read(buf)) > 0) {
                                body.append(new String(buf, 0, r, StandardCharsets.ISO_8859_1));
                            }
                        }
                        long d = System.nanoTime() - t0;
                        if (count[me] < lat[me].length) {
                            lat[me][count[me]++] = d;
                        }
                        String s = body.toString();
                        if (status == 200 && (s.contains("\nprobe_success 1") || s.startsWith("probe_success 1"))) {
                            ok.incrementAndGet();
                        } else if (status != 200) {
                            errors.incrementAndGet();
                            errorKinds.computeIfAbsent("HTTP " + status, k -> new AtomicLong()).incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        if (errorKinds.size() < 16) {
                            errorKinds.computeIfAbsent(e.getClass().getSimpleName() + ": " + e.getMessage(),
                                    k -> new AtomicLong()).incrementAndGet();
                        }
                    }
                }
            });
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double wall = (System.nanoTime() - begin) / 1e9;
        int n = Arrays.stream(count).sum();
        long[] all = new long[n];
        int k = 0;
        for (int c = 0; c < concurrency; c++) {
            System.arraycopy(lat[c], 0, all, k, count[c]);
            k += count[c];
        }
        Arrays.sort(all);
        System.out.printf(Locale.ROOT, "%-34s %6d probes in %.1f s = %7.1f probes/s, p50 %6.2f ms, p99 %7.2f ms, "
                        + "probe_success 1: %.1f %%, HTTP errors %d (concurrency %d, %d targets)%n",
                label, n, wall, n / wall, pct(all, 0.50), pct(all, 0.99), n == 0 ? 0 : 100.0 * ok.get() / n,
                errors.get(), concurrency, targets.size());
        printErrors(errorKinds);
    }

    private static void printErrors(java.util.Map<String, AtomicLong> kinds) {
        kinds.forEach((k, v) -> System.out.printf(Locale.ROOT, "    error %d × %s%n", v.get(), k));
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
