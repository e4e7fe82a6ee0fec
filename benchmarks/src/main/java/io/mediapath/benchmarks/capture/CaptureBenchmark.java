package io.mediapath.benchmarks.capture;

import io.mediapath.capture.PcapFormat;
import io.mediapath.capture.PcapWriter;
import io.mediapath.diagnose.capture.CaptureAnalyzer;
import io.mediapath.diagnose.capture.CaptureDiagnosis;
import io.mediapath.diagnose.capture.RelayFlow;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Capture reading + judging throughput (a plain main, not JMH: one pass over a 1 GB file is the measurement, and
 * the heap cap is the point). Generates a synthetic pcap of {@code --mb} MB (default 1024) in a temp file: mixed
 * web traffic (TLS 1.3 handshakes to 443, then 1 400-byte segments both ways, interleaved across 64 concurrent
 * connections) and relay traffic (genuine and reset pseudo-TLS exchanges, STUN Binding and TURN Allocate/401 over
 * UDP). Then times, on one core, in the same run: {@code tshark -r FILE -T fields -e frame.number} (the floor any
 * capture tool pays: read every frame and print its number) and {@link CaptureAnalyzer} reading, reassembling and
 * judging every flow. Prints MB/s for each, the ratio, flows judged per verdict, and the peak heap used after GC.
 */
public final class CaptureBenchmark {

    private static final byte[] PSEUDO_HELLO = HexFormat.of().parseHex("160301002d0100002903" + "01c1fcd5a36d93dd7e0b45"
            + "673fec7985fbbc3fd660c2ce8485081b8121bcaa10fb" + "0000020018" + "0100");
    private static final byte[] PSEUDO_ANSWER = HexFormat.of().parseHex("160301004e020000460301" + "5a".repeat(32) + "20"
            + "a5".repeat(32) + "0018000e000000");
    private static final byte[] TLS_HELLO = HexFormat.of().parseHex("16030100" + "31" + "0100002d0303" + "11".repeat(32)
            + "00" + "0002" + "1301" + "0100" + "0002" + "0000");
    private static final byte[] TLS13_SERVER = HexFormat.of().parseHex("160303005a0200005603" + "03" + "22".repeat(32)
            + "00" + "1301" + "00" + "002e" + "002b00020304" + "00330024001d0020" + "33".repeat(32)
            + "140303000101" + "1703030100" + "44".repeat(256));

    private CaptureBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int mb = 1024;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--mb")) {
                mb = Integer.parseInt(args[++i]);
            }
        }
        Path file = Files.createTempFile("mediapath-capture-", ".pcap");
        try {
            long t0 = System.nanoTime();
            Counts expected = generate(file, (long) mb << 20);
            long bytes = Files.size(file);
            System.out.printf(Locale.ROOT, "synthetic capture: %s, %.1f MB, %d frames, %d web + %d relay flows, "
                    + "generated in %.1f s, heap max %d MB%n", file, bytes / 1e6, expected.frames, expected.web,
                    expected.relay, (System.nanoTime() - t0) / 1e9, Runtime.getRuntime().maxMemory() >> 20);
            resetPeaks();
            long a = System.nanoTime();
            long tsharkFrames = tshark(file);
            long b = System.nanoTime();
            CaptureDiagnosis d = CaptureAnalyzer.builder().build().analyze(file);
            long c = System.nanoTime();
            double floor = bytes / 1e6 / ((b - a) / 1e9);
            double ours = bytes / 1e6 / ((c - b) / 1e9);
            Map<String, Long> verdicts = new TreeMap<>(d.moreFlows());
            for (RelayFlow r : d.flows()) {
                verdicts.merge(r.kind() + " " + r.verdict(), 1L, Long::sum);
            }
            if (tsharkFrames != expected.frames || d.frames() != expected.frames) {
                throw new IllegalStateException("frames: generated " + expected.frames + ", tshark " + tsharkFrames
                        + ", mediapath " + d.frames());
            }
            long judged = verdicts.values().stream().mapToLong(Long::longValue).sum();
            // Up to the 64 web flows still open when the file ends are cut mid-handshake; every other flow is judged.
            if (Math.abs(judged - (expected.web + expected.relay)) > 64) {
                throw new IllegalStateException("judged " + judged + " flows, generated " + (expected.web + expected.relay)
                        + ": " + verdicts);
            }
            System.gc();
            System.out.printf(Locale.ROOT, "RESULT capture: mediapath read+judge %.0f MB/s (%.1f s), tshark -T fields "
                    + "-e frame.number %.0f MB/s (%.1f s), ratio %.2f, %d frames, flows judged %s, peak heap used %d MB "
                    + "(-Xmx%d MB)%n", ours, (c - b) / 1e9, floor, (b - a) / 1e9, ours / floor, d.frames(), verdicts,
                    peakHeapMb(), Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static long tshark(Path file) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/taskset"))) {
            cmd.addAll(List.of("taskset", "-c", "0"));
        }
        cmd.addAll(List.of("tshark", "-r", file.toString(), "-T", "fields", "-e", "frame.number"));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        long lines = 0;
        byte[] buf = new byte[1 << 16];
        try (var in = p.getInputStream()) {
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0) {
            throw new IllegalStateException("tshark failed (apt-get install -y tshark)");
        }
        return lines;
    }

    private record Counts(long frames, long web, long relay) {
    }

    /** Frames of one flow, written a step at a time so many flows interleave. */
    private static final class Web {
        final int id;
        int step;
        long seqC = 1000;
        long seqS = 900_000;
        final int segments;

        Web(int id, int segments) {
            this.id = id;
            this.segments = segments;
        }
    }

    private static Counts generate(Path file, long target) throws IOException {
        long frames = 0;
        long web = 0;
        long relay = 0;
        long t = 1_700_000_000_000_000_000L;
        byte[] data = new byte[1400];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 13);
        }
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
                PcapWriter w = PcapWriter.create(o, PcapFormat.LINKTYPE_ETHERNET, true)) {
            long written = 24;
            Web[] live = new Web[64];
            int nextId = 0;
            while (written < target) {
                for (int k = 0; k < live.length && written < target; k++) {
                    if (live[k] == null) {
                        live[k] = new Web(nextId++, 40 + (nextId % 60));
                        web++;
                    }
                    Web f = live[k];
                    byte[] cip = ip(10, 1, f.id);
                    byte[] sip = ip(203, 0, f.id % 200);
                    int cport = 1024 + (f.id % 60000);
                    t += 20_000;
                    byte[] frame;
                    switch (f.step) {
                        case 0 -> frame = tcp(cip, cport, sip, 443, f.seqC++, 0, 0x02, new byte[0]);
                        case 1 -> frame = tcp(sip, 443, cip, cport, f.seqS++, f.seqC, 0x12, new byte[0]);
                        case 2 -> {
                            frame = tcp(cip, cport, sip, 443, f.seqC, f.seqS, 0x18, TLS_HELLO);
                            f.seqC += TLS_HELLO.length;
                        }
                        case 3 -> {
                            frame = tcp(sip, 443, cip, cport, f.seqS, f.seqC, 0x18, TLS13_SERVER);
                            f.seqS += TLS13_SERVER.length;
                        }
                        default -> {
                            int s = f.step - 4;
                            if (s < f.segments) {
                                boolean up = s % 4 == 0;
                                frame = up ? tcp(cip, cport, sip, 443, f.seqC, f.seqS, 0x18, record(data))
                                        : tcp(sip, 443, cip, cport, f.seqS, f.seqC, 0x18, record(data));
                                if (up) {
                                    f.seqC += data.length;
                                } else {
                                    f.seqS += data.length;
                                }
                            } else if (s == f.segments) {
                                frame = tcp(cip, cport, sip, 443, f.seqC, f.seqS, 0x11, new byte[0]);
                            } else {
                                frame = tcp(sip, 443, cip, cport, f.seqS, f.seqC + 1, 0x11, new byte[0]);
                                live[k] = null;
                            }
                        }
                    }
                    f.step++;
                    w.write(t, frame, frame.length);
                    written += 16 + frame.length;
                    frames++;
                }
                // Every 64 web steps, one relay exchange of some kind.
                int r = (int) (relay % 4);
                byte[] cip = ip(10, 2, (int) relay);
                byte[] rip = {(byte) 198, 51, 100, 7};
                int cport = 2000 + (int) (relay % 60000);
                List<byte[]> fs = new ArrayList<>();
                if (r == 0 || r == 1) {
                    fs.add(tcp(cip, cport, rip, 443, 1, 0, 0x02, new byte[0]));
                    fs.add(tcp(rip, 443, cip, cport, 5000, 2, 0x12, new byte[0]));
                    fs.add(tcp(cip, cport, rip, 443, 2, 5001, 0x18, PSEUDO_HELLO));
                    fs.add(r == 0 ? tcp(rip, 443, cip, cport, 5001, 52, 0x18, PSEUDO_ANSWER)
                            : tcp(rip, 443, cip, cport, 5001, 52, 0x14, new byte[0]));
                    fs.add(tcp(cip, cport, rip, 443, 52, 5001 + (r == 0 ? 83 : 0), 0x11, new byte[0]));
                    fs.add(tcp(rip, 443, cip, cport, 5001 + (r == 0 ? 83 : 0), 53, 0x11, new byte[0]));
                } else {
                    byte[] tid = HexFormat.of().parseHex("2112a442" + String.format("%024x", relay));
                    int method = r == 2 ? 0x0001 : 0x0003;
                    fs.add(udp(cip, cport, rip, 3478, stun(method, tid, 0)));
                    fs.add(udp(rip, 3478, cip, cport, r == 2 ? stun(0x0101, tid, 0) : stun(0x0113, tid, 401)));
                }
                for (byte[] f : fs) {
                    t += 20_000;
                    w.write(t, f, f.length);
                    written += 16 + f.length;
                    frames++;
                }
                relay++;
            }
            // Close what is open so every flow ends inside the capture.
            for (Web f : live) {
                if (f != null && f.step < 3) {
                    web--; // never got as far as its hello: not a relay candidate, not counted
                }
            }
        }
        return new Counts(frames, web, relay);
    }

    private static byte[] record(byte[] data) {
        data[0] = 0x17;
        data[1] = 0x03;
        data[2] = 0x03;
        data[3] = (byte) ((data.length - 5) >> 8);
        data[4] = (byte) (data.length - 5);
        return data;
    }

    private static byte[] stun(int type, byte[] cookieAndTid, int error) {
        byte[] attr = error == 0 ? new byte[0] : new byte[] {0x00, 0x09, 0x00, 0x04, 0, 0, (byte) (error / 100), (byte) (error % 100)};
        byte[] m = new byte[20 + attr.length];
        m[0] = (byte) (type >> 8);
        m[1] = (byte) type;
        m[3] = (byte) attr.length;
        System.arraycopy(cookieAndTid, 0, m, 4, 16);
        System.arraycopy(attr, 0, m, 20, attr.length);
        return m;
    }

    private static byte[] ip(int a, int b, int n) {
        return new byte[] {(byte) a, (byte) b, (byte) (n >> 8), (byte) n};
    }

    static byte[] tcp(byte[] src, int sport, byte[] dst, int dport, long seq, long ack, int flags, byte[] payload) {
        byte[] f = new byte[54 + payload.length];
        ipv4(f, src, dst, 6, 40 + payload.length);
        int t = 34;
        f[t] = (byte) (sport >> 8);
        f[t + 1] = (byte) sport;
        f[t + 2] = (byte) (dport >> 8);
        f[t + 3] = (byte) dport;
        for (int i = 0; i < 4; i++) {
            f[t + 4 + i] = (byte) (seq >> (24 - 8 * i));
            f[t + 8 + i] = (byte) (ack >> (24 - 8 * i));
        }
        f[t + 12] = 0x50;
        f[t + 13] = (byte) flags;
        f[t + 14] = (byte) 0xff;
        System.arraycopy(payload, 0, f, 54, payload.length);
        return f;
    }

    static byte[] udp(byte[] src, int sport, byte[] dst, int dport, byte[] payload) {
        byte[] f = new byte[42 + payload.length];
        ipv4(f, src, dst, 17, 28 + payload.length);
        int u = 34;
        f[u] = (byte) (sport >> 8);
        f[u + 1] = (byte) sport;
        f[u + 2] = (byte) (dport >> 8);
        f[u + 3] = (byte) dport;
        f[u + 4] = (byte) ((8 + payload.length) >> 8);
        f[u + 5] = (byte) (8 + payload.length);
        System.arraycopy(payload, 0, f, 42, payload.length);
        return f;
    }

    private static void ipv4(byte[] f, byte[] src, byte[] dst, int proto, int total) {
        f[12] = 0x08;
        f[14] = 0x45;
        f[16] = (byte) (total >> 8);
        f[17] = (byte) total;
        f[22] = 64;
        f[23] = (byte) proto;
        System.arraycopy(src, 0, f, 26, 4);
        System.arraycopy(dst, 0, f, 30, 4);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
    }

    private static long peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum >> 20;
    }
}
