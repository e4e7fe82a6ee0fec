package io.mediapath.diagnose.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.capture.CaptureReader;
import io.mediapath.capture.Flow;
import io.mediapath.capture.FlowTable;
import io.mediapath.capture.TcpFlow;
import io.mediapath.capture.UdpFlow;
import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.ice.probe.WirePayload;
import io.mediapath.ice.probe.WirePayload.Direction;
import io.mediapath.ice.probe.WirePayload.Transport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PcapExport} read back by the capture module's own reader: the same flows, endpoints, payloads, times and a
 * clean TCP stream (no gap, no retransmission) come out of the file that went in. tshark reads these files in
 * {@code PcapExportIT}.
 */
class PcapExportTest {
    static final InetSocketAddress CLIENT4 = addr("192.0.2.10", 50_123);
    static final InetSocketAddress EDGE4 = addr("198.51.100.7", 443);
    static final InetSocketAddress CLIENT6 = addr("2001:db8::10", 50_124);
    static final InetSocketAddress EDGE6 = addr("2001:db8::7", 3478);

    static InetSocketAddress addr(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static WirePayload wire(Direction d, Transport t, InetSocketAddress local, InetSocketAddress remote, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return new WirePayload(d, t, local, remote, b.length, b);
    }

    @Test
    void tcpAndUdpOverBothFamiliesComeBackAsTheyWent() throws Exception {
        List<TimelineEvent> tl = List.of(
                new TimelineEvent(1_000, "connect.start", "no bytes"),
                new TimelineEvent(2_000, "connect.done", "", wire(Direction.SENT, Transport.TCP, CLIENT4, EDGE4, "")),
                new TimelineEvent(3_000, "bytes.sent", "", wire(Direction.SENT, Transport.TCP, CLIENT4, EDGE4, "hello")),
                new TimelineEvent(4_000, "bytes.sent", "", wire(Direction.SENT, Transport.UDP, CLIENT6, EDGE6, "ping")),
                new TimelineEvent(5_000, "bytes.received", "", wire(Direction.RECEIVED, Transport.TCP, CLIENT4, EDGE4,
                        "answer, part 1;")),
                new TimelineEvent(6_000, "bytes.received", "", wire(Direction.RECEIVED, Transport.TCP, CLIENT4, EDGE4,
                        " part 2")),
                new TimelineEvent(7_000, "bytes.received", "", wire(Direction.RECEIVED, Transport.UDP, CLIENT6, EDGE6,
                        "pong")));
        Instant start = Instant.parse("2026-12-03T16:00:00Z");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(PcapExport.write(out, PcapExport.of(start, tl), "test")).isEqualTo(5);

        List<Flow> flows = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(new ByteArrayInputStream(out.toByteArray()))) {
            FlowTable.scan(r, FlowTable.builder(), flows::add);
            assertThat(r.frames()).as("3 handshake + 3 TCP data + 2 UDP + 3 closing").isEqualTo(11);
        }
        TcpFlow tcp = flows.stream().filter(f -> f instanceof TcpFlow).map(f -> (TcpFlow) f).findFirst().orElseThrow();
        assertThat(tcp.client().ip()).isEqualTo("192.0.2.10");
        assertThat(tcp.client().port()).isEqualTo(50_123);
        assertThat(tcp.server().port()).isEqualTo(443);
        assertThat(tcp.synFrame()).isEqualTo(1);
        assertThat(tcp.synNanos()).isEqualTo(start.getEpochSecond() * 1_000_000_000L + 2_000);
        assertThat(new String(tcp.toServer().head(), StandardCharsets.ISO_8859_1)).isEqualTo("hello");
        assertThat(new String(tcp.toClient().head(), StandardCharsets.ISO_8859_1)).isEqualTo("answer, part 1; part 2");
        assertThat(tcp.toServer().gaps()).isEmpty();
        assertThat(tcp.toClient().gaps()).isEmpty();
        assertThat(tcp.toServer().retransmissions() + tcp.toClient().retransmissions()).isZero();
        assertThat(tcp.toServer().finFrame()).isPositive();
        assertThat(tcp.toClient().finFrame()).isGreaterThan(tcp.toServer().finFrame());

        UdpFlow udp = flows.stream().filter(f -> f instanceof UdpFlow).map(f -> (UdpFlow) f).findFirst().orElseThrow();
        assertThat(udp.client().ip()).isEqualTo("2001:db8::10");
        assertThat(udp.server().port()).isEqualTo(3478);
        assertThat(udp.datagrams()).extracting(d -> new String(d.payload(), StandardCharsets.ISO_8859_1))
                .containsExactly("ping", "pong");
        assertThat(udp.datagrams()).extracting(d -> d.fromClient()).containsExactly(true, false);
    }

    @Test
    void aPayloadWithoutTheRemoteEndpointIsLeftOutAndAnEmptyTimelineIsAnEmptyCapture() throws Exception {
        List<TimelineEvent> tl = List.of(new TimelineEvent(1, "bytes.sent", "",
                new WirePayload(Direction.SENT, Transport.UDP, CLIENT4, null, 1, new byte[] {1})));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(PcapExport.write(out, PcapExport.of(Instant.EPOCH, tl), "test")).isZero();
        try (CaptureReader r = CaptureReader.open(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(r.next()).isNull();
        }
    }

    private static TcpFlow ended(TimelineEvent end) throws Exception {
        List<TimelineEvent> tl = new ArrayList<>(List.of(
                new TimelineEvent(2_000, "connect.done", "", wire(Direction.SENT, Transport.TCP, CLIENT4, EDGE4, "")),
                new TimelineEvent(3_000, "hello.sent", "", wire(Direction.SENT, Transport.TCP, CLIENT4, EDGE4, "hello")),
                new TimelineEvent(5_000, "bytes.received", "", wire(Direction.RECEIVED, Transport.TCP, CLIENT4, EDGE4,
                        "answer"))));
        tl.add(end);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(PcapExport.write(out, PcapExport.of(Instant.EPOCH, tl), "test")).as("the end is no payload")
                .isEqualTo(2);
        List<Flow> flows = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(new ByteArrayInputStream(out.toByteArray()))) {
            FlowTable.scan(r, FlowTable.builder(), flows::add);
        }
        TcpFlow tcp = (TcpFlow) flows.get(0);
        assertThat(tcp.toServer().gaps()).isEmpty();
        assertThat(tcp.toClient().gaps()).isEmpty();
        return tcp;
    }

    @Test
    void theEndIsWrittenAsTheTimelineRecordedIt() throws Exception {
        TcpFlow serverFirst = ended(new TimelineEvent(9_000, "end", "peer_closed"));
        assertThat(serverFirst.toClient().finFrame()).as("the server's FIN").isPositive()
                .isLessThan(serverFirst.toServer().finFrame());
        assertThat(serverFirst.toClient().finNanos()).isEqualTo(9_000);

        TcpFlow turn = ended(new TimelineEvent(8_000, "connect.closed", "198.51.100.7:443"));
        assertThat(turn.toClient().finFrame()).isPositive().isLessThan(turn.toServer().finFrame());

        TcpFlow reset = ended(new TimelineEvent(9_000, "end", "reset: Connection reset by peer"));
        assertThat(reset.toClient().rstFrame()).as("the server's RST").isPositive();
        assertThat(reset.toClient().finFrame()).isZero();
        assertThat(reset.toServer().finFrame()).isZero();

        TcpFlow clientFirst = ended(new TimelineEvent(9_000, "end", "complete"));
        assertThat(clientFirst.toServer().finFrame()).isPositive().isLessThan(clientFirst.toClient().finFrame());
    }
}
