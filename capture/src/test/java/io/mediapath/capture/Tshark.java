package io.mediapath.capture;

import io.mediapath.lab.peers.Binaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** tshark and editcap run on a test's capture, their output parsed: the reference the reader is checked against. */
final class Tshark {

    private Tshark() {
    }

    static String run(String program, List<String> args) {
        Path bin = Binaries.require(program, program.equals("tshark") ? "tshark" : "wireshark-common");
        List<String> cmd = new ArrayList<>();
        cmd.add(bin.toString());
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("exit " + p.exitValue() + ": " + cmd);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** {@code tshark -r F [-Y filter] -T fields -e …}: one row of columns per frame. */
    static List<String[]> fields(Path f, String filter, String... fields) {
        List<String> args = new ArrayList<>(List.of("-r", f.toString()));
        if (filter != null) {
            args.addAll(List.of("-Y", filter));
        }
        args.addAll(List.of("-T", "fields", "-E", "occurrence=f"));
        for (String e : fields) {
            args.addAll(List.of("-e", e));
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : run("tshark", args).split("\n")) {
            if (!line.isEmpty()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    /** Frames per direction from {@code -z conv,tcp} or {@code conv,udp}: "a -> b" → frames a sent to b. */
    static Map<String, Long> conversations(Path f, String proto) {
        Map<String, Long> m = new HashMap<>();
        for (String line : run("tshark", List.of("-r", f.toString(), "-q", "-z", "conv," + proto)).split("\n")) {
            if (!line.contains("<->")) {
                continue;
            }
            String[] t = line.trim().split("\\s+");
            // A <-> B  framesB→A bytes "bytes" framesA→B bytes "bytes" …
            String a = t[0];
            String b = t[2];
            m.put(b + " -> " + a, Long.parseLong(t[3]));
            m.put(a + " -> " + b, Long.parseLong(t[6]));
        }
        return m;
    }

    /**
     * One direction of a followed stream: the bytes before the first hole, all bytes tshark delivered, and the bytes
     * it marked "[N bytes missing in capture file]" (the marker and its NUL are taken out).
     */
    record Followed(byte[] beforeFirstHole, long delivered, long missing) {
    }

    private static final java.util.regex.Pattern MISSING =
            java.util.regex.Pattern.compile("\\[(\\d+) bytes missing in capture file\\]\u0000?");

    static Followed split(byte[] raw) {
        String s = new String(raw, StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher m = MISSING.matcher(s);
        int first = -1;
        long missing = 0;
        long markers = 0;
        while (m.find()) {
            if (first < 0) {
                first = m.start();
            }
            missing += Long.parseLong(m.group(1));
            markers += m.end() - m.start();
        }
        byte[] before = first < 0 ? raw : java.util.Arrays.copyOf(raw, first);
        return new Followed(before, raw.length - markers, missing);
    }

    /** The reassembled bytes of TCP stream {@code index}, per node as tshark names it ({@code -z follow,tcp,raw}). */
    static Map<String, Followed> follow(Path f, int index) {
        String out = run("tshark", List.of("-r", f.toString(), "-q", "-z", "follow,tcp,raw," + index));
        String node0 = null;
        String node1 = null;
        StringBuilder h0 = new StringBuilder();
        StringBuilder h1 = new StringBuilder();
        for (String line : out.split("\n")) {
            if (line.startsWith("Node 0: ")) {
                node0 = line.substring(8).trim();
            } else if (line.startsWith("Node 1: ")) {
                node1 = line.substring(8).trim();
            } else if (node1 != null && !line.startsWith("====") && !line.isBlank()) {
                if (line.startsWith("\t")) {
                    h1.append(line.trim());
                } else {
                    h0.append(line.trim());
                }
            }
        }
        Map<String, Followed> m = new HashMap<>();
        m.put(node0, split(hex(h0.toString())));
        m.put(node1, split(hex(h1.toString())));
        return m;
    }

    private static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
