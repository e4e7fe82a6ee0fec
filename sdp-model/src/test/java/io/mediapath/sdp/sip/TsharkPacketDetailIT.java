package io.mediapath.sdp.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.sdp.SessionDescription;
import io.mediapath.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Wireshark: SIP messages from our Lync samples are written into a capture file, dissected by {@code tshark -V}
 * (packet-detail text, the form people paste from Wireshark), and the scanner must give back the same messages:
 * start line, every header, and an SDP body equal line for line — also inside a multipart/alternative body.
 */
class TsharkPacketDetailIT {

    @TempDir
    Path dir;

    @Test
    void rebuildsAResponseWithDiagnosticsAndItsSdpFromPacketDetail() throws Exception {
        String original = crlf(TestData.sample("lync/lync-200ok-with-ms-client-diagnostics.sip.txt"));
        SipMessage expected = SipMessage.parse(original);

        LogScanner.Result r = scanDissection(List.of(original));

        assertThat(r.messages()).hasSize(1);
        SipMessage m = r.messages().get(0);
        assertThat(m.startLine()).isEqualTo(expected.startLine());
        assertThat(m.callId()).isEqualTo(expected.callId());
        // Wireshark prints this 600-character header cut short, marked "[truncated]": what is left is a prefix of the
        // real value (still carrying the ICEWarn), and the scan says the value is incomplete
        String full = expected.header("ms-client-diagnostics").orElseThrow();
        String cut = m.header("ms-client-diagnostics").orElseThrow();
        assertThat(full).startsWith(cut).contains("ICEWarn=0x80000,");
        assertThat(cut).contains("ICEWarn=0x80000,").hasSizeLessThan(full.length());
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ScanProblem.Kind.TRUNCATED_BY_DISSECTOR);
            assertThat(p.detail()).contains("1 field(s)");
        });
        assertThat(m.headers().stream().map(SipHeader::name).toList())
                .isEqualTo(expected.headers().stream().map(SipHeader::name).toList());
        assertThat(m.body()).isEqualTo(expected.body());
        assertThat(SessionDescription.parse(m.body())).isEqualTo(SessionDescription.parse(expected.body()));
        assertThat(m.firstLine()).as("mapped to the dump line of Status-Line").isGreaterThan(1);
    }

    @Test
    void rebuildsTheTwoPartLyncOfferFromAMultipartDissection() throws Exception {
        String body = crlf(TestData.sample("lync/lync-invite-multipart-body.txt"));
        String boundary = body.substring(2, body.indexOf("\r\n"));
        String invite = "INVITE sip:test2@lync.loc SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-mp-1\r\n"
                + "From: <sip:test4@lync.loc>;tag=1\r\n"
                + "To: <sip:test2@lync.loc>\r\n"
                + "Call-ID: multipart-detail-1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Content-Type: multipart/alternative;boundary=\"" + boundary + "\"\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        SipMessage expected = SipMessage.parse(invite);
        String bye = "BYE sip:test2@lync.loc SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-mp-2\r\n"
                + "From: <sip:test4@lync.loc>;tag=1\r\nTo: <sip:test2@lync.loc>;tag=2\r\nCall-ID: multipart-detail-1\r\n"
                + "CSeq: 2 BYE\r\nms-client-diagnostics: 52001;reason=\"Call failed\";ICEWarn=0x800000\r\n"
                + "Content-Length: 0\r\n\r\n";

        LogScanner.Result r = scanDissection(List.of(invite, bye));
        assertThat(r.problems()).isEmpty();
        List<SipMessage> found = r.messages();

        assertThat(found).extracting(SipMessage::method).containsExactly("INVITE", "BYE");
        List<BodyPart> parts = found.get(0).sdpBodies();
        List<BodyPart> want = expected.sdpBodies();
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).isMsProxy2007Fallback()).isTrue();
        assertThat(parts.get(1).isMsProxy2007Fallback()).isFalse();
        for (int i = 0; i < 2; i++) {
            assertThat(SessionDescription.parse(parts.get(i).body())).isEqualTo(SessionDescription.parse(want.get(i).body()));
        }
        // Every SDP line maps to the dump line Wireshark printed it on (not a fixed offset: the dissection interleaves
        // field names and headers), which is where a finding's evidence must point.
        List<String> dump = Files.readAllLines(dir.resolve("detail.txt"));
        for (BodyPart part : parts) {
            List<String> sdpLines = part.lines();
            for (int i = 0; i < sdpLines.size(); i++) {
                String l = sdpLines.get(i);
                if (l.length() < 3 || l.charAt(1) != '=') {
                    continue;
                }
                String value = l.substring(2).strip();
                String printed = dump.get(part.sourceLine(i) - 1);
                assertThat(printed).as("SDP line %d (%s) at dump line %d", i + 1, l, part.sourceLine(i))
                        .contains(value.length() > 40 ? value.substring(0, 40) : value);
            }
        }
        assertThat(found.get(1).header("ms-client-diagnostics")).contains("52001;reason=\"Call failed\";ICEWarn=0x800000");
        assertThat(Dialogs.correlate(found)).singleElement().satisfies(d -> {
            assertThat(d.invite()).isPresent();
            assertThat(d.bye()).isPresent();
        });
    }

    private LogScanner.Result scanDissection(List<String> messages) throws Exception {
        Path pcap = dir.resolve("sip.pcap");
        Files.write(pcap, pcap(messages));
        Path out = dir.resolve("detail.txt");
        Process p = new ProcessBuilder(tshark(), "-n", "-r", pcap.toString(), "-V")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("tshark finished within 60 s").isTrue();
        assertThat(p.exitValue()).as("tshark exit status; output:%n%s", Files.readString(out)).isZero();
        assertThat(Files.readString(out)).contains("Session Initiation Protocol (");
        return LogScanner.create("detail.txt").scanAll(out);
    }

    private static String tshark() {
        for (String d : List.of("/usr/bin", "/usr/local/bin", "/usr/sbin")) {
            if (Files.isExecutable(Path.of(d, "tshark"))) {
                return Path.of(d, "tshark").toString();
            }
        }
        throw new IllegalStateException("tshark is not installed; run: apt-get install -y tshark");
    }

    private static String crlf(String s) {
        return s.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /** A classic pcap file: one Ethernet/IPv4/UDP frame (5060 → 5060, documentation addresses) per message. */
    private static byte[] pcap(List<String> messages) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
        out.write(h.array());
        int ts = 1_700_000_000;
        for (String m : messages) {
            byte[] payload = m.getBytes(StandardCharsets.UTF_8);
            ByteBuffer f = ByteBuffer.allocate(14 + 20 + 8 + payload.length);
            f.put(new byte[12]).putShort((short) 0x0800);
            f.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 8 + payload.length)).putShort((short) 1)
                    .putShort((short) 0).put((byte) 64).put((byte) 17).putShort((short) 0)
                    .put(new byte[] {(byte) 192, 0, 2, 10}).put(new byte[] {(byte) 192, 0, 2, 20});
            f.putShort((short) 5060).putShort((short) 5060).putShort((short) (8 + payload.length)).putShort((short) 0);
            f.put(payload);
            ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            rec.putInt(ts++).putInt(0).putInt(f.capacity()).putInt(f.capacity());
            out.write(rec.array());
            out.write(f.array());
        }
        return out.toByteArray();
    }
}
