package io.mediapath.turn.internal;

import io.mediapath.turn.stun.MessageType;
import io.mediapath.turn.stun.StunClass;
import io.mediapath.turn.stun.StunDecodeException;
import io.mediapath.turn.stun.StunMessage;
import io.mediapath.turn.stun.StunMethod;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Decoder of an RFC 6062 data connection: STUN messages (the ConnectionBind transaction) until the ConnectionBind
 * success response, then raw peer bytes ({@link ByteBuf} slices, no framing). The switch happens inside the decode
 * loop, right after that response, so peer bytes that arrive in the same TCP segment are never parsed as STUN.
 * Before the switch only STUN is accepted (no ChannelData on a data connection), each message bounded by its 16-bit
 * length, so memory stays bounded.
 */
public final class TcpDataDecoder extends ByteToMessageDecoder {
    private static final MessageType BIND_SUCCESS = MessageType.of(StunMethod.CONNECTION_BIND, StunClass.SUCCESS_RESPONSE);
    private boolean raw;
    private boolean failed;

    /** True once the data connection carries raw peer bytes. */
    public boolean isRaw() {
        return raw;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (!raw) {
            StunMessage m = next(in);
            if (m == null) {
                return;
            }
            out.add(m);
            if (m.type().equals(BIND_SUCCESS)) {
                raw = true;
            }
        }
        if (in.isReadable()) {
            out.add(in.readRetainedSlice(in.readableBytes()));
        }
    }

    /**
     * The next STUN message on the stream, or null when more bytes are needed. Usable without a pipeline (fuzzing).
     *
     * @throws StunDecodeException when the bytes are not STUN
     */
    public StunMessage next(ByteBuf in) {
        if (in.readableBytes() < StunMessage.HEADER_LENGTH) {
            return null;
        }
        int i = in.readerIndex();
        int first = in.getUnsignedByte(i);
        int len = in.getUnsignedShort(i + 2);
        if ((first & 0xC0) != 0 || (len & 3) != 0 || in.getInt(i + 4) != StunMessage.MAGIC_COOKIE) {
            failed = true;
            throw new StunDecodeException(String.format(
                    "data connection: bytes 0x%02x%02x before ConnectionBind completed are not STUN", first,
                    in.getUnsignedByte(i + 1)));
        }
        if (in.readableBytes() < StunMessage.HEADER_LENGTH + len) {
            return null;
        }
        byte[] bytes = new byte[StunMessage.HEADER_LENGTH + len];
        in.readBytes(bytes);
        try {
            return StunMessage.decode(bytes);
        } catch (StunDecodeException e) {
            failed = true;
            throw e;
        }
    }
}
