package io.mediapath.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.peers.Tcpdump;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader checked against tshark on captures of real traffic: tcpdump (started and stopped by PID, filtered on
 * this test's ephemeral ports) records TCP over IPv4 and IPv6 and UDP exchanges on loopback; a test helper
 * ({@link Rewrite}) turns that clean capture into pcapng (editcap), reordered, retransmitted, lost-segment,
 * relinked (raw IP, Linux cooked v1/v2, BSD null), VLAN-tagged and fragmented variants. For each, the frame count,
 * per-direction frames of every TCP and UDP conversation ({@code -z conv}), the reassembled bytes of every TCP
 * stream ({@code -z follow,tcp,raw}), the frames carrying TCP data, retransmissions and lost segments, and the UDP
 * payload lengths per frame agree with tshark's.
 */
class CaptureTsharkIT {

    @TempDir
    static Path dir;
    static Path clean;
    static int tcpPort;

    @BeforeAll
    static void record() throws Exception {
        try (ServerSocket v4 = new ServerSocket(0, 4, InetAddress.getByName("127.0.0.1"));
                ServerSocket v6 = new ServerSocket(0, 4, InetAddress.getByName("::1"));
                DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            tcpPort = v4.getLocalPort();
            clean = dir.resolve("clean.pcap");
            String filter = "port " + v4.getLocalPort() + " or port " + v6.getLocalPort() + " or port " + udp.getLocalPort();
            try (Tcpdump t = Tcpdump.start("lo", clean, filter)) {
                tcp(v4, new int[] {50, 20}, new int[] {83, 3000, 500});
                tcp(v6, new int[] {50}, new int[] {83, 700});
                udpExchange(udp);
            }
        }
        assertThat(Files.size(clean)).isGreaterThan(24);
    }

    private static void tcp(ServerSocket server, int[] clientWrites, int[] serverWrites) throws Exception {
        int expect = Arrays.stream(clientWrites).sum();
        CompletableFuture<Void> s = CompletableFuture.runAsync(() -> {
            try (Socket c = server.accept()) {
                c.setTcpNoDelay(true);
                c.setSoTimeout(5000);
                c.getInputStream().readNBytes(expect);
                OutputStream o = c.getOutputStream();
                for (int n : serverWrites) {
                    o.write(filled(n, 's'));
                    o.flush();
                    Thread.sleep(30);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (Socket c = new Socket()) {
            c.setTcpNoDelay(true);
            c.setSoTimeout(5000);
            c.connect(server.getLocalSocketAddress(), 5000);
            OutputStream o = c.getOutputStream();
            for (int n : clientWrites) {
                o.write(filled(n, 'c'));
                o.flush();
                Thread.sleep(30);
            }
            InputStream in = c.getInputStream();
            in.readAllBytes();
        }
        s.get(10, TimeUnit.SECONDS);
    }

    private static void udpExchange(DatagramSocket server) throws Exception {
        try (DatagramSocket c = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            c.setSoTimeout(5000);
            server.setSoTimeout(5000);
            c.send(new DatagramPacket(filled(100, 'u'), 100, server.getLocalSocketAddress()));
            DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
            server.receive(p);
            server.send(new DatagramPacket(filled(3000, 'v'), 3000, p.getSocketAddress()));
            server.send(new DatagramPacket(filled(1200, 'w'), 1200, p.getSocketAddress()));
            c.receive(new DatagramPacket(new byte[4096], 4096));
            c.receive(new DatagramPacket(new byte[4096], 4096));
        }
    }

    private static byte[] filled(int n, char c) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (c + i % 7);
        }
        return b;
    }

    // ---- variants

    /** Frames of the clean capture: number, TCP source port, TCP payload length, UDP length. */
    private static List<String[]> cleanFields() {
        return Tshark.fields(clean, null, "frame.number", "tcp.srcport", "tcp.len", "udp.length", "tcp.dstport");
    }

    /** 1-based numbers of the clean capture's frames with TCP data sent by the IPv4 server, in order. */
    private static List<Integer> serverDataFrames() {
        List<Integer> out = new ArrayList<>();
        for (String[] r : cleanFields()) {
            if (r[1].equals(String.valueOf(tcpPort)) && !r[2].isEmpty() && Integer.parseInt(r[2]) > 0) {
                out.add(Integer.parseInt(r[0]));
            }
        }
        return out;
    }

    private static int udpFrame(int length) {
        for (String[] r : cleanFields()) {
            if (r[3].equals(String.valueOf(length + 8))) {
                return Integer.parseInt(r[0]);
            }
        }
        throw new AssertionError("no UDP datagram of " + length + " bytes in the capture");
    }

    private Path variant(String name, UnaryOperator<List<Rewrite.Raw>> op) throws IOException {
        Path f = dir.resolve(name + ".pcap");
        Rewrite.write(op.apply(Rewrite.read(clean)), f);
        return f;
    }

    @Test
    void clean() throws IOException {
        Summary s = agree(clean);
        assertThat(s.tcp).hasSize(2);
        assertThat(s.udp).hasSize(1);
        assertThat(s.gapFrames).isEmpty();
        assertThat(s.retransmissionFrames).isEmpty();
    }

    @Test
    void pcapng() throws IOException {
        Path ng = dir.resolve("clean.pcapng");
        Tshark.run("editcap", List.of("-F", "pcapng", clean.toString(), ng.toString()));
        try (CaptureReader r = CaptureReader.open(ng)) {
            assertThat(r.format()).isEqualTo(CaptureFormat.PCAPNG);
        }
        agree(ng);
    }

    @Test
    void reordered() throws IOException {
        List<Integer> d = serverDataFrames();
        Summary s = agree(variant("reordered", l -> Rewrite.swap(l, d.get(1), d.get(2))));
        assertThat(s.gapFrames).isEmpty();
    }

    @Test
    void retransmitted() throws IOException {
        List<Integer> d = serverDataFrames();
        Path f = variant("retransmitted", l -> Rewrite.duplicate(l, d.get(1), d.get(2)));
        Summary s = agree(f);
        List<Long> tshark = Tshark.fields(f, "tcp.analysis.retransmission", "frame.number").stream()
                .map(r -> Long.parseLong(r[0])).toList();
        assertThat(tshark).hasSize(1);
        assertThat(s.retransmissionFrames).containsExactlyElementsOf(tshark);
    }

    @Test
    void lostSegment() throws IOException {
        List<Integer> d = serverDataFrames();
        Path f = variant("lost", l -> Rewrite.drop(l, d.get(1)));
        Summary s = agree(f);
        List<Long> tshark = Tshark.fields(f, "tcp.analysis.lost_segment", "frame.number").stream()
                .map(r -> Long.parseLong(r[0])).toList();
        assertThat(tshark).isNotEmpty();
        assertThat(s.gapFrames).containsExactlyElementsOf(tshark);
    }

    @Test
    void otherLinkTypes() throws IOException {
        for (int link : new int[] {PcapFormat.LINKTYPE_RAW, PcapFormat.LINKTYPE_NULL, PcapFormat.LINKTYPE_LINUX_SLL,
                PcapFormat.LINKTYPE_LINUX_SLL2}) {
            Summary s = agree(variant("link" + link, l -> Rewrite.relink(l, link)));
            assertThat(s.tcp).as("link type %d", link).hasSize(2);
        }
        Summary s = agree(variant("vlan", Rewrite::vlan));
        assertThat(s.tcp).hasSize(2);
    }

    @Test
    void fragmented() throws IOException {
        int big = udpFrame(3000);
        Summary s = agree(variant("fragmented", l -> Rewrite.fragment(l, big, 1280, false)));
        assertThat(s.udpLengths.values()).contains(3000);
        Summary r = agree(variant("fragmented-reversed", l -> Rewrite.fragment(l, big, 1280, true)));
        assertThat(r.udpLengths.values()).contains(3000);
    }

    // ---- the comparison

    record Summary(List<TcpFlow> tcp, List<UdpFlow> udp, List<Long> retransmissionFrames, List<Long> gapFrames,
            Map<Long, Integer> udpLengths) {
    }

    private static String name(Endpoint e) {
        return e.ip() + ":" + e.port();
    }

    private static void same(TcpDirection d, Tshark.Followed f, String what) {
        assertThat(d.head()).as(what + ": bytes before the first hole").isEqualTo(f.beforeFirstHole());
        assertThat(d.streamBytes() - d.missingBytes()).as(what + ": bytes delivered").isEqualTo(f.delivered());
        assertThat(d.missingBytes()).as(what + ": bytes missing").isEqualTo(f.missing());
    }

    /** Reads {@code f} with the flow table and checks every figure against tshark; returns what was read. */
    static Summary agree(Path f) throws IOException {
        List<Flow> flows = new ArrayList<>();
        long frames;
        try (CaptureReader r = CaptureReader.open(f)) {
            FlowTable t = FlowTable.scan(r, FlowTable.builder().maxBytesPerDirection(1 << 20), flows::add);
            frames = t.count(FlowTable.Counter.FRAMES);
            assertThat(t.count(FlowTable.Counter.MALFORMED)).as("malformed frames in %s", f).isZero();
        }
        assertThat(frames).as("frames of %s", f).isEqualTo(Tshark.fields(f, null, "frame.number").size());
        List<TcpFlow> tcp = flows.stream().filter(TcpFlow.class::isInstance).map(TcpFlow.class::cast).toList();
        List<UdpFlow> udp = flows.stream().filter(UdpFlow.class::isInstance).map(UdpFlow.class::cast).toList();

        Map<String, Long> ours = new HashMap<>();
        for (TcpFlow t : tcp) {
            ours.put(name(t.client()) + " -> " + name(t.server()), t.toServer().packets());
            ours.put(name(t.server()) + " -> " + name(t.client()), t.toClient().packets());
        }
        assertThat(ours).as("TCP frames per direction in %s", f).isEqualTo(Tshark.conversations(f, "tcp"));
        Map<String, Long> oursUdp = new HashMap<>();
        for (UdpFlow u : udp) {
            oursUdp.put(name(u.client()) + " -> " + name(u.server()),
                    u.datagrams().stream().filter(Datagram::fromClient).count());
            oursUdp.put(name(u.server()) + " -> " + name(u.client()),
                    u.datagrams().stream().filter(d -> !d.fromClient()).count());
        }
        assertThat(oursUdp).as("UDP frames per direction in %s", f).isEqualTo(Tshark.conversations(f, "udp"));

        // Reassembled streams: tshark's follow stops at the first hole, like our head.
        int streams = Tshark.fields(f, "tcp", "tcp.stream").stream().mapToInt(r -> Integer.parseInt(r[0])).max()
                .orElse(-1) + 1;
        assertThat(tcp).hasSize(streams);
        Map<String, Tshark.Followed> followed = new HashMap<>();
        for (int i = 0; i < streams; i++) {
            Tshark.follow(f, i).forEach((node, bytes) -> followed.put(node.replace("[", "").replace("]", ""), bytes));
        }
        for (TcpFlow t : tcp) {
            same(t.toServer(), followed.get(name(t.client())), "client stream of " + t);
            same(t.toClient(), followed.get(name(t.server())), "server stream of " + t);
        }

        TreeSet<Long> dataFrames = new TreeSet<>();
        List<Long> retrans = new ArrayList<>();
        List<Long> gaps = new ArrayList<>();
        for (TcpFlow t : tcp) {
            for (TcpDirection d : List.of(t.toServer(), t.toClient())) {
                d.segments().forEach(s -> dataFrames.add(s.frame()));
                dataFrames.addAll(d.retransmissionFrames());
                retrans.addAll(d.retransmissionFrames());
                d.gaps().forEach(g -> gaps.add(g.frame()));
            }
        }
        TreeSet<Long> tsharkData = Tshark.fields(f, "tcp.len > 0", "frame.number").stream()
                .map(r -> Long.parseLong(r[0])).collect(Collectors.toCollection(TreeSet::new));
        assertThat(dataFrames).as("frames carrying TCP data in %s", f).isEqualTo(tsharkData);

        Map<Long, Integer> udpLengths = new HashMap<>();
        udp.forEach(u -> u.datagrams().forEach(d -> udpLengths.put(d.frame(), d.length())));
        Map<Long, Integer> tsharkUdp = new HashMap<>();
        Tshark.fields(f, "udp", "frame.number", "udp.length")
                .forEach(r -> tsharkUdp.put(Long.parseLong(r[0]), Integer.parseInt(r[1]) - 8));
        assertThat(udpLengths).as("UDP payload lengths per frame in %s", f).isEqualTo(tsharkUdp);
        retrans.sort(null);
        gaps.sort(null);
        return new Summary(tcp, udp, retrans, gaps, udpLengths);
    }
}
