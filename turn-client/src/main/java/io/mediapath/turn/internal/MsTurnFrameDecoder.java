package io.mediapath.turn.internal;

import io.mediapath.turn.stun.StunDecodeException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the TCP byte stream after pseudo-TLS into {@link MsTurnFrame}s. A first byte other than 0x02/0x03 cannot
 * be re-synchronised (libnice gives up the same way: "Unexpected data, error in stream"), so it raises a {@link
 * StunDecodeException} once and discards the rest of the stream. Frames are bounded by their 16-bit length.
 * Output frames are plain byte arrays: nothing to release.
 */
public final class MsTurnFrameDecoder extends ByteToMessageDecoder {
    private boolean failed;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        MsTurnFrame f;
        while ((f = next(in)) != null) {
            out.add(f);
        }
    }

    /**
     * Takes the next complete frame off {@code in}, or returns null when more bytes are needed. Usable without a
     * pipeline; does not release {@code in}.
     *
     * @throws StunDecodeException on a byte that starts no frame (and on every call after that)
     */
    public MsTurnFrame next(ByteBuf in) {
        if (failed) {
            throw new StunDecodeException("stream already failed");
        }
        if (in.readableBytes() < MsTurnFrame.HEADER_LENGTH) {
            return null;
        }
        int i = in.readerIndex();
        int type = in.getUnsignedByte(i);
        if (type != MsTurnFrame.CONTROL && type != MsTurnFrame.DATA) {
            failed = true;
            throw new StunDecodeException(String.format(
                    "MS-TURN frame type 0x%02x%02x (expected: 0x02 control or 0x03 data)", type,
                    in.getUnsignedByte(i + 1)));
        }
        int len = in.getUnsignedShort(i + 2);
        if (in.readableBytes() < MsTurnFrame.HEADER_LENGTH + len) {
            return null;
        }
        byte[] payload = new byte[len];
        in.getBytes(i + MsTurnFrame.HEADER_LENGTH, payload);
        in.skipBytes(MsTurnFrame.HEADER_LENGTH + len);
        return new MsTurnFrame(type, payload);
    }
}
