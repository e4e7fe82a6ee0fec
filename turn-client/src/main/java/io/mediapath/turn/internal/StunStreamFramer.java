package io.mediapath.turn.internal;

import io.mediapath.ice.wire.UnexpectedBytes;
import io.mediapath.turn.stun.ChannelData;
import io.mediapath.turn.stun.StunDecodeException;
import io.mediapath.turn.stun.StunMessage;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits a TCP or TLS byte stream that carries both STUN messages and ChannelData (RFC 8656 §12.5) into
 * {@link StunMessage}s and {@link ChannelData}s. The first two bits tell them apart: {@code 00} STUN (20-byte header
 * + Length), {@code 01} ChannelData (4-byte header + Length, padded to a multiple of 4). Anything else cannot be
 * re-synchronised on a stream, so it raises a {@link StunDecodeException} and discards the rest of the stream;
 * so does ChannelData before the first STUN message (a channel needs a ChannelBind first, and text such as
 * {@code HTTP/1.1} would otherwise look like ChannelData).
 * Frames are bounded by their 16-bit length fields, so memory per connection is bounded too.
 */
public final class StunStreamFramer extends ByteToMessageDecoder {
    private boolean failed;
    private boolean sawStun;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        Object frame;
        while ((frame = next(in)) != null) {
            out.add(frame);
        }
    }

    /**
     * Takes the next complete frame off {@code in}, or returns null when more bytes are needed. Usable without a
     * pipeline (tests, fuzzing); a ChannelData result must be released.
     *
     * @throws StunDecodeException on bytes that start neither a STUN message nor ChannelData
     */
    public Object next(ByteBuf in) {
        if (failed) {
            throw new StunDecodeException("stream already failed");
        }
        if (in.readableBytes() < 4) {
            return null;
        }
        int i = in.readerIndex();
        int first = in.getUnsignedByte(i);
        int len = in.getUnsignedShort(i + 2);
        if ((first & 0xC0) == 0) {
            if ((len & 3) != 0) {
                failed = true;
                throw new StunDecodeException("STUN length " + len + " on a stream: not a multiple of 4");
            }
            if (in.readableBytes() < StunMessage.HEADER_LENGTH + len) {
                return null;
            }
            byte[] raw = new byte[StunMessage.HEADER_LENGTH + len];
            in.readBytes(raw);
            try {
                StunMessage m = StunMessage.decode(raw);
                sawStun = true;
                return m;
            } catch (StunDecodeException e) {
                failed = true;
                throw e;
            }
        }
        if (ChannelData.isChannelData(first)) {
            if (!sawStun) {
                // ChannelData needs a ChannelBind (a STUN transaction) first; text such as "HTTP/1.1" lands here.
                // An HTTP answer (a proxy's 407) is named by its status line, so wait for that line (bounded).
                int n = Math.min(in.readableBytes(), UnexpectedBytes.MAX_LINE);
                byte[] head = new byte[n];
                in.getBytes(i, head);
                if (UnexpectedBytes.mayBeHttp(head, n) && !UnexpectedBytes.statusLineComplete(head, n)) {
                    return null;
                }
                failed = true;
                throw new StunDecodeException(UnexpectedBytes.describe(head, n)
                        + " before any STUN message: not a STUN/TURN server");
            }
            int frame = (4 + len + 3) & ~3;
            if (in.readableBytes() < frame) {
                return null;
            }
            ChannelData cd = new ChannelData(in.getUnsignedShort(i), in.retainedSlice(i + 4, len));
            in.skipBytes(frame);
            return cd;
        }
        failed = true;
        throw new StunDecodeException(String.format("stream byte 0x%02x at a frame start is neither STUN nor ChannelData",
                first));
    }
}
