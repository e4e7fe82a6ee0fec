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
    private int recorded;
    private InputStream in;
    private OutputStream out;

    TappedSocket(Consumer<WirePayload> sink) {
        this.sink = sink;
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
                    int b = super.read();
                    if (b >= 0) {
                        record(WirePayload.Direction.RECEIVED, new byte[] {(byte) b}, 0, 1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
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
