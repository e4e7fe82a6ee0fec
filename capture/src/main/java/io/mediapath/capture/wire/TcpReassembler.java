package io.mediapath.capture.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reassembles one direction of a TCP connection in bounded memory. Offsets are stream positions (0 = the byte
 * after the SYN, or the first byte seen when the capture began mid-stream), tracked as longs so streams beyond
 * 4 GiB wrap correctly.
 *
 * <ul>
 *   <li>In-order bytes are delivered at once; out-of-order segments wait (at most {@code maxPending} segments and
 *       {@code maxPendingBytes}); when the bound is hit, or at {@link #finish()}, the hole before the lowest waiting
 *       segment is declared a {@link GapRecord}: missing, never guessed.</li>
 *   <li>Bytes already delivered are a retransmission (whole) or trimmed (overlap, first copy wins, as Wireshark's
 *       default and most stacks do).</li>
 *   <li>Only the first {@code keepBytes} bytes of the stream are kept, and only up to the first hole.</li>
 * </ul>
 * Not thread-safe.
 */
public final class TcpReassembler {

    /** A delivered piece: the frame that carried it, its time, its stream offset and length. */
    public record SegmentRecord(long frame, long epochNanos, long offset, int length) {
    }

    /**
     * Missing bytes: where, how many, and the frame at the hole — the first one after it (Wireshark flags that one
     * "previous segment not captured"), or the frame the snapshot length cut short.
     */
    public record GapRecord(long offset, long length, long frame) {
    }

    private record Held(long frame, long epochNanos, byte[] data) {
    }

    private final int keepBytes;
    private final int maxSegments;
    private final int maxPending;
    private final int maxPendingBytes;

    private boolean based;
    private long base;              // sequence number of stream offset 0, mod 2^32
    private long next;              // stream offset of the next expected byte
    private byte[] head = new byte[0];
    private int headLength;
    private boolean holed;          // a gap was declared: head stops growing
    private final TreeMap<Long, Held> pending = new TreeMap<>();
    private int pendingBytes;
    private final List<SegmentRecord> segments = new ArrayList<>();
    private long segmentCount;
    private final List<GapRecord> gaps = new ArrayList<>();
    private long missing;
    private final List<Long> retransmissionFrames = new ArrayList<>();
    private long retransmissions;

    /**
     * @param keepBytes       stream bytes kept from offset 0
     * @param maxSegments     segment, gap and retransmission records kept (later ones are only counted)
     * @param maxPending      out-of-order segments held at most
     * @param maxPendingBytes out-of-order bytes held at most
     */
    public TcpReassembler(int keepBytes, int maxSegments, int maxPending, int maxPendingBytes) {
        this.keepBytes = keepBytes;
        this.maxSegments = maxSegments;
        this.maxPending = maxPending;
        this.maxPendingBytes = maxPendingBytes;
    }

    /** The stream starts after a SYN with this sequence number. A repeated SYN changes nothing. */
    public void syn(long seq) {
        if (!based) {
            base = (seq + 1) & 0xffffffffL;
            based = true;
        }
    }

    /** True once a SYN or a first data segment fixed offset 0. */
    public boolean based() {
        return based;
    }

    /** The stream offset of sequence number {@code seq} (relative to the next expected byte, so wraps work). */
    public long offsetOf(long seq) {
        long expected = (base + next) & 0xffffffffL;
        int delta = (int) ((seq - expected) & 0xffffffffL);
        return next + delta;
    }

    /**
     * Adds a segment's payload {@code d[off .. off+len)} at sequence {@code seq}; {@code cut} bytes that followed
     * were not captured (snapshot length). Returns the change in bytes held (kept head + pending).
     */
    public int add(long frame, long epochNanos, long seq, byte[] d, int off, int len, int cut) {
        if (len <= 0 && cut <= 0) {
            return 0;
        }
        int before = memory();
        if (!based) {
            base = seq & 0xffffffffL;
            based = true;
        }
        long at = offsetOf(seq);
        if (at < 0) { // more than 2 GiB behind: an old duplicate
            retransmission(frame);
            return memory() - before;
        }
        long end = at + len;
        if (len > 0 && end <= next) {
            retransmission(frame);
        } else if (len > 0 && at <= next) {
            int skip = (int) (next - at);
            deliver(frame, epochNanos, d, off + skip, len - skip);
            drain();
        } else if (len > 0) {
            Held h = pending.get(at);
            if (h != null && h.data.length >= len) {
                retransmission(frame);
            } else {
                if (h != null) {
                    pendingBytes -= h.data.length;
                }
                pending.put(at, new Held(frame, epochNanos, Arrays.copyOfRange(d, off, off + len)));
                pendingBytes += len;
                while (pending.size() > maxPending || pendingBytes > maxPendingBytes) {
                    skipToPending();
                }
            }
        }
        if (cut > 0 && end == next) {
            gap(next, cut, frame);
            next += cut;
            drain();
        }
        return memory() - before;
    }

    /** Declares every remaining hole and delivers what waited behind it; returns the change in bytes held. */
    public int finish() {
        int before = memory();
        while (!pending.isEmpty()) {
            skipToPending();
        }
        return memory() - before;
    }

    private void skipToPending() {
        Map.Entry<Long, Held> first = pending.firstEntry();
        if (first.getKey() > next) {
            gap(next, first.getKey() - next, first.getValue().frame);
            next = first.getKey();
        }
        drain();
    }

    private void drain() {
        Iterator<Map.Entry<Long, Held>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Held> e = it.next();
            long at = e.getKey();
            Held h = e.getValue();
            if (at > next) {
                break;
            }
            it.remove();
            pendingBytes -= h.data.length;
            long end = at + h.data.length;
            if (end <= next) {
                retransmission(h.frame);
            } else {
                int skip = (int) (next - at);
                deliver(h.frame, h.epochNanos, h.data, skip, h.data.length - skip);
            }
        }
    }

    private void deliver(long frame, long epochNanos, byte[] d, int off, int len) {
        if (!holed && headLength < keepBytes) {
            int keep = Math.min(len, keepBytes - headLength);
            if (headLength + keep > head.length) {
                head = Arrays.copyOf(head, Math.min(keepBytes, Math.max(headLength + keep, Math.max(256, head.length * 2))));
            }
            System.arraycopy(d, off, head, headLength, keep);
            headLength += keep;
        }
        if (segments.size() < maxSegments) {
            segments.add(new SegmentRecord(frame, epochNanos, next, len));
        }
        segmentCount++;
        next += len;
    }

    private void gap(long offset, long length, long frame) {
        holed = true;
        missing += length;
        if (gaps.size() < maxSegments) {
            gaps.add(new GapRecord(offset, length, frame));
        }
    }

    private void retransmission(long frame) {
        if (retransmissionFrames.size() < maxSegments) {
            retransmissionFrames.add(frame);
        }
        retransmissions++;
    }

    /** Bytes held now: the kept head's buffer and the out-of-order segments. */
    public int memory() {
        return head.length + pendingBytes;
    }

    /** The kept stream head (a copy). */
    public byte[] head() {
        return Arrays.copyOf(head, headLength);
    }

    /** Stream bytes accounted for (delivered or declared missing). */
    public long streamBytes() {
        return next;
    }

    /** Bytes declared missing. */
    public long missingBytes() {
        return missing;
    }

    /** The first delivered segments. */
    public List<SegmentRecord> segments() {
        return segments;
    }

    /** All delivering segments. */
    public long segmentCount() {
        return segmentCount;
    }

    /** The first holes. */
    public List<GapRecord> gaps() {
        return gaps;
    }

    /** The first retransmission frames. */
    public List<Long> retransmissionFrames() {
        return retransmissionFrames;
    }

    /** All retransmissions. */
    public long retransmissions() {
        return retransmissions;
    }

    /** Out-of-order segments waiting. */
    public int pendingSegments() {
        return pending.size();
    }
}
