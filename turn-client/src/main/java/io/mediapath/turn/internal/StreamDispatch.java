package io.mediapath.turn.internal;

import io.mediapath.turn.stun.ChannelData;
import io.mediapath.turn.stun.StunMessage;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/** Hands the frames of a {@link io.mediapath.turn.stun.StunStreamFramer} to a sink. */
public final class StreamDispatch extends ChannelInboundHandlerAdapter {
    private final InboundSink sink;

    /** A dispatcher delivering to {@code sink}. */
    public StreamDispatch(InboundSink sink) {
        this.sink = sink;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof StunMessage m) {
            sink.onStun(m);
        } else if (msg instanceof ChannelData cd) {
            sink.onChannelData(cd);
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
