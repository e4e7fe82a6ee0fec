package io.mediapath.turn.internal;

import io.mediapath.turn.stun.ChannelData;
import io.mediapath.turn.stun.StunMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Consumer;

/**
 * Hands the frames of a {@link StunStreamFramer} (STUN, ChannelData) or of a
 * {@link TcpDataDecoder} (STUN, then raw peer bytes) to a sink.
 */
public final class StreamDispatch extends ChannelInboundHandlerAdapter {
    private final InboundSink sink;
    private final Consumer<ByteBuf> raw;

    /** A dispatcher delivering STUN and ChannelData to {@code sink}; anything else is released. */
    public StreamDispatch(InboundSink sink) {
        this(sink, ReferenceCountUtil::release);
    }

    /** A dispatcher delivering STUN to {@code sink} and raw bytes to {@code raw}, which must release them. */
    public StreamDispatch(InboundSink sink, Consumer<ByteBuf> raw) {
        this.sink = sink;
        this.raw = raw;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof StunMessage m) {
            sink.onStun(m);
        } else if (msg instanceof ChannelData cd) {
            sink.onChannelData(cd);
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
