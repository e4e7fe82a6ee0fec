package io.mediapath.turn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One RFC 6062 TCP connection relayed through a TURN TCP allocation: a bound data connection to the server that
 * carries the peer's bytes unframed. Made by {@link TurnAllocation#connect(InetSocketAddress)} (client-initiated) or
 * handed to {@link TurnAllocation#onConnectionAttempt} (peer-initiated). Bytes that arrive before a listener is set
 * are kept (reading pauses beyond 256 KiB, so memory stays bounded) and delivered when it is set.
 */
public final class TcpRelayConnection implements AutoCloseable {
    private static final int MAX_BUFFERED = 256 * 1024;

    private final StunConnection data;
    private final InetSocketAddress peer;
    private final long connectionId;
    private final boolean incoming;
    private final ArrayDeque<byte[]> early = new ArrayDeque<>();
    private int earlyBytes;
    private Consumer<byte[]> listener;

    TcpRelayConnection(StunConnection data, InetSocketAddress peer, long connectionId, boolean incoming) {
        this.data = data;
        this.peer = peer;
        this.connectionId = connectionId;
        this.incoming = incoming;
    }

    /** The peer at the other end of the relayed TCP connection. */
    public InetSocketAddress peer() {
        return peer;
    }

    /** The server's CONNECTION-ID for this connection. */
    public long connectionId() {
        return connectionId;
    }

    /** True when the peer connected to the relayed address (ConnectionAttempt), false after {@code connect()}. */
    public boolean incoming() {
        return incoming;
    }

    /** The local address of the data connection to the TURN server. */
    public InetSocketAddress localAddress() {
        return data.localAddress();
    }

    /** True while the data connection is open. */
    public boolean isOpen() {
        return data.isOpen();
    }

    /** Completes (with the cause, or a {@link TurnException.Kind#CLOSED}) when the data connection closes. */
    public CompletableFuture<Throwable> closeFuture() {
        return data.closeFuture();
    }

    /** Sends bytes to the peer (unframed). */
    public CompletableFuture<Void> write(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return data.write(Unpooled.wrappedBuffer(bytes.clone()));
    }

    /** Sets the listener for the peer's bytes (called on the event loop); buffered early bytes are delivered first. */
    public void onData(Consumer<byte[]> l) {
        Channel ch = data.channel();
        ch.eventLoop().execute(() -> {
            listener = l;
            if (l == null) {
                return;
            }
            while (!early.isEmpty()) {
                l.accept(early.poll());
            }
            earlyBytes = 0;
            ch.config().setAutoRead(true);
        });
    }

    /** Called on the event loop with raw peer bytes; releases them. */
    void onBytes(ByteBuf b) {
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
        Consumer<byte[]> l = listener;
        if (l != null) {
            try {
                l.accept(bytes);
            } catch (RuntimeException e) {
                data.event("turn.tcp-listener-threw", e.toString());
            }
            return;
        }
        early.add(bytes);
        earlyBytes += bytes.length;
        if (earlyBytes > MAX_BUFFERED) {
            data.channel().config().setAutoRead(false); // back-pressure until someone listens
        }
    }

    /** Closes the data connection (the server closes the peer connection with it). */
    @Override
    public void close() {
        data.close();
    }

    @Override
    public String toString() {
        return String.format("TcpRelayConnection[0x%08x %s %s]", connectionId, incoming ? "from" : "to", peer);
    }
}
