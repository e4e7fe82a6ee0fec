package io.mediapath.responder.internal;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-source accounting, bounded to {@code maxSources} entries (the least recently seen source is forgotten first):
 * a token bucket of arrivals per second, the UDP bytes in and out (so a source never gets more bytes than it sent:
 * amplification at most 1), and the TCP connections it holds open. Thread-safe (UDP and TCP event loops share it).
 */
public final class SourceTable {

    private final int maxSources;
    private final double ratePerSecond;
    private final double burst;
    private final int maxConnectionsPerSource;
    private final Map<InetAddress, Entry> entries;

    private static final class Entry {
        double tokens;
        long refilledAt;
        long udpIn;
        long udpOut;
        int open;
    }

    /** A table; {@code ratePerSecond} arrivals per second per source with bursts of {@code burst}. */
    public SourceTable(int maxSources, double ratePerSecond, double burst, int maxConnectionsPerSource) {
        this.maxSources = maxSources;
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.maxConnectionsPerSource = maxConnectionsPerSource;
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Entry> eldest) {
                // a source holding connections stays: forgetting it would let it open more than its cap
                return size() > SourceTable.this.maxSources && eldest.getValue().open == 0;
            }
        };
    }

    private Entry entry(InetAddress source, long now) {
        Entry e = entries.get(source);
        if (e == null) {
            e = new Entry();
            e.tokens = burst;
            e.refilledAt = now;
            entries.put(source, e);
        }
        return e;
    }

    private boolean take(Entry e, long now) {
        e.tokens = Math.min(burst, e.tokens + (now - e.refilledAt) * ratePerSecond / 1e9);
        e.refilledAt = now;
        if (e.tokens < 1) {
            return false;
        }
        e.tokens -= 1;
        return true;
    }

    /** Counts a datagram of {@code bytes} from {@code source}; false when the source is over its rate. */
    public synchronized boolean admitDatagram(InetAddress source, int bytes, long nowNanos) {
        Entry e = entry(source, nowNanos);
        e.udpIn += bytes;
        return take(e, nowNanos);
    }

    /** True and counted when {@code bytes} more to {@code source} keep its bytes out at most its bytes in. */
    public synchronized boolean spendUdp(InetAddress source, int bytes) {
        Entry e = entries.get(source);
        if (e == null || e.udpOut + bytes > e.udpIn) {
            return false;
        }
        e.udpOut += bytes;
        return true;
    }

    /** How many bytes {@code source} may still be sent over UDP. */
    public synchronized long udpBudget(InetAddress source) {
        Entry e = entries.get(source);
        return e == null ? 0 : e.udpIn - e.udpOut;
    }

    /** Opens a connection for {@code source}; false when it is over its rate or its cap. */
    public synchronized boolean openConnection(InetAddress source, long nowNanos) {
        Entry e = entry(source, nowNanos);
        if (e.open >= maxConnectionsPerSource || !take(e, nowNanos)) {
            return false;
        }
        e.open++;
        return true;
    }

    /** Closes a connection {@link #openConnection} admitted. */
    public synchronized void closeConnection(InetAddress source) {
        Entry e = entries.get(source);
        if (e != null && e.open > 0) {
            e.open--;
        }
    }

    /** How many sources are remembered. */
    public synchronized int size() {
        return entries.size();
    }
}
