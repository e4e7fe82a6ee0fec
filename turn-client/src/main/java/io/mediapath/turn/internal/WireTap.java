package io.mediapath.turn.internal;

import io.mediapath.ice.probe.WirePayload;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.function.Consumer;

/**
 * Copies every payload the socket writes or reads into a {@link WirePayload}, so the timeline holds what crossed the
 * wire (ladder diagrams, {@code --pcap}). Sits next to the socket, before any TLS handler: over TLS it sees the
 * records, as a capture would. A pass-through otherwise; it neither consumes nor releases.
 *
 * <p>A connection records at most {@link #MAX_PAYLOADS} payloads (a relay carrying media would otherwise grow the
 * timeline without bound), and of those at most {@link #MAX_DATA_PAYLOADS} that start as ChannelData (RFC 7983: first
 * byte 64–79): a few relayed packets show the path in a ladder, while a media stream (a quality run sends 50 a
 * second) would cost a copy and a timeline event per packet and crowd out the signalling. Later ones pass unrecorded.
 */
public final class WireTap extends ChannelDuplexHandler {
    /** Payloads recorded per connection at most. */
    public static final int MAX_PAYLOADS = 1024;
    /** Payloads starting as ChannelData recorded per connection at most. */
    public static final int MAX_DATA_PAYLOADS = 16;

    private final Consumer<WirePayload> sink;
    private int recorded;
    private int recordedData;

    /** A tap handing each payload to {@code sink}, on the event loop. */
    public WireTap(Consumer<WirePayload> sink) {
        this.sink = sink;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof DatagramPacket p) {
            record(ctx, WirePayload.Direction.RECEIVED, WirePayload.Transport.UDP, p.recipient(), p.sender(),
                    p.content());
        } else if (msg instanceof ByteBuf b) {
            record(ctx, WirePayload.Direction.RECEIVED, transport(ctx), null, null, b);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof DatagramPacket p) {
            record(ctx, WirePayload.Direction.SENT, WirePayload.Transport.UDP, null, p.recipient(), p.content());
        } else if (msg instanceof ByteBuf b) {
            record(ctx, WirePayload.Direction.SENT, transport(ctx), null, null, b);
        }
        ctx.write(msg, promise);
    }

    private static WirePayload.Transport transport(ChannelHandlerContext ctx) {
        return ctx.channel() instanceof DatagramChannel ? WirePayload.Transport.UDP : WirePayload.Transport.TCP;
    }

    private void record(ChannelHandlerContext ctx, WirePayload.Direction d, WirePayload.Transport t,
            InetSocketAddress local, InetSocketAddress remote, ByteBuf b) {
        int n = b.readableBytes();
        if (n == 0 || recorded >= MAX_PAYLOADS) {
            return;
        }
        int first = b.getUnsignedByte(b.readerIndex());
        if (first >= 64 && first <= 79 && recordedData++ >= MAX_DATA_PAYLOADS) {
            return;
        }
        recorded++;
        byte[] bytes = new byte[Math.min(n, WirePayload.MAX_BYTES)];
        b.getBytes(b.readerIndex(), bytes);
        try {
            sink.accept(new WirePayload(d, t, local != null ? local : inet(ctx.channel().localAddress()),
                    remote != null ? remote : inet(ctx.channel().remoteAddress()), n, bytes));
        } catch (RuntimeException ignored) {
            // Recording must never break the exchange it watches.
        }
    }

    private static InetSocketAddress inet(SocketAddress a) {
        return a instanceof InetSocketAddress i ? i : null;
    }
}
