package io.mediapath.turn.stun;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * A TURN ChannelData message (RFC 8656 §12.4): a channel number (0x4000–0x4FFF) and application data. Holds a
 * reference-counted payload; whoever receives one releases it.
 */
public final class ChannelData extends DefaultByteBufHolder {
    /** Smallest valid channel number. */
    public static final int MIN_CHANNEL = 0x4000;
    /** Largest valid channel number (RFC 8656; RFC 5766 allowed up to 0x7FFF). */
    public static final int MAX_CHANNEL = 0x4FFF;

    private final int channel;

    /** A ChannelData of {@code channel} carrying {@code payload} (ownership passes to this object). */
    public ChannelData(int channel, ByteBuf payload) {
        super(payload);
        if (channel < 0x4000 || channel > 0x7FFF) {
            payload.release();
            throw new IllegalArgumentException(String.format("channel 0x%04x (expected: 0x4000 ~ 0x4fff)", channel));
        }
        if (payload.readableBytes() > 0xFFFF) {
            payload.release();
            throw new IllegalArgumentException("ChannelData payload exceeds 65535 bytes");
        }
        this.channel = channel;
    }

    /** The channel number. */
    public int channel() {
        return channel;
    }

    /** True when the first byte of a datagram or stream frame marks ChannelData (0x40–0x7F, RFC 7983). */
    public static boolean isChannelData(int firstByte) {
        return (firstByte & 0xC0) == 0x40;
    }

    /**
     * Encodes into a new buffer: 4-byte header, payload, and on stream transports zero padding to a multiple of 4
     * (RFC 8656 §12.5; the Length field never counts the padding).
     */
    public ByteBuf encode(ByteBufAllocator alloc, boolean pad) {
        int n = content().readableBytes();
        int size = 4 + n;
        int padded = pad ? (size + 3) & ~3 : size;
        ByteBuf out = alloc.buffer(padded);
        out.writeShort(channel).writeShort(n).writeBytes(content(), content().readerIndex(), n);
        out.writeZero(padded - size);
        return out;
    }

    /**
     * Decodes one datagram (UDP: padding optional, extra bytes after the payload ignored). The payload is a retained
     * slice of {@code datagram}; the caller still releases {@code datagram}.
     *
     * @throws StunDecodeException when it is not a ChannelData message
     */
    public static ChannelData decodeDatagram(ByteBuf datagram) {
        int i = datagram.readerIndex();
        int n = datagram.readableBytes();
        if (n < 4) {
            throw new StunDecodeException("ChannelData: " + n + " bytes (expected: >= 4)");
        }
        int ch = datagram.getUnsignedShort(i);
        if (!isChannelData(ch >>> 8)) {
            throw new StunDecodeException(String.format("ChannelData: channel 0x%04x", ch));
        }
        int len = datagram.getUnsignedShort(i + 2);
        if (len > n - 4) {
            throw new StunDecodeException("ChannelData: length " + len + " but " + (n - 4) + " bytes follow");
        }
        return new ChannelData(ch, datagram.retainedSlice(i + 4, len));
    }

    @Override
    public ChannelData replace(ByteBuf content) {
        return new ChannelData(channel, content);
    }

    @Override
    public ChannelData retain() {
        super.retain();
        return this;
    }

    @Override
    public ChannelData touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return String.format("ChannelData(0x%04x, %d bytes)", channel, content().readableBytes());
    }
}
