package io.mediapath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.capture.PcapFormat;
import io.mediapath.capture.PcapWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code mediapath analyze FILE.pcap}: a capture is told by its magic and its relay flows judged. The captures are
 * written here, packet by packet (Ethernet/IPv4/TCP built below), so each case holds exactly the exchange it names.
 */
class AnalyzeCaptureTest {

    /** The 50-byte MS-TURN pseudo-TLS ClientHello ([MS-TURN] §2.1.1), transcribed. */
    static final byte[] HELLO = HexFormat.of().parseHex("160301002d0100002903" + "01c1fcd5a36d93dd7e0b45673fec7985fb"
            + "bc3fd660c2ce8485081b8121bcaa10fb" + "0000020018" + "0100");

    @TempDir
    Path dir;

    private static final byte[] CLIENT = {10, 0, 0, 5};
    private static final byte[] RELAY = {(byte) 192, 0, 2, 7};

    /** An Ethernet/IPv4/TCP frame (checksums left zero, as offloading leaves them). */
    static byte[] tcp(byte[] src, int sport, byte[] dst, int dport, long seq, long ack, int flags, byte[] payload) {
        byte[] f = new byte[14 + 20 + 20 + payload.length];
        f[12] = 0x08;
        int ip = 14;
        f[ip] = 0x45;
        int total = 40 + payload.length;
        f[ip + 2] = (byte) (total >> 8);
        f[ip + 3] = (byte) total;
        f[ip + 8] = 64;
        f[ip + 9] = 6;
        System.arraycopy(src, 0, f, ip + 12, 4);
        System.arraycopy(dst, 0, f, ip + 16, 4);
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
        System.arraycopy(payload, 0, f, t + 20, payload.length);
        return f;
    }

    private Path capture(String name, boolean genuine) throws IOException {
        Path p = dir.resolve(name);
        long t = 1_700_000_000_000_000_000L;
        long ms = 1_000_000L;
        try (OutputStream o = Files.newOutputStream(p); PcapWriter w = PcapWriter.create(o, PcapFormat.LINKTYPE_ETHERNET, false)) {
            w.write(t, tcp(CLIENT, 50000, RELAY, 443, 1000, 0, 0x02, new byte[0]), 54);
            w.write(t + 20 * ms, tcp(RELAY, 443, CLIENT, 50000, 9000, 1001, 0x12, new byte[0]), 54);
            w.write(t + 21 * ms, tcp(CLIENT, 50000, RELAY, 443, 1001, 9001, 0x10, new byte[0]), 54);
            w.write(t + 22 * ms, tcp(CLIENT, 50000, RELAY, 443, 1001, 9001, 0x18, HELLO), 104);
            if (genuine) {
                // The relay's 83-byte answer: record + ServerHello (random and session id any value) + ServerHelloDone.
                byte[] answer = HexFormat.of().parseHex("160301004e020000460301" + "5a".repeat(32) + "20"
                        + "a5".repeat(32) + "0018000e000000");
                w.write(t + 43 * ms, tcp(RELAY, 443, CLIENT, 50000, 9001, 1051, 0x18, answer), 137);
            } else {
                w.write(t + 43 * ms, tcp(RELAY, 443, CLIENT, 50000, 9001, 1051, 0x14, new byte[0]), 54);
            }
        }
        return p;
    }

    @Test
    void aGenuineRelayExitsZeroAndCitesTheFrame() throws IOException {
        Path page = dir.resolve("genuine.html");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", capture("genuine.pcap", true).toString(),
                "--html", page.toString());
        assertThat(r.out()).contains("PSEUDO_TLS tcp 10.0.0.5:50000 > 192.0.2.7:443 from frame 1: GENUINE_PSEUDO_TLS",
                "(frame 5)", "root cause: NONE", "Every modality the capture shows works");
        // The edge playbook's table: TCP shown and working, UDP not in the capture.
        assertThat(r.out()).containsPattern("appsharing +WORKS +TCP 443 relay").containsPattern("audio +UNKNOWN");
        assertThat(r.exit()).isZero();
        // The page: the capture's root cause and modality table, its flows, the observed exchange as a ladder.
        String html = Files.readString(page);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("Root cause: <code>NONE</code>", "id=\"modalities\"",
                "id=\"flows\"", "<code>GENUINE_PSEUDO_TLS</code>", "data-leg=\"frame-1\"", "83 B");
        assertThat(html.indexOf("id=\"root-cause\"")).isLessThan(html.indexOf("data-leg=\"frame-1\""));
    }

    @Test
    void aResetNamesTheFrameAndTheRemedyAndExitsOne() throws IOException {
        Path f = capture("reset.pcap", false);
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", "--relay", "192.0.2.7", f.toString());
        assertThat(r.out()).contains("RESET_AFTER_HELLO", "RST from the server in frame 5", "[relay named by --relay]",
                "root cause: MIDDLEBOX_RESET", "remedy:");
        assertThat(r.exit()).isEqualTo(1);
        Path page = dir.resolve("reset.html");
        AnalyzeCommandTest.run("analyze", "--relay", "192.0.2.7", f.toString(), "--html", page.toString());
        assertThat(Files.readString(page)).contains("Root cause: <code>MIDDLEBOX_RESET</code>",
                "<code>RESET_AFTER_HELLO</code>", "data-leg=\"frame-1\"", "RST from the server in frame 5");
        AnalyzeCommandTest.Run j = AnalyzeCommandTest.run("analyze", "--json", f.toString());
        JsonNode n = JsonMapper.builder().build().readTree(j.out());
        assertThat(n.get("schema").asString()).isEqualTo("mediapath.capture/1");
        assertThat(n.get("flows").get(0).get("verdict").asString()).isEqualTo("RESET_AFTER_HELLO");
        assertThat(n.get("flows").get(0).get("firstFrame").asLong()).isEqualTo(1);
        assertThat(n.get("rootCause").get("code").asString()).isEqualTo("MIDDLEBOX_RESET");
    }

    /** {@code analyze -}: a capture piped in is told by its magic, like a file; text on stdin still goes to the log reader. */
    @Test
    void aCaptureOnStdinIsJudgedAndTextOnStdinIsStillALog() throws IOException {
        byte[] pcap = Files.readAllBytes(capture("genuine.pcap", true));
        CliRun r = CliRun.runWithStdin(pcap, "analyze", "-");
        assertThat(r.out()).contains("capture stdin (pcap", "GENUINE_PSEUDO_TLS", "root cause: NONE");
        assertThat(r.exit()).as(r.all()).isZero();

        // The same exchange as pcapng (the writer of --pcap), also on stdin.
        java.io.ByteArrayOutputStream ng = new java.io.ByteArrayOutputStream();
        try (io.mediapath.capture.CaptureReader in = io.mediapath.capture.CaptureReader.open(
                new java.io.ByteArrayInputStream(pcap));
                io.mediapath.capture.PcapngWriter w = io.mediapath.capture.PcapngWriter.create(ng,
                        PcapFormat.LINKTYPE_ETHERNET, "test", "test")) {
            for (io.mediapath.capture.Frame f = in.next(); f != null; f = in.next()) {
                w.write(f.epochNanos(), f.data(), null);
            }
        }
        CliRun n = CliRun.runWithStdin(ng.toByteArray(), "analyze", "-");
        assertThat(n.out()).contains("capture stdin (pcapng", "GENUINE_PSEUDO_TLS", "(frame 5)");
        assertThat(n.exit()).as(n.all()).isZero();

        CliRun text = CliRun.runWithStdin(
                HardeningTest.SDP.getBytes(java.nio.charset.StandardCharsets.UTF_8), "analyze", "-");
        assertThat(text.out()).doesNotContain("capture stdin");
        assertThat(text.exit()).as(text.all()).isZero();
    }

    /** An Ethernet/IPv4/UDP frame (checksum zero: none). */
    static byte[] udp(byte[] src, int sport, byte[] dst, int dport, byte[] payload) {
        byte[] f = new byte[14 + 20 + 8 + payload.length];
        f[12] = 0x08;
        f[14] = 0x45;
        int total = 28 + payload.length;
        f[16] = (byte) (total >> 8);
        f[17] = (byte) total;
        f[22] = 64;
        f[23] = 17;
        System.arraycopy(src, 0, f, 26, 4);
        System.arraycopy(dst, 0, f, 30, 4);
        f[34] = (byte) (sport >> 8);
        f[35] = (byte) sport;
        f[36] = (byte) (dport >> 8);
        f[37] = (byte) dport;
        f[38] = (byte) ((8 + payload.length) >> 8);
        f[39] = (byte) (8 + payload.length);
        System.arraycopy(payload, 0, f, 42, payload.length);
        return f;
    }

    /**
     * SIP over UDP 5060 in a capture goes to the log reader: a BYE whose ms-client-diagnostics carry ICEWarn
     * 0x800000 is decoded as {@code analyze} decodes it in a log, and with no relay traffic it names the cause.
     */
    @Test
    void sipInTheCaptureIsReadByTheLogReader() throws IOException {
        String bye = "BYE sip:d@lab.example SIP/2.0\r\nCall-ID: c1\r\nCSeq: 2 BYE\r\nFrom: <sip:a@lab.example>;tag=a\r\n"
                + "To: <sip:d@lab.example>;tag=b\r\nms-client-diagnostics: 23;reason=\"media\";CallerMediaDebug="
                + "\"application-sharing:ICEWarn=0x800000,LocalMR=192.0.2.7:3478,LocalLocation=2,"
                + "RemoteLocation=1\"\r\nContent-Length: 0\r\n\r\n";
        Path p = dir.resolve("sip.pcap");
        try (OutputStream o = Files.newOutputStream(p); PcapWriter w = PcapWriter.create(o, PcapFormat.LINKTYPE_ETHERNET, false)) {
            byte[] frame = udp(CLIENT, 5060, RELAY, 5060, bye.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            w.write(1_700_000_000_000_000_000L, frame, frame.length);
        }
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", p.toString());
        assertThat(r.out()).contains("SIP IN THE CAPTURE", "0x800000");
        AnalyzeCommandTest.Run j = AnalyzeCommandTest.run("analyze", "--json", p.toString());
        JsonNode n = JsonMapper.builder().build().readTree(j.out());
        assertThat(n.get("signalling").get("schema").asString()).isEqualTo("mediapath.analyze/1");
        assertThat(n.get("signalling").get("rootCause").get("code").asString())
                .isEqualTo(n.get("rootCause").get("code").asString());
    }

    @Test
    void aCaptureCutShortIsJudgedUpToTheCut() throws IOException {
        Path f = capture("cut.pcap", true);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 10));
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", f.toString());
        assertThat(r.out()).contains("CAPTURE_TRUNCATED", "TRUNCATED");
        assertThat(r.exit()).isEqualTo(1);
    }
}
