package io.mediapath.capture;

import io.mediapath.capture.wire.DecodeStatus;
import io.mediapath.capture.wire.FragmentReassembler;
import io.mediapath.capture.wire.Packet;
import io.mediapath.capture.wire.PacketDecoder;
import io.mediapath.capture.wire.TcpReassembler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns a capture's frames into {@link Flow}s in bounded memory, handing each to a sink when it ends: on RST or
 * after both FINs (once it has been quiet for {@link Builder#closedLinger}), when idle longer than
 * {@link Builder#idleTimeout} (capture time), when crowded out by newer flows ({@link Builder#maxFlows},
 * {@link Builder#maxBufferedBytes}), or at {@link #finish()}. TCP flows are created by a SYN or by a segment with
 * data; pure ACKs of unknown connections are counted, not tracked.
 *
 * <p>Memory: at most {@code maxFlows} flows, each holding at most {@code maxBytesPerDirection} stream bytes per
 * direction plus a bounded out-of-order queue, and never more than {@code maxBufferedBytes} in all. Not thread-safe.
 */
public final class FlowTable {

    private final Builder cfg;
    private final Consumer<Flow> sink;
    private final PacketDecoder decoder;
    private final LinkedHashMap<Key, State> flows = new LinkedHashMap<>(1024, 0.75f, true);
    private long buffered;
    private long now;
    private final long[] counts = new long[Counter.values().length];

    /** What the table counted, for a report's footer. */
    public enum Counter {
        /** Frames given to {@link #accept}. */
        FRAMES,
        /** TCP or UDP packets tracked. */
        TRANSPORT,
        /** Frames that were not IP, or IP carrying neither TCP nor UDP. */
        OTHER,
        /** Frames of a link type the decoder does not know. */
        UNSUPPORTED_LINK,
        /** Frames whose headers were cut short or inconsistent. */
        MALFORMED,
        /** Fragments held for reassembly. */
        FRAGMENTS_HELD,
        /** TCP packets without data or SYN on no known connection. */
        STRAY_TCP,
        /** Flows handed to the sink. */
        FLOWS,
        /** Flows let go early because the table was full. */
        CROWDED_OUT
    }

    private FlowTable(Builder cfg, Consumer<Flow> sink) {
        this.cfg = cfg;
        this.sink = sink;
        this.decoder = new PacketDecoder(new FragmentReassembler(cfg.maxFragmentedDatagrams,
                FragmentReassembler.DEFAULT_TIMEOUT_NANOS));
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Reads every frame of {@code reader} into a table built by {@code builder}, then finishes it. */
    public static FlowTable scan(CaptureReader reader, Builder builder, Consumer<Flow> sink) throws IOException {
        FlowTable t = builder.build(sink);
        for (Frame f = reader.next(); f != null; f = reader.next()) {
            t.accept(f);
        }
        t.finish();
        return t;
    }

    /** A count. */
    public long count(Counter c) {
        return counts[c.ordinal()];
    }

    /** Flows open now. */
    public int openFlows() {
        return flows.size();
    }

    /** Stream and datagram bytes held now. */
    public long bufferedBytes() {
        return buffered;
    }

    /** Takes one frame. */
    public void accept(Frame f) {
        counts[Counter.FRAMES.ordinal()]++;
        if (f.epochNanos() > now) {
            now = f.epochNanos();
        }
        DecodeStatus s = decoder.decode(f.number(), f.epochNanos(), f.linkType(), f.data());
        switch (s) {
            case TRANSPORT -> {
                counts[Counter.TRANSPORT.ordinal()]++;
                Packet p = decoder.packet();
                if (p.protocol == Packet.TCP) {
                    tcp(p);
                } else {
                    udp(p);
                }
            }
            case FRAGMENT_HELD -> counts[Counter.FRAGMENTS_HELD.ordinal()]++;
            case OTHER -> counts[Counter.OTHER.ordinal()]++;
            case UNSUPPORTED_LINK -> counts[Counter.UNSUPPORTED_LINK.ordinal()]++;
            case MALFORMED -> counts[Counter.MALFORMED.ordinal()]++;
        }
        if ((counts[Counter.FRAMES.ordinal()] & 1023) == 0) {
            sweep();
        }
    }

    /** Hands every open flow to the sink (the capture ended). */
    public void finish() {
        for (State st : new ArrayList<>(flows.values())) {
            emit(st, st.ending != null ? st.ending : Flow.Ending.CAPTURE_ENDED);
        }
        flows.clear();
    }

    // ---- tracking

    private void tcp(Packet p) {
        Key k = new Key(p.src, p.srcPort, p.dst, p.dstPort, Packet.TCP);
        State st = flows.get(k);
        boolean syn = p.has(Packet.SYN) && !p.has(Packet.ACK);
        if (st != null && syn && st.ending != null) {
            emit(st, st.ending); // a new connection on a closed one's ports
            st = null;
        }
        if (st == null) {
            if (!p.has(Packet.SYN) && p.payloadLength == 0 && p.payloadMissing == 0) {
                counts[Counter.STRAY_TCP.ordinal()]++;
                return;
            }
            boolean fromClient = !(p.has(Packet.SYN) && p.has(Packet.ACK));
            st = open(k, p, fromClient);
        }
        st.last = p.epochNanos;
        boolean fromClient = st.fromClient(p);
        Dir d = fromClient ? st.c : st.s;
        d.packets++;
        if (p.has(Packet.SYN)) {
            if (fromClient && !p.has(Packet.ACK)) {
                if (st.synFrame == 0) {
                    st.synFrame = p.frame;
                    st.synNanos = p.epochNanos;
                } else if (st.synRetrans.size() < cfg.maxSegmentsPerDirection) {
                    st.synRetrans.add(p.frame);
                }
            } else if (!fromClient && st.synAckFrame == 0) {
                st.synAckFrame = p.frame;
                st.synAckNanos = p.epochNanos;
            }
            d.r.syn(p.seq);
        }
        int delta = d.r.add(p.frame, p.epochNanos, p.seq, p.payload, p.payloadOffset, p.payloadLength, p.payloadMissing);
        buffered += delta;
        if (p.has(Packet.FIN) && d.finFrame == 0) {
            d.finFrame = p.frame;
            d.finNanos = p.epochNanos;
        }
        if (p.has(Packet.RST) && d.rstFrame == 0) {
            d.rstFrame = p.frame;
            d.rstNanos = p.epochNanos;
        }
        if (st.ending == null) {
            if (p.has(Packet.RST)) {
                st.ending = Flow.Ending.RESET;
            } else if (st.c.finFrame != 0 && st.s.finFrame != 0) {
                st.ending = Flow.Ending.CLOSED;
            }
        }
        bound();
    }

    private void udp(Packet p) {
        Key k = new Key(p.src, p.srcPort, p.dst, p.dstPort, Packet.UDP);
        State st = flows.get(k);
        if (st == null) {
            st = open(k, p, true);
        }
        st.last = p.epochNanos;
        boolean fromClient = st.fromClient(p);
        st.datagramCount++;
        if (st.datagrams.size() < cfg.maxDatagramsPerFlow) {
            int keep = Math.min(p.payloadLength, cfg.maxBytesPerDatagram);
            byte[] b = Arrays.copyOfRange(p.payload, p.payloadOffset, p.payloadOffset + keep);
            st.datagrams.add(new Datagram(p.frame, p.epochNanos, fromClient, b, p.payloadLength + p.payloadMissing));
            st.udpBytes += keep;
            buffered += keep;
        }
        bound();
    }

    private State open(Key k, Packet p, boolean senderIsClient) {
        Endpoint a = new Endpoint(p.src, p.srcPort);
        Endpoint b = new Endpoint(p.dst, p.dstPort);
        State st = new State(senderIsClient ? a : b, senderIsClient ? b : a, p.frame, p.epochNanos, p.protocol, cfg);
        flows.put(k, st);
        return st;
    }

    private void bound() {
        // Idle flows first: the access order puts the least recently active at the head.
        Iterator<State> it = flows.values().iterator();
        while (it.hasNext()) {
            State st = it.next();
            if (now - st.last <= cfg.idleNanos) {
                break;
            }
            it.remove();
            emit(st, st.ending != null ? st.ending : Flow.Ending.IDLE);
        }
        while (flows.size() > cfg.maxFlows || (buffered > cfg.maxBufferedBytes && flows.size() > 1)) {
            it = flows.values().iterator();
            State st = it.next();
            it.remove();
            counts[Counter.CROWDED_OUT.ordinal()]++;
            emit(st, st.ending != null ? st.ending : Flow.Ending.CROWDED_OUT);
        }
    }

    private void sweep() {
        Iterator<State> it = flows.values().iterator();
        while (it.hasNext()) {
            State st = it.next();
            if (st.ending != null && now - st.last > cfg.lingerNanos) {
                it.remove();
                emit(st, st.ending);
            }
        }
    }

    private void emit(State st, Flow.Ending ending) {
        counts[Counter.FLOWS.ordinal()]++;
        Flow f;
        if (st.protocol == Packet.TCP) {
            buffered += st.c.r.finish() + st.s.r.finish();
            f = new TcpFlow(st.client, st.server, st.firstFrame, st.firstNanos, st.last, st.synFrame, st.synNanos,
                    st.synRetrans, st.synAckFrame, st.synAckNanos, st.c.snapshot(), st.s.snapshot(), ending);
            buffered -= st.c.r.memory() + st.s.r.memory();
        } else {
            f = new UdpFlow(st.client, st.server, st.firstFrame, st.firstNanos, st.last, st.datagrams,
                    st.datagramCount, ending);
            buffered -= st.udpBytes;
        }
        sink.accept(f);
    }

    // ---- state

    private static final class Key {
        final byte[] a;
        final byte[] b;
        final int pa;
        final int pb;
        final int proto;
        final int hash;

        Key(byte[] src, int sp, byte[] dst, int dp, int proto) {
            // Canonical order, so both directions find the same flow.
            int c = Arrays.compare(src, dst);
            boolean swap = c > 0 || (c == 0 && sp > dp);
            this.a = swap ? dst : src;
            this.b = swap ? src : dst;
            this.pa = swap ? dp : sp;
            this.pb = swap ? sp : dp;
            this.proto = proto;
            this.hash = ((Arrays.hashCode(a) * 31 + Arrays.hashCode(b)) * 31 + (pa << 16 | pb)) * 31 + proto;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.pa == pa && k.pb == pb && k.proto == proto
                    && Arrays.equals(k.a, a) && Arrays.equals(k.b, b);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static final class Dir {
        final TcpReassembler r;
        long packets;
        long finFrame;
        long finNanos;
        long rstFrame;
        long rstNanos;

        Dir(Builder cfg) {
            r = new TcpReassembler(cfg.maxBytesPerDirection, cfg.maxSegmentsPerDirection, cfg.maxOutOfOrderSegments,
                    cfg.maxOutOfOrderBytes);
        }

        TcpDirection snapshot() {
            List<Segment> segs = new ArrayList<>(r.segments().size());
            r.segments().forEach(s -> segs.add(new Segment(s.frame(), s.epochNanos(), s.offset(), s.length())));
            List<Gap> gaps = new ArrayList<>(r.gaps().size());
            r.gaps().forEach(g -> gaps.add(new Gap(g.offset(), g.length(), g.frame())));
            return new TcpDirection(r.head(), r.streamBytes(), r.missingBytes(), segs, r.segmentCount(), gaps,
                    r.retransmissionFrames(), r.retransmissions(), packets, finFrame, finNanos, rstFrame, rstNanos);
        }
    }

    private static final class State {
        final Endpoint client;
        final Endpoint server;
        final long firstFrame;
        final long firstNanos;
        final int protocol;
        long last;
        Flow.Ending ending;
        // TCP
        Dir c;
        Dir s;
        long synFrame;
        long synNanos;
        final List<Long> synRetrans = new ArrayList<>();
        long synAckFrame;
        long synAckNanos;
        // UDP
        final List<Datagram> datagrams = new ArrayList<>();
        long datagramCount;
        long udpBytes;

        State(Endpoint client, Endpoint server, long firstFrame, long firstNanos, int protocol, Builder cfg) {
            this.client = client;
            this.server = server;
            this.firstFrame = firstFrame;
            this.firstNanos = firstNanos;
            this.protocol = protocol;
            this.last = firstNanos;
            if (protocol == Packet.TCP) {
                c = new Dir(cfg);
                s = new Dir(cfg);
            }
        }

        boolean fromClient(Packet p) {
            return p.srcPort == client.port() && Arrays.equals(p.src, client.addressRef());
        }
    }

    /** Bounds of a {@link FlowTable}. */
    public static final class Builder {
        int maxBytesPerDirection = 16 * 1024;
        int maxSegmentsPerDirection = 256;
        int maxOutOfOrderSegments = 64;
        int maxOutOfOrderBytes = 256 * 1024;
        int maxFlows = 16_384;
        long maxBufferedBytes = 64L * 1024 * 1024;
        long idleNanos = Duration.ofSeconds(120).toNanos();
        long lingerNanos = Duration.ofSeconds(2).toNanos();
        int maxDatagramsPerFlow = 64;
        int maxBytesPerDatagram = 2048;
        int maxFragmentedDatagrams = FragmentReassembler.DEFAULT_MAX_DATAGRAMS;

        private Builder() {
        }

        /** Stream bytes kept from the start of each direction (default 16 KiB: a hello, a certificate chain). */
        public Builder maxBytesPerDirection(int n) {
            maxBytesPerDirection = positive(n);
            return this;
        }

        /** Segment, gap and retransmission records kept per direction (default 256; later ones are counted). */
        public Builder maxSegmentsPerDirection(int n) {
            maxSegmentsPerDirection = positive(n);
            return this;
        }

        /** Out-of-order segments held per direction before the hole in front of them is declared (default 64). */
        public Builder maxOutOfOrderSegments(int n) {
            maxOutOfOrderSegments = positive(n);
            return this;
        }

        /** Out-of-order bytes held per direction (default 256 KiB). */
        public Builder maxOutOfOrderBytes(int n) {
            maxOutOfOrderBytes = positive(n);
            return this;
        }

        /** Flows open at once; the least recently active is let go first (default 16 384). */
        public Builder maxFlows(int n) {
            maxFlows = positive(n);
            return this;
        }

        /** Stream and datagram bytes held in all (default 64 MiB). */
        public Builder maxBufferedBytes(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxBufferedBytes " + n);
            }
            maxBufferedBytes = n;
            return this;
        }

        /** A flow quiet this long in capture time is let go (default 120 s). */
        public Builder idleTimeout(Duration d) {
            idleNanos = Objects.requireNonNull(d, "idleTimeout").toNanos();
            return this;
        }

        /** A closed or reset flow is let go after this much quiet (default 2 s), so late packets still count. */
        public Builder closedLinger(Duration d) {
            lingerNanos = Objects.requireNonNull(d, "closedLinger").toNanos();
            return this;
        }

        /** UDP datagrams recorded per flow (default 64; later ones are counted). */
        public Builder maxDatagramsPerFlow(int n) {
            maxDatagramsPerFlow = positive(n);
            return this;
        }

        /** Payload bytes kept per UDP datagram (default 2 KiB). */
        public Builder maxBytesPerDatagram(int n) {
            maxBytesPerDatagram = positive(n);
            return this;
        }

        /** A table handing flows to {@code sink}. */
        public FlowTable build(Consumer<Flow> sink) {
            return new FlowTable(this, Objects.requireNonNull(sink, "sink"));
        }

        private static int positive(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("must be positive: " + n);
            }
            return n;
        }
    }
}
