package io.mediapath.turn.internal;

import io.mediapath.turn.stun.StunMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Consumer;

/** Hands what a {@link TcpDataDecoder} produced to a sink (STUN) and a raw-bytes consumer (which must release). */
public final class TcpDataDispatch extends ChannelInboundHandlerAdapter {
    private final InboundSink sink;
    private final Consumer<ByteBuf> raw;

    /** A dispatcher delivering STUN to {@code sink} and peer bytes to {@code raw}. */
    public TcpDataDispatch(InboundSink sink, Consumer<ByteBuf> raw) {
        this.sink = sink;
        this.raw = raw;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof StunMessage m) {
            sink.onStun(m);
        } else if (msg instanceof ByteBuf b) {
            raw.accept(b);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        sink.onError(cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        sink.onClosed();
    }
}
