package io.mediapath.turn.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * The MS-TURN UDP pipeline: datagrams from the server become messages; datagrams from anyone else are dropped
 * (they cannot be trusted to end an exchange). An ICMP error arrives as {@link MsTurnSink#onError}.
 */
public final class MsTurnDatagramHandler extends ChannelInboundHandlerAdapter {
    private final MsTurnSink sink;
    private final InetSocketAddress server;

    /** A handler delivering what {@code server} sends to {@code sink}. */
    public MsTurnDatagramHandler(MsTurnSink sink, InetSocketAddress server) {
        this.sink = sink;
        this.server = server;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof DatagramPacket p && p.sender().equals(server)) {
                ByteBuf c = p.content();
                byte[] b = new byte[c.readableBytes()];
                c.getBytes(c.readerIndex(), b);
                sink.onMessage(b);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        sink.onError(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        sink.onClosed();
        ctx.fireChannelInactive();
    }
}
