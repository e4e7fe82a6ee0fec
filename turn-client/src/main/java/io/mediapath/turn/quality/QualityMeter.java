package io.mediapath.turn.quality;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * The arithmetic of a quality run, apart from sockets and clocks: the sender records each packet's send time, the
 * receiver hands in every datagram that came back with its arrival time, {@link #figures()} computes loss with its
 * bursts, RTT percentiles, RFC 3550 jitter, reordering and duplicates. Whether a datagram counts is decided from the
 * meter's own records: it must come from the peer, decode as a {@link QualityPacket}, carry this run's token and SSRC,
 * and a sequence that was sent; the RTT uses the recorded send time, never the one in the packet. Anything else is
 * counted (foreign, bad sequence, duplicate) and changes no other figure. Memory is fixed at construction (a few
 * words per planned packet). Thread-safe (the sender and the event loop call it).
 */
public final class QualityMeter {
    private final long token;
    private final int ssrc;
    private final InetSocketAddress peer;
    private final long[] sentAt;
    private final long[] deviation;
    private final long[] rtt;
    private final boolean[] back;
    private int sent;
    private int received;
    private int highest = -1;
    private int reordered;
    private int duplicates;
    private int foreign;
    private int badSequence;
    private int sendErrors;
    private double jitterNanos;
    private long lastTransit;
    private boolean haveTransit;

    /**
     * A meter for at most {@code capacity} packets of the run identified by {@code token} and {@code ssrc}, echoed by
     * {@code peer} (null accepts any source).
     */
    public QualityMeter(long token, int ssrc, int capacity, InetSocketAddress peer) {
        if (capacity < 1 || capacity > 1_000_000) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: 1 ~ 1000000)");
        }
        this.token = token;
        this.ssrc = ssrc;
        this.peer = peer;
        this.sentAt = new long[capacity];
        this.deviation = new long[capacity];
        this.rtt = new long[capacity];
        this.back = new boolean[capacity];
    }

    /** What became of a datagram handed to {@link #received}. */
    public enum Outcome {
        /** Counted in the figures. */
        COUNTED,
        /** Counted, and it came after a packet sent later. */
        REORDERED,
        /** Another copy of a packet already counted. */
        DUPLICATE,
        /** Not this run's: another source, not a test packet, another token or SSRC. */
        FOREIGN,
        /** This run's, with a sequence that was never sent. */
        BAD_SEQUENCE
    }

    /** Records packet {@code sequence} as sent at {@code sentNanos}, {@code scheduledNanos} being when it was due. */
    public synchronized void sent(int sequence, long sentNanos, long scheduledNanos) {
        if (sequence != sent || sequence >= sentAt.length) {
            throw new IllegalStateException("sequence " + sequence + " (expected: " + sent + ", capacity "
                    + sentAt.length + ")");
        }
        sentAt[sequence] = sentNanos;
        deviation[sequence] = Math.abs(sentNanos - scheduledNanos);
        sent++;
    }

    /** Records that a send failed locally (the packet still counts as sent, and as lost). */
    public synchronized void sendFailed() {
        sendErrors++;
    }

    /** Classifies and records a datagram from {@code from} that arrived at {@code arrivalNanos}. */
    public Outcome received(InetSocketAddress from, byte[] datagram, long arrivalNanos) {
        if (peer != null && !Objects.equals(peer, from)) {
            return count(Outcome.FOREIGN);
        }
        var p = QualityPacket.decode(datagram);
        if (p.isEmpty() || p.get().token() != token || p.get().ssrc() != ssrc) {
            return count(Outcome.FOREIGN);
        }
        return record(p.get().sequence(), arrivalNanos);
    }

    private synchronized Outcome count(Outcome o) {
        foreign++;
        return o;
    }

    private synchronized Outcome record(int seq, long arrival) {
        if (seq < 0 || seq >= sent) {
            badSequence++;
            return Outcome.BAD_SEQUENCE;
        }
        if (back[seq]) {
            duplicates++;
            return Outcome.DUPLICATE;
        }
        back[seq] = true;
        long transit = arrival - sentAt[seq];
        rtt[received++] = transit;
        if (haveTransit) {
            long d = Math.abs(transit - lastTransit);
            jitterNanos += (d - jitterNanos) / 16.0; // RFC 3550 §6.4.1, in order of arrival
        }
        lastTransit = transit;
        haveTransit = true;
        if (seq < highest) {
            reordered++;
            return Outcome.REORDERED;
        }
        highest = seq;
        return Outcome.COUNTED;
    }

    /** Packets sent so far. */
    public synchronized int sentCount() {
        return sent;
    }

    /** Packets of ours back so far. */
    public synchronized int receivedCount() {
        return received;
    }

    /** The figures so far (packets not back yet count as lost). */
    public synchronized QualityFigures figures() {
        int lost = sent - received;
        int bursts = 0;
        int longest = 0;
        int run = 0;
        for (int i = 0; i < sent; i++) {
            if (!back[i]) {
                run++;
                if (run == 1) {
                    bursts++;
                }
                longest = Math.max(longest, run);
            } else {
                run = 0;
            }
        }
        long[] r = Arrays.copyOf(rtt, received);
        Arrays.sort(r);
        long[] dev = Arrays.copyOf(deviation, sent);
        Arrays.sort(dev);
        return new QualityFigures(sent, received, lost, sent == 0 ? 0 : 100.0 * lost / sent, bursts, longest,
                ms(percentileOrNaN(r, 0)), ms(percentileOrNaN(r, 50)), ms(percentileOrNaN(r, 95)),
                jitterNanos / 1e6, reordered, duplicates, foreign, badSequence, sendErrors,
                ms(percentileOrNaN(dev, 99)));
    }

    /** Nearest-rank percentile of a sorted array, NaN when empty. */
    static double percentileOrNaN(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(double nanos) {
        return nanos / 1e6;
    }
}
