package io.mediapath.capture;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes a classic pcap file (v2.4, little-endian, microsecond or nanosecond stamps) with the constants of
 * {@link PcapFormat}, which {@link CaptureReader} reads back. Frames longer than the snapshot length are cut to it.
 * Not thread-safe; the caller owns the stream.
 */
public final class PcapWriter implements Closeable {

    private final OutputStream out;
    private final boolean nanos;
    private final int snaplen;
    private final byte[] header = new byte[PcapFormat.PCAP_RECORD_HEADER_LENGTH];

    private PcapWriter(OutputStream out, int linkType, boolean nanos, int snaplen) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        this.nanos = nanos;
        this.snaplen = snaplen;
        byte[] h = new byte[PcapFormat.PCAP_HEADER_LENGTH];
        le32(h, 0, nanos ? PcapFormat.MAGIC_NANOS : PcapFormat.MAGIC_MICROS);
        h[4] = PcapFormat.VERSION_MAJOR;
        h[6] = PcapFormat.VERSION_MINOR;
        le32(h, 16, snaplen);
        le32(h, 20, linkType);
        out.write(h);
    }

    /** A writer of frames of {@code linkType} ({@code PcapFormat.LINKTYPE_*}); writes the file header now. */
    public static PcapWriter create(OutputStream out, int linkType, boolean nanosecondStamps) throws IOException {
        return new PcapWriter(out, linkType, nanosecondStamps, PcapFormat.MAX_FRAME);
    }

    /** Writes one frame captured at {@code epochNanos} whose wire length was {@code originalLength}. */
    public void write(long epochNanos, byte[] data, int originalLength) throws IOException {
        int incl = Math.min(data.length, snaplen);
        long sec = Math.floorDiv(epochNanos, 1_000_000_000L);
        long frac = Math.floorMod(epochNanos, 1_000_000_000L);
        le32(header, 0, (int) sec);
        le32(header, 4, (int) (nanos ? frac : frac / 1000));
        le32(header, 8, incl);
        le32(header, 12, Math.max(originalLength, incl));
        out.write(header);
        out.write(data, 0, incl);
    }

    /** Writes a frame as read from another capture (its time, bytes and original length). */
    public void write(Frame f) throws IOException {
        write(f.epochNanos(), f.data(), f.originalLength());
    }

    /** Flushes the stream (the caller closes it). */
    @Override
    public void close() throws IOException {
        out.flush();
    }

    private static void le32(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }
}
