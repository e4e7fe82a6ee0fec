package io.mediapath.turn.internal;

import io.mediapath.turn.stun.ChannelData;
import io.mediapath.turn.stun.StunDecodeException;
import io.mediapath.turn.stun.StunMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/**
 * Splits datagrams from the server into STUN messages and ChannelData by their first byte (RFC 7983); a datagram
 * that is neither, or is malformed, is dropped and reported — a datagram can't corrupt the next one, unlike a stream.
 */
public final class DatagramDemux extends SimpleChannelInboundHandler<DatagramPacket> {
    private final InboundSink sink;

    /** A demux delivering to {@code sink}. */
    public DatagramDemux(InboundSink sink) {
        this.sink = sink;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf b = packet.content();
        if (!b.isReadable()) {
            sink.onUndecodable("empty datagram");
            return;
        }
        int first = b.getUnsignedByte(b.readerIndex());
        try {
            if ((first & 0xC0) == 0) {
                sink.onStun(StunMessage.decode(b));
            } else if (ChannelData.isChannelData(first)) {
                sink.onChannelData(ChannelData.decodeDatagram(b));
            } else {
                sink.onUndecodable(String.format("datagram starting 0x%02x is neither STUN nor ChannelData", first));
            }
        } catch (StunDecodeException e) {
            sink.onUndecodable(e.getMessage());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        sink.onError(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        sink.onClosed();
    }
}
