package io.mediapath.capture.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reassembles IPv4 and IPv6 fragments by (source, destination, protocol, identification) in bounded memory: at most
 * {@code maxDatagrams} datagrams in progress (the oldest is dropped for a new one), each at most
 * {@link #MAX_DATAGRAM} bytes, each dropped when its first fragment is older than the timeout in capture time.
 * The whole datagram is returned with the fragment that completes it, so it belongs to that frame, as in Wireshark.
 */
public final class FragmentReassembler {

    /** Largest reassembled payload: the IPv4 total length field's maximum. */
    public static final int MAX_DATAGRAM = 65_535;
    /** Datagrams in progress at most, by default. */
    public static final int DEFAULT_MAX_DATAGRAMS = 256;
    /** Capture time after which a datagram missing fragments is dropped (the Linux default is 30 s). */
    public static final long DEFAULT_TIMEOUT_NANOS = 30_000_000_000L;

    private final int maxDatagrams;
    private final long timeoutNanos;
    private final LinkedHashMap<Key, Pending> pending = new LinkedHashMap<>();
    private long dropped;
    private long reassembled;

    /** A reassembler with these bounds. */
    public FragmentReassembler(int maxDatagrams, long timeoutNanos) {
        if (maxDatagrams < 1) {
            throw new IllegalArgumentException("maxDatagrams " + maxDatagrams);
        }
        this.maxDatagrams = maxDatagrams;
        this.timeoutNanos = timeoutNanos;
    }

    private record Key(byte[] src, byte[] dst, int proto, int id) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.proto == proto && k.id == id && Arrays.equals(k.src, src)
                    && Arrays.equals(k.dst, dst);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(src), Arrays.hashCode(dst), proto, id);
        }
    }

    private static final class Pending {
        final long firstSeen;
        byte[] data = new byte[0];
        final List<int[]> ranges = new ArrayList<>();
        int total = -1;

        Pending(long firstSeen) {
            this.firstSeen = firstSeen;
        }

        boolean complete() {
            if (total < 0) {
                return false;
            }
            ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
            int covered = 0;
            for (int[] r : ranges) {
                if (r[0] > covered) {
                    return false;
                }
                covered = Math.max(covered, r[1]);
            }
            return covered >= total;
        }
    }

    /**
     * Adds one fragment ({@code d[off .. off+len)} at byte {@code fragOffset} of the datagram); returns the whole
     * datagram's payload when this fragment completes it, else null.
     */
    public byte[] add(long now, byte[] src, byte[] dst, int proto, int id, int fragOffset, boolean more, byte[] d,
            int off, int len) {
        expire(now);
        if (len < 0 || fragOffset + len > MAX_DATAGRAM) {
            dropped++;
            return null;
        }
        Key k = new Key(src, dst, proto, id);
        Pending p = pending.get(k);
        if (p == null) {
            if (pending.size() >= maxDatagrams) {
                Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator();
                it.next();
                it.remove();
                dropped++;
            }
            p = new Pending(now);
            pending.put(k, p);
        }
        int end = fragOffset + len;
        if (!more) {
            p.total = end;
        }
        if (end > p.data.length) {
            p.data = Arrays.copyOf(p.data, Math.min(MAX_DATAGRAM, Math.max(end, p.data.length * 2)));
        }
        System.arraycopy(d, off, p.data, fragOffset, len);
        if (len > 0) {
            p.ranges.add(new int[] {fragOffset, end});
        }
        if (p.ranges.size() > 1024) { // a flood of tiny fragments: give up on this datagram
            pending.remove(k);
            dropped++;
            return null;
        }
        if (p.complete()) {
            pending.remove(k);
            reassembled++;
            return Arrays.copyOf(p.data, p.total);
        }
        return null;
    }

    private void expire(long now) {
        Iterator<Pending> it = pending.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (now - p.firstSeen <= timeoutNanos) {
                break; // insertion order: the rest are younger
            }
            it.remove();
            dropped++;
        }
    }

    /** Datagrams in progress. */
    public int pending() {
        return pending.size();
    }

    /** Datagrams given up on (timed out, crowded out, oversized, too many fragments). */
    public long dropped() {
        return dropped;
    }

    /** Datagrams completed. */
    public long reassembled() {
        return reassembled;
    }
}
