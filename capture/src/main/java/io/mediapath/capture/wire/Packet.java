package io.mediapath.capture.wire;

/**
 * One decoded packet: addresses, ports, TCP fields and where its payload lies. Mutable and reused by
 * {@link PacketDecoder} so decoding a frame allocates only the address arrays; copy what must outlive the next frame.
 */
public final class Packet {

    /** IP protocol number for TCP. */
    public static final int TCP = 6;
    /** IP protocol number for UDP. */
    public static final int UDP = 17;

    /** TCP flag bits. */
    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;

    public long frame;
    public long epochNanos;
    public int ipVersion;
    public byte[] src;
    public byte[] dst;
    public int protocol;
    public int srcPort;
    public int dstPort;
    public long seq;
    public long ack;
    public int flags;
    /** Payload bytes: {@code payload[payloadOffset .. payloadOffset + payloadLength)}. */
    public byte[] payload;
    public int payloadOffset;
    public int payloadLength;
    /** Bytes of payload the snapshot length cut off (the packet said there were more). */
    public int payloadMissing;

    /** True when this TCP segment has every bit of {@code mask} set. */
    public boolean has(int mask) {
        return (flags & mask) == mask;
    }
}
