package io.mediapath.diagnose.report;

import io.mediapath.capture.PcapFormat;
import io.mediapath.capture.PcapngWriter;
import io.mediapath.diagnose.playbook.EdgeReport;
import io.mediapath.diagnose.playbook.PlaybookEvent;
import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.ice.probe.WirePayload;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The probe traffic as the client saw it, as a pcapng file for Wireshark: the {@link WirePayload}s of a timeline,
 * in timeline order with their real times, wrapped in synthesized IPv4/IPv6 and UDP/TCP headers with the addresses
 * the sockets used. A TCP connection gets its handshake (SYN, SYN-ACK, ACK) where it opened, consistent sequence
 * numbers for every payload either way, and a FIN exchange after its last payload. The section comment says the
 * file was reconstructed from the probe's own sockets, and each packet's comment names the timeline event.
 *
 * <p>What the sockets did not see is not invented: no retransmissions below the socket, no segmentation (one write
 * or read is one packet). A connection's end is written where and as the timeline recorded it: the server's FIN
 * first when the server closed ({@code end: peer_closed} of a TLS probe, {@code connect.closed} of a TURN
 * connection), its RST when it reset, the client's FIN first when the probe ended the connection itself; a
 * connection whose end the timeline does not show gets the client's FIN after its last payload. A payload whose
 * bytes were capped ({@link WirePayload#truncated()}) is written as kept, and its comment says so.
 */
public final class PcapExport {
    /** The section comment: what this file is, and what it is not. */
    public static final String SECTION_COMMENT = "Reconstructed by mediapath from the probe's own sockets, not "
            + "captured on the wire: each packet is one socket write or read of the probe, with IP/TCP/UDP headers "
            + "synthesized around it (addresses, ports and times as the sockets used them; TCP handshake, sequence "
            + "numbers and FIN made consistent). Anything below the socket (retransmissions, segmentation, other "
            + "hosts' traffic) is not in it.";

    private static final int TCP_MAX_PAYLOAD = 65_535 - 60 - 20;
    private static final int FIN = 0x01;
    private static final int SYN = 0x02;
    private static final int RST = 0x04;
    private static final int PSH = 0x08;
    private static final int ACK = 0x10;

    private PcapExport() {
    }

    /**
     * One payload to write: when it moved (epoch nanoseconds), what moved, and the packet's comment.
     *
     * @param epochNanos when the socket moved it, nanoseconds since the epoch
     * @param wire       what moved
     * @param comment    the packet comment (the timeline event), never a secret
     */
    public record Payload(long epochNanos, WirePayload wire, String comment, Close close) {
        public Payload {
            Objects.requireNonNull(wire, "wire");
            Objects.requireNonNull(comment, "comment");
        }

        /** Bytes that moved (or, with no bytes, a connection that opened). */
        public Payload(long epochNanos, WirePayload wire, String comment) {
            this(epochNanos, wire, comment, null);
        }
    }

    /** How a TCP connection ended, as the timeline recorded it. */
    public enum Close {
        /** The probe closed first: the client's FIN, then the server's. */
        CLIENT_FIN,
        /** The server closed first: its FIN, then the client's. */
        SERVER_FIN,
        /** The server reset the connection: its RST, nothing after. */
        SERVER_RST
    }

    /**
     * How an event without bytes ended the connection it belongs to, or null when it is no end: a TLS probe's
     * {@code end} (peer closed, reset, or the probe's own ending) and a TURN connection's {@code connect.closed}
     * (recorded only while the probe still ran, so the server's doing).
     */
    static Close close(String kind, String detail) {
        if (kind.equals("connect.closed")) {
            return Close.SERVER_FIN;
        }
        if (!kind.equals("end")) {
            return null;
        }
        return detail.startsWith("peer_closed") ? Close.SERVER_FIN : detail.startsWith("reset") ? Close.SERVER_RST
                : Close.CLIENT_FIN;
    }

    /** The payload events of a probe's timeline whose offsets count from {@code start}. */
    public static List<Payload> of(Instant start, List<TimelineEvent> timeline) {
        long t0 = epochNanos(start);
        List<Payload> out = new ArrayList<>();
        WirePayload lastTcp = null;
        for (TimelineEvent e : timeline) {
            WirePayload w = e.payload().orElse(null);
            if (w != null) {
                out.add(new Payload(t0 + e.offsetNanos(), w, e.kind() + ": " + e.detail()));
                lastTcp = w.transport() == WirePayload.Transport.TCP ? w : lastTcp;
            } else if (lastTcp != null && close(e.kind(), e.detail()) != null) {
                // the end belongs to the connection the timeline last moved bytes on
                out.add(new Payload(t0 + e.offsetNanos(), lastTcp, e.kind() + ": " + e.detail(),
                        close(e.kind(), e.detail())));
                lastTcp = null;
            }
        }
        return out;
    }

    /** The payload events of an edge run that started at {@code start}, every leg on the run's clock. */
    public static List<Payload> of(Instant start, EdgeReport report) {
        long t0 = epochNanos(start);
        List<Payload> out = new ArrayList<>();
        Map<String, WirePayload> lastTcp = new HashMap<>(); // per leg: the connection an end belongs to
        for (PlaybookEvent e : report.timeline()) {
            WirePayload w = e.payload().orElse(null);
            String comment = e.leg() + " " + e.kind() + ": " + e.detail();
            if (w != null) {
                out.add(new Payload(t0 + e.offsetNanos(), w, comment));
                if (w.transport() == WirePayload.Transport.TCP) {
                    lastTcp.put(e.leg(), w);
                }
            } else if (lastTcp.containsKey(e.leg()) && close(e.kind(), e.detail()) != null) {
                out.add(new Payload(t0 + e.offsetNanos(), lastTcp.remove(e.leg()), comment,
                        close(e.kind(), e.detail())));
            }
        }
        return out;
    }

    /**
     * Writes {@code payloads} (in time order; equal times keep their order) as pcapng to {@code out}, and returns
     * how many packets carry a payload (the connection packets not counted). Payloads without a remote endpoint
     * cannot be placed and are left out.
     */
    public static int write(OutputStream out, List<Payload> payloads, String application) throws IOException {
        List<Payload> sorted = new ArrayList<>(payloads);
        sorted.sort(Comparator.comparingLong(Payload::epochNanos)); // stable: equal times keep timeline order
        List<Packet> packets = new ArrayList<>();
        Map<String, TcpFlow> flows = new HashMap<>();
        List<TcpFlow> order = new ArrayList<>();
        Ipv4Ids ids = new Ipv4Ids();
        int withPayload = 0;
        for (Payload p : sorted) {
            WirePayload w = p.wire();
            if (w.remote() == null || w.remote().getAddress() == null) {
                continue;
            }
            InetSocketAddress local = local(w);
            boolean sent = w.direction() == WirePayload.Direction.SENT;
            byte[] data = w.bytes();
            String comment = p.comment() + (w.truncated() ? " (" + w.length() + " bytes moved, the first "
                    + data.length + " kept)" : "");
            if (w.transport() == WirePayload.Transport.UDP) {
                InetSocketAddress src = sent ? local : w.remote();
                InetSocketAddress dst = sent ? w.remote() : local;
                packets.add(new Packet(p.epochNanos(), ip(src, dst, 17, udp(src, dst, data), ids), comment));
                withPayload++;
                continue;
            }
            String key = local + ">" + w.remote();
            TcpFlow f = flows.get(key);
            if (p.close() != null) {
                if (f != null && !f.closed) {
                    f.close(p.epochNanos(), p.close(), p.comment(), packets, ids);
                }
                continue;
            }
            if (f == null) {
                f = new TcpFlow(local, w.remote(), key.hashCode());
                flows.put(key, f);
                order.add(f);
                f.open(p.epochNanos(), packets, ids);
            }
            f.last = p.epochNanos();
            if (data.length == 0) {
                continue; // the connection opening itself: its handshake is written
            }
            for (int off = 0; off < data.length; off += TCP_MAX_PAYLOAD) {
                byte[] chunk = java.util.Arrays.copyOfRange(data, off, Math.min(data.length, off + TCP_MAX_PAYLOAD));
                packets.add(f.segment(p.epochNanos(), sent, PSH | ACK, chunk, off == 0 ? comment : null, ids));
            }
            withPayload++;
        }
        for (TcpFlow f : order) {
            if (!f.closed) {
                f.close(f.last, Close.CLIENT_FIN, null, packets, ids);
            }
        }
        packets.sort(Comparator.comparingLong(Packet::epochNanos));
        PcapngWriter pw = PcapngWriter.create(out, PcapFormat.LINKTYPE_RAW, SECTION_COMMENT, application);
        for (Packet k : packets) {
            pw.write(k.epochNanos(), k.bytes(), k.comment());
        }
        pw.close();
        return withPayload;
    }

    private static long epochNanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    // The probe's own address; when a socket did not report it, an unspecified one of the peer's family.
    private static InetSocketAddress local(WirePayload w) {
        if (w.local() != null && w.local().getAddress() != null
                && w.local().getAddress().getClass() == w.remote().getAddress().getClass()) {
            return w.local();
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[w.remote().getAddress() instanceof Inet6Address
                    ? 16 : 4]), w.local() == null ? 0 : w.local().getPort());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Packet(long epochNanos, byte[] bytes, String comment) {
    }

    /** One TCP connection: the client's and the server's next sequence numbers. */
    private static final class TcpFlow {
        final InetSocketAddress client;
        final InetSocketAddress server;
        long clientSeq;
        long serverSeq;
        long last;
        boolean closed;

        TcpFlow(InetSocketAddress client, InetSocketAddress server, int seed) {
            this.client = client;
            this.server = server;
            // Fixed initial sequence numbers derived from the endpoints: the same probe gives the same file.
            this.clientSeq = (seed * 2654435761L) & 0xFFFFFFFFL;
            this.serverSeq = (~seed * 40503L) & 0xFFFFFFFFL;
        }

        void open(long t, List<Packet> packets, Ipv4Ids ids) {
            packets.add(raw(t, true, SYN, 0, new byte[0], ids));
            clientSeq++;
            packets.add(raw(t, false, SYN | ACK, clientSeq, new byte[0], ids));
            serverSeq++;
            packets.add(raw(t, true, ACK, serverSeq, new byte[0], ids));
        }

        Packet segment(long t, boolean fromClient, int flags, byte[] data, String comment, Ipv4Ids ids) {
            Packet p = new Packet(t, tcpPacket(fromClient, flags, fromClient ? serverSeq : clientSeq, data, ids),
                    comment);
            if (fromClient) {
                clientSeq = (clientSeq + data.length) & 0xFFFFFFFFL;
            } else {
                serverSeq = (serverSeq + data.length) & 0xFFFFFFFFL;
            }
            return p;
        }

        /** The end at {@code t}: the closer's FIN, the other's FIN, the last ACK; or the server's RST alone. */
        void close(long t, Close how, String comment, List<Packet> packets, Ipv4Ids ids) {
            closed = true;
            if (how == Close.SERVER_RST) {
                packets.add(new Packet(t, tcpPacket(false, RST | ACK, clientSeq, new byte[0], ids), comment));
                return;
            }
            boolean client = how == Close.CLIENT_FIN;
            packets.add(new Packet(t, tcpPacket(client, FIN | ACK, client ? serverSeq : clientSeq, new byte[0], ids),
                    comment));
            advance(client);
            packets.add(raw(t, !client, FIN | ACK, client ? clientSeq : serverSeq, new byte[0], ids));
            advance(!client);
            packets.add(raw(t, client, ACK, client ? serverSeq : clientSeq, new byte[0], ids));
        }

        private void advance(boolean client) {
            if (client) {
                clientSeq = (clientSeq + 1) & 0xFFFFFFFFL;
            } else {
                serverSeq = (serverSeq + 1) & 0xFFFFFFFFL;
            }
        }

        private Packet raw(long t, boolean fromClient, int flags, long ack, byte[] data, Ipv4Ids ids) {
            return new Packet(t, tcpPacket(fromClient, flags, ack, data, ids), null);
        }

        private byte[] tcpPacket(boolean fromClient, int flags, long ack, byte[] data, Ipv4Ids ids) {
            InetSocketAddress src = fromClient ? client : server;
            InetSocketAddress dst = fromClient ? server : client;
            long seq = fromClient ? clientSeq : serverSeq;
            byte[] t = new byte[20 + data.length];
            be16(t, 0, src.getPort());
            be16(t, 2, dst.getPort());
            be32(t, 4, seq);
            be32(t, 8, (flags & ACK) != 0 ? ack : 0);
            t[12] = 0x50; // data offset 5 words, no options
            t[13] = (byte) flags;
            be16(t, 14, 65_535);
            System.arraycopy(data, 0, t, 20, data.length);
            be16(t, 16, transportChecksum(src.getAddress(), dst.getAddress(), 6, t));
            return ip(src, dst, 6, t, ids);
        }
    }

    /** IPv4 identification numbers, one counter per file. */
    private static final class Ipv4Ids {
        int next = 1;
    }

    private static byte[] udp(InetSocketAddress src, InetSocketAddress dst, byte[] data) {
        byte[] u = new byte[8 + Math.min(data.length, 65_535 - 48 - 8)];
        be16(u, 0, src.getPort());
        be16(u, 2, dst.getPort());
        be16(u, 4, u.length);
        System.arraycopy(data, 0, u, 8, u.length - 8);
        int c = transportChecksum(src.getAddress(), dst.getAddress(), 17, u);
        be16(u, 6, c == 0 ? 0xFFFF : c);
        return u;
    }

    private static byte[] ip(InetSocketAddress src, InetSocketAddress dst, int protocol, byte[] payload, Ipv4Ids ids) {
        if (src.getAddress() instanceof Inet4Address) {
            byte[] p = new byte[20 + payload.length];
            p[0] = 0x45;
            be16(p, 2, p.length);
            be16(p, 4, ids.next++ & 0xFFFF);
            p[6] = 0x40; // don't fragment
            p[8] = 64;
            p[9] = (byte) protocol;
            System.arraycopy(src.getAddress().getAddress(), 0, p, 12, 4);
            System.arraycopy(dst.getAddress().getAddress(), 0, p, 16, 4);
            be16(p, 10, ~fold(sum(p, 0, 20, 0L)) & 0xFFFF);
            System.arraycopy(payload, 0, p, 20, payload.length);
            return p;
        }
        byte[] p = new byte[40 + payload.length];
        p[0] = 0x60;
        be16(p, 4, payload.length);
        p[6] = (byte) protocol;
        p[7] = 64;
        System.arraycopy(src.getAddress().getAddress(), 0, p, 8, 16);
        System.arraycopy(dst.getAddress().getAddress(), 0, p, 24, 16);
        System.arraycopy(payload, 0, p, 40, payload.length);
        return p;
    }

    // The TCP/UDP checksum over the pseudo-header and the segment (RFC 793, RFC 768, RFC 8200 §8.1).
    private static int transportChecksum(InetAddress src, InetAddress dst, int protocol, byte[] segment) {
        byte[] s = src.getAddress();
        byte[] d = dst.getAddress();
        long acc = sum(s, 0, s.length, 0L);
        acc = sum(d, 0, d.length, acc);
        acc += protocol + segment.length;
        acc = sum(segment, 0, segment.length, acc);
        return ~fold(acc) & 0xFFFF;
    }

    private static long sum(byte[] b, int off, int len, long acc) {
        int i = off;
        for (; i + 1 < off + len; i += 2) {
            acc += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        if (i < off + len) {
            acc += (b[i] & 0xFF) << 8;
        }
        return acc;
    }

    private static int fold(long acc) {
        while ((acc >>> 16) != 0) {
            acc = (acc & 0xFFFF) + (acc >>> 16);
        }
        return (int) acc;
    }

    private static void be16(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 8);
        b[p + 1] = (byte) v;
    }

    private static void be32(byte[] b, int p, long v) {
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
    }
}
