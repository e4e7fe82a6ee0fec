package io.mediapath.turn.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of an MS-TURN TCP pipeline: raw bytes until the client puts an {@link MsTurnFrameDecoder} in
 * front of it (after the genuine pseudo-TLS answer), then control frames; end-to-end data frames are dropped (the
 * client relays nothing).
 */
public final class MsTurnStreamHandler extends ChannelInboundHandlerAdapter {
    /** This handler's name in the pipeline; the framer goes before it. */
    public static final String NAME = "msturn";

    private final MsTurnSink sink;

    /** A handler delivering to {@code sink}. */
    public MsTurnStreamHandler(MsTurnSink sink) {
        this.sink = sink;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof MsTurnFrame f) {
                if (f.type() == MsTurnFrame.CONTROL) {
                    sink.onMessage(f.payload());
                }
            } else if (msg instanceof ByteBuf b) {
                sink.onRaw(b);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        sink.onClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        sink.onError(cause);
        ctx.close();
    }
}
