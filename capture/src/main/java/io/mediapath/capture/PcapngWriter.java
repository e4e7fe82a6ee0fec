package io.mediapath.capture;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes a pcapng file (little-endian): one Section Header Block with a comment and the writing application, one
 * interface of a given link type with nanosecond timestamps, and an Enhanced Packet Block per frame, optionally with
 * a per-packet comment. Uses the constants of {@link PcapFormat}; {@link CaptureReader} reads it back. Frames longer
 * than {@link PcapFormat#MAX_FRAME} are cut to it, comments to {@link #MAX_COMMENT} bytes. Not thread-safe; the caller
 * owns the stream.
 */
public final class PcapngWriter implements Closeable {
    /** Longest comment kept, in UTF-8 bytes (an option's length is 16 bits). */
    public static final int MAX_COMMENT = 8_192;

    private final OutputStream out;

    private PcapngWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * A writer whose section says {@code sectionComment} (shown by Wireshark under Statistics → Capture File
     * Properties) and {@code application}, with one interface of {@code linkType} ({@code PcapFormat.LINKTYPE_*}).
     * Writes those two blocks now.
     */
    public static PcapngWriter create(OutputStream out, int linkType, String sectionComment, String application)
            throws IOException {
        Objects.requireNonNull(out, "out");
        PcapngWriter w = new PcapngWriter(out);
        Block shb = new Block(PcapFormat.SHB_TYPE);
        shb.i32(PcapFormat.BYTE_ORDER_MAGIC).i16(1).i16(0).i64(-1); // version 1.0, section length unknown
        shb.option(PcapFormat.OPT_COMMENT, utf8(sectionComment)).option(PcapFormat.OPT_SHB_USERAPPL, utf8(application))
                .endOptions();
        w.out.write(shb.finish());
        Block idb = new Block(PcapFormat.IDB_TYPE);
        idb.i16(linkType).i16(0).i32(PcapFormat.MAX_FRAME);
        idb.option(PcapFormat.OPT_IF_TSRESOL, new byte[] {9}).endOptions(); // 10^-9: nanoseconds
        w.out.write(idb.finish());
        return w;
    }

    /** Writes one frame of the interface, stamped {@code epochNanos}, with an optional comment (null for none). */
    public void write(long epochNanos, byte[] data, String comment) throws IOException {
        int incl = Math.min(data.length, PcapFormat.MAX_FRAME);
        Block epb = new Block(PcapFormat.EPB_TYPE);
        epb.i32(0).i32((int) (epochNanos >>> 32)).i32((int) epochNanos).i32(incl).i32(data.length);
        epb.bytes(data, incl).pad();
        if (comment != null && !comment.isEmpty()) {
            epb.option(PcapFormat.OPT_COMMENT, utf8(comment)).endOptions();
        }
        out.write(epb.finish());
    }

    /** Flushes the stream (the caller closes it). */
    @Override
    public void close() throws IOException {
        out.flush();
    }

    private static byte[] utf8(String s) {
        byte[] b = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
        if (b.length <= MAX_COMMENT) {
            return b;
        }
        // Cut on a character boundary: never leave half a UTF-8 sequence.
        int n = MAX_COMMENT;
        while (n > 0 && (b[n] & 0xC0) == 0x80) {
            n--;
        }
        return java.util.Arrays.copyOf(b, n);
    }

    /** A block under construction: type, length (patched), body, trailing length. */
    private static final class Block {
        private byte[] b = new byte[256];
        private int n;

        Block(int type) {
            i32(type).i32(0);
        }

        Block i16(int v) {
            ensure(2);
            b[n++] = (byte) v;
            b[n++] = (byte) (v >>> 8);
            return this;
        }

        Block i32(int v) {
            return i16(v).i16(v >>> 16);
        }

        Block i64(long v) {
            return i32((int) v).i32((int) (v >>> 32));
        }

        Block bytes(byte[] src, int len) {
            ensure(len);
            System.arraycopy(src, 0, b, n, len);
            n += len;
            return this;
        }

        Block pad() {
            while ((n & 3) != 0) {
                ensure(1);
                b[n++] = 0;
            }
            return this;
        }

        Block option(int code, byte[] value) {
            if (value.length == 0) {
                return this;
            }
            return i16(code).i16(value.length).bytes(value, value.length).pad();
        }

        Block endOptions() {
            return i16(PcapFormat.OPT_END).i16(0);
        }

        byte[] finish() {
            int total = n + 4;
            i32(total);
            b[4] = (byte) total;
            b[5] = (byte) (total >>> 8);
            b[6] = (byte) (total >>> 16);
            b[7] = (byte) (total >>> 24);
            return java.util.Arrays.copyOf(b, n);
        }

        private void ensure(int more) {
            if (n + more > b.length) {
                b = java.util.Arrays.copyOf(b, Math.max(b.length * 2, n + more));
            }
        }
    }
}
