package io.mediapath.turn.quality;

import io.mediapath.ice.wire.BigEndian;
import java.util.Optional;

/**
 * One test packet of a quality run: an RTP header (RFC 3550: version 2, payload type 0, the low 16 bits of the
 * sequence, timestamp = sequence × 160 as 8 kHz audio in 20 ms frames, the run's SSRC), then the mark {@code MPQ1},
 * the run's 64-bit token, the full 32-bit sequence, the send time in nanoseconds since the run started, and zero
 * padding up to the configured size (default {@value #DEFAULT_SIZE} bytes: 12 + 160, a G.711 frame).
 *
 * <p>{@link #decode} never throws: anything shorter, without the mark or with another RTP version is
 * {@link Optional#empty()}; whether it belongs to this run (token, SSRC, a sequence that was sent) is the meter's
 * decision, from its own records, so a forged send time cannot skew the figures.
 *
 * @param ssrc     RTP SSRC of the run
 * @param token    the run's random token
 * @param sequence the full sequence number (from 0)
 * @param sentNanos send time, nanoseconds since the run started (as the sender wrote it)
 * @param size     the datagram's length
 */
public record QualityPacket(int ssrc, long token, int sequence, long sentNanos, int size) {
    /** Bytes before the padding. */
    public static final int MIN_SIZE = 36;
    /** An RTP header and a 20 ms G.711 frame. */
    public static final int DEFAULT_SIZE = 172;
    /** The largest size a run sends (below common MTUs with TURN's headers). */
    public static final int MAX_SIZE = 1200;
    private static final int MARK = 0x4D505131; // "MPQ1"

    /** The datagram. */
    public byte[] encode() {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("size: " + size + " (expected: " + MIN_SIZE + " ~ " + MAX_SIZE + ")");
        }
        byte[] b = new byte[size];
        write(b, ssrc, token, sequence, sentNanos);
        return b;
    }

    /**
     * Writes a packet's fields over the first {@value #MIN_SIZE} bytes of {@code b} (the rest, the padding, is left
     * as it is: zero in a buffer a sender reuses for every packet of its run).
     */
    static void write(byte[] b, int ssrc, long token, int sequence, long sentNanos) {
        b[0] = (byte) 0x80; // V=2, no padding, no extension, no CSRC
        b[1] = 0; // M=0, PT=0 (PCMU)
        BigEndian.put16(b, 2, sequence & 0xFFFF);
        BigEndian.put32(b, 4, sequence * 160);
        BigEndian.put32(b, 8, ssrc);
        BigEndian.put32(b, 12, MARK);
        BigEndian.put32(b, 16, (int) (token >>> 32));
        BigEndian.put32(b, 20, (int) token);
        BigEndian.put32(b, 24, sequence);
        BigEndian.put32(b, 28, (int) (sentNanos >>> 32));
        BigEndian.put32(b, 32, (int) sentNanos);
    }

    /** The packet in {@code datagram}, or empty when it is not a quality packet at all. Never throws. */
    public static Optional<QualityPacket> decode(byte[] datagram) {
        if (datagram == null || datagram.length < MIN_SIZE || (datagram[0] & 0xC0) != 0x80
                || BigEndian.u32(datagram, 12) != MARK) {
            return Optional.empty();
        }
        int seq = BigEndian.u32(datagram, 24);
        if ((seq & 0xFFFF) != BigEndian.u16(datagram, 2)) {
            return Optional.empty(); // the RTP sequence must be the low bits of the full one
        }
        long token = ((long) BigEndian.u32(datagram, 16) << 32) | (BigEndian.u32(datagram, 20) & 0xFFFFFFFFL);
        long sent = ((long) BigEndian.u32(datagram, 28) << 32) | (BigEndian.u32(datagram, 32) & 0xFFFFFFFFL);
        return Optional.of(new QualityPacket(BigEndian.u32(datagram, 8), token, seq, sent, datagram.length));
    }
}
