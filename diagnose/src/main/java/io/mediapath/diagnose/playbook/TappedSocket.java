package io.mediapath.diagnose.playbook;

import io.mediapath.ice.probe.WirePayload;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.Consumer;

/**
 * A plain socket that hands every payload it writes or reads to a sink, so a blocking probe's timeline holds what
 * crossed the wire. A TLS socket layered over it ({@code createSocket(tapped, …)}) writes and reads its records
 * through these streams, so the sink sees the records, as a capture would. At most {@link #MAX_PAYLOADS} payloads
 * are recorded.
 */
final class TappedSocket extends Socket {
    static final int MAX_PAYLOADS = 256;

    private final Consumer<WirePayload> sink;
    private final ReadWaits waits;
    private int recorded;
    private InputStream in;
    private OutputStream out;

    TappedSocket(Consumer<WirePayload> sink) {
        this(sink, null);
    }

    /**
     * A tapped socket whose every read (also a TLS socket's reads of its records) waits at most what {@code waits}
     * allows at that moment, and tells it when bytes came: the caller's read policy, applied below TLS.
     */
    TappedSocket(Consumer<WirePayload> sink, ReadWaits waits) {
        this.sink = sink;
        this.waits = waits;
    }

    /** How long the next read may wait; told of every read that returned bytes. */
    interface ReadWaits {
        /** Milliseconds the next read may wait; 0 or less: the wait is over (the read times out at once). */
        long nextReadMillis();

        /** Bytes arrived. */
        void received();
    }

    private void beforeRead() throws IOException {
        if (waits == null) {
            return;
        }
        long ms = waits.nextReadMillis();
        if (ms <= 0) {
            throw new java.net.SocketTimeoutException("Read timed out (the read's wait was over)");
        }
        setSoTimeout((int) Math.min(Integer.MAX_VALUE, ms));
    }

    private void afterRead(int n) {
        if (waits != null && n > 0) {
            waits.received();
        }
    }

    /** Connects, then records a zero-byte payload: the connection opened, with both endpoints. */
    @Override
    public void connect(java.net.SocketAddress endpoint, int timeout) throws IOException {
        super.connect(endpoint, timeout);
        record(WirePayload.Direction.SENT, new byte[0], 0, 0);
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (in == null) {
            in = new FilterInputStream(super.getInputStream()) {
                @Override
                public int read() throws IOException {
                    beforeRead();
                    int b = super.read();
                    afterRead(b >= 0 ? 1 : 0);
                    if (b >= 0) {
                        record(WirePayload.Direction.RECEIVED, new byte[] {(byte) b}, 0, 1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    beforeRead();
                    int n = super.read(b, off, len);
                    afterRead(n);
                    if (n > 0) {
                        record(WirePayload.Direction.RECEIVED, b, off, n);
                    }
                    return n;
                }
            };
        }
        return in;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (out == null) {
            out = new FilterOutputStream(super.getOutputStream()) {
                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    record(WirePayload.Direction.SENT, new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    if (len > 0) {
                        record(WirePayload.Direction.SENT, b, off, len);
                    }
                }
            };
        }
        return out;
    }

    private synchronized void record(WirePayload.Direction d, byte[] b, int off, int len) {
        if (recorded >= MAX_PAYLOADS) {
            return;
        }
        recorded++;
        try {
            sink.accept(WirePayload.of(d, WirePayload.Transport.TCP,
                    getLocalSocketAddress() instanceof InetSocketAddress l ? l : null,
                    getRemoteSocketAddress() instanceof InetSocketAddress r ? r : null, b, off, len));
        } catch (RuntimeException ignored) {
            // Recording must never break the exchange it watches.
        }
    }
}
