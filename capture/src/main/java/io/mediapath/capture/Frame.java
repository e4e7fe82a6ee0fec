package io.mediapath.capture;

import java.util.Objects;

/**
 * One packet of a capture as the file holds it.
 *
 * @param number         1-based, counting every block that is a packet, as Wireshark numbers frames
 * @param epochNanos     capture time, nanoseconds since 1970-01-01 UTC
 * @param linkType       the LINKTYPE_ of its interface ({@link PcapFormat})
 * @param originalLength the packet's length on the wire
 * @param data           the captured bytes (at most the snapshot length); owned by the frame
 */
public record Frame(long number, long epochNanos, int linkType, int originalLength, byte[] data) {

    public Frame {
        Objects.requireNonNull(data, "data");
    }

    /** Bytes captured (≤ {@link #originalLength()} when the snapshot length cut the packet). */
    public int capturedLength() {
        return data.length;
    }
}
