package io.mediapath.benchmarks.logscan;

import io.mediapath.sdp.sip.LogScanner;
import io.mediapath.sdp.sip.SipMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Log-scanning throughput driver (a plain main, not JMH: one pass over 200 MB is the measurement, and the heap cap
 * is the point). Builds a synthetic log of {@code --mb} MB (default 200) in a temp file from the four sample logs
 * (UCCAPI client, SIPStack server, tshark follow, pasted prefixed; Call-IDs varied per copy), then times, on one
 * thread, in the same JVM:
 * <ul>
 *   <li>the peer/floor: {@code BufferedReader.readLine()} over the same file (UTF-8 decode + line split, nothing
 *       else) — what any line-oriented scanner pays at least;</li>
 *   <li>{@link LogScanner} streaming every message out of it (extract + parse each message).</li>
 * </ul>
 * Reports MB/s (file bytes / wall time, best of {@code --runs}), the ratio scanner/floor, the message count, and
 * the peak heap used after GC. Run with {@code -Xmx256m} to show the scan does not need the file in memory.
 */
public final class LogScanBenchmark {
    private static final String[] SAMPLES = {
        "uccapi-appsharing.uccapilog", "sipstack-appsharing.log", "tshark-follow.txt", "pasted-prefixed.log"};

    private LogScanBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int mb = 200;
        int runs = 3;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--mb")) {
                mb = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--runs")) {
                runs = Integer.parseInt(args[++i]);
            }
        }
        Path file = Files.createTempFile("mediapath-logscan-", ".log");
        try {
            long messagesPerPass = build(file, (long) mb << 20);
            long bytes = Files.size(file);
            System.out.printf(Locale.ROOT, "synthetic log: %s, %.1f MB, %d SIP messages, heap max %d MB%n", file,
                    bytes / 1e6, messagesPerPass, Runtime.getRuntime().maxMemory() >> 20);
            resetPeaks();
            double floor = 0;
            double scan = 0;
            long found = 0;
            for (int r = 0; r < runs + 1; r++) { // first round is warm-up
                long t0 = System.nanoTime();
                long lines = readLines(file);
                long t1 = System.nanoTime();
                found = scanMessages(file);
                long t2 = System.nanoTime();
                double f = bytes / 1e6 / ((t1 - t0) / 1e9);
                double s = bytes / 1e6 / ((t2 - t1) / 1e9);
                System.out.printf(Locale.ROOT, "%s: readLine floor %.0f MB/s (%d lines), LogScanner %.0f MB/s (%d messages)%n",
                        r == 0 ? "warm-up" : "run " + r, f, lines, s, found);
                if (r > 0) {
                    floor = Math.max(floor, f);
                    scan = Math.max(scan, s);
                }
            }
            if (found != messagesPerPass) {
                throw new IllegalStateException("scanner found " + found + " messages, expected " + messagesPerPass);
            }
            System.gc();
            System.out.printf(Locale.ROOT, "RESULT logscan: LogScanner %.0f MB/s, readLine floor %.0f MB/s, ratio %.2f, "
                    + "messages %d, peak heap used %d MB (-Xmx%d MB)%n", scan, floor, scan / floor, found,
                    peakHeapMb(), Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Appends copies of the samples (Call-IDs made unique per copy) until the file reaches {@code target} bytes. */
    private static long build(Path file, long target) throws IOException {
        String[] texts = new String[SAMPLES.length];
        long[] counts = new long[SAMPLES.length];
        for (int i = 0; i < SAMPLES.length; i++) {
            try (InputStream in = LogScanBenchmark.class.getResourceAsStream(SAMPLES[i])) {
                if (in == null) {
                    throw new IllegalStateException("sample missing: " + SAMPLES[i]);
                }
                texts[i] = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            counts[i] = LogScanner.create(SAMPLES[i]).scanAll(texts[i]).messages().size();
        }
        long messages = 0;
        long written = 0;
        int copy = 0;
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (written < target) {
                int i = copy % SAMPLES.length;
                String suffix = String.format(Locale.ROOT, "%08x", copy);
                // keep lengths constant so Content-Length stays right: swap the last 8 hex digits of each Call-ID
                String t = texts[i]
                        .replace("8f3c2b1a9d7e4f60b5a4c3d2e1f09a8b", "8f3c2b1a9d7e4f60b5a4c3d2" + suffix)
                        .replace("1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f60", "1d2e3f4a5b6c7d8e9f0a1b2c" + suffix)
                        .replace("a84b4c76e66710@pc33", "a84b4c76e66710@p" + suffix.substring(5) + "");
                w.write(t);
                written += t.length();
                messages += counts[i];
                copy++;
            }
        }
        return messages;
    }

    private static long readLines(Path file) throws IOException {
        long n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            while (r.readLine() != null) {
                n++;
            }
        }
        return n;
    }

    private static long scanMessages(Path file) throws IOException {
        long[] n = {0};
        long[] sink = {0};
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LogScanner.create(file.toString()).scan(r, (SipMessage m) -> {
                n[0]++;
                sink[0] += m.headers().size(); // touch the parsed value
            });
        }
        if (sink[0] == 0) {
            throw new IllegalStateException("no headers parsed");
        }
        return n[0];
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static void resetPeaks() {
        System.gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMb() {
        // old-generation peak after collection is the live set the scan kept; young peaks are garbage
        return Arrays.stream(heapPools().toArray(new MemoryPoolMXBean[0]))
                .mapToLong(p -> p.getCollectionUsage() != null ? p.getCollectionUsage().getUsed() : 0)
                .sum() >> 20;
    }
}
