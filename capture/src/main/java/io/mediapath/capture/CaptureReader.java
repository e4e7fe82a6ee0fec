package io.mediapath.capture;

import io.mediapath.capture.CaptureFormatException.Reason;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the frames of a pcap or pcapng capture, one at a time, from a stream of any size: memory is one frame plus
 * the interface table. The format is detected from the magic. Frame numbers count every block that is a packet
 * (pcapng Enhanced, Simple and obsolete Packet Blocks), across sections, so they are Wireshark's frame numbers.
 *
 * <p>Errors are {@link CaptureFormatException}s with a {@link Reason}; nothing in the file can make the reader
 * allocate more than {@link PcapFormat#MAX_BLOCK} bytes at once. Not thread-safe.
 */
public final class CaptureReader implements Closeable {

    private final InputStream in;
    private final CaptureFormat format;
    private long offset;
    private long frames;

    // classic pcap
    private boolean little;
    private boolean nanos;
    private int pcapLinkType;
    private int snaplen;

    // pcapng: interfaces of the current section
    private final List<Iface> interfaces = new ArrayList<>();

    private record Iface(int linkType, int snaplen, long unitsPerSecond, long offsetSeconds) {
    }

    private CaptureReader(InputStream in) throws IOException {
        this.in = in;
        byte[] magic = new byte[4];
        int n = in.readNBytes(magic, 0, 4);
        if (n < 4) {
            throw new CaptureFormatException(Reason.TRUNCATED, 0, "fewer than 4 bytes: not a capture");
        }
        offset = 4;
        CaptureFormat f = CaptureFormat.detect(magic);
        if (f == null) {
            throw new CaptureFormatException(Reason.NOT_A_CAPTURE, 0, "magic " + hex(magic)
                    + " is neither pcap (a1b2c3d4, a1b23c4d, either byte order) nor pcapng (0a0d0d0a)");
        }
        format = f;
        if (f == CaptureFormat.PCAP) {
            pcapHeader(magic);
        } else {
            sectionHeader(0);
        }
    }

    /** Opens a capture on a stream (buffered here); the reader owns it and closes it. */
    public static CaptureReader open(InputStream in) throws IOException {
        InputStream b = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16);
        try {
            return new CaptureReader(b);
        } catch (IOException | RuntimeException e) {
            b.close();
            throw e;
        }
    }

    /** Opens a capture file. */
    public static CaptureReader open(Path file) throws IOException {
        return open(Files.newInputStream(file));
    }

    /** The file's format. */
    public CaptureFormat format() {
        return format;
    }

    /** Frames returned so far. */
    public long frames() {
        return frames;
    }

    /** Bytes of the file consumed so far. */
    public long offset() {
        return offset;
    }

    /** The next frame, or null at the end of the file. */
    public Frame next() throws IOException {
        return format == CaptureFormat.PCAP ? nextPcap() : nextPcapng();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    // ---- classic pcap

    private void pcapHeader(byte[] magic) throws IOException {
        int be = ((magic[0] & 0xff) << 24) | ((magic[1] & 0xff) << 16) | ((magic[2] & 0xff) << 8) | (magic[3] & 0xff);
        int kind = PcapFormat.pcapMagicKind(be);
        little = kind < 0;
        nanos = Math.abs(kind) == 2;
        byte[] h = readExactly(PcapFormat.PCAP_HEADER_LENGTH - 4, 0, "pcap file header");
        int major = u16(h, 0);
        if (major != PcapFormat.VERSION_MAJOR) {
            throw new CaptureFormatException(Reason.UNSUPPORTED_VERSION, 4, "pcap version " + major + "." + u16(h, 2));
        }
        snaplen = i32(h, 12);
        if (snaplen == 0) {
            throw new CaptureFormatException(Reason.ZERO_SNAPLEN, 16, "the file header's snapshot length is 0");
        }
        // The upper bits of the link-type field carry FCS information (draft-ietf-opsawg-pcap §4); the type is the low 16.
        pcapLinkType = i32(h, 16) & 0xffff;
    }

    private Frame nextPcap() throws IOException {
        long at = offset;
        byte[] r = readOrEnd(PcapFormat.PCAP_RECORD_HEADER_LENGTH, "pcap record header");
        if (r == null) {
            return null;
        }
        long sec = i32(r, 0) & 0xffffffffL;
        long frac = i32(r, 4) & 0xffffffffL;
        long incl = i32(r, 8) & 0xffffffffL;
        long orig = i32(r, 12) & 0xffffffffL;
        if (incl > PcapFormat.MAX_FRAME) {
            throw new CaptureFormatException(Reason.BAD_LENGTH, at + 8, "captured length " + incl + " exceeds "
                    + PcapFormat.MAX_FRAME);
        }
        byte[] data = readExactly((int) incl, at, "pcap record data");
        long ns = sec * 1_000_000_000L + (nanos ? frac : frac * 1000);
        return new Frame(++frames, ns, pcapLinkType, (int) Math.min(Integer.MAX_VALUE, Math.max(orig, incl)), data);
    }

    // ---- pcapng

    private void sectionHeader(long at) throws IOException {
        // Type already consumed; length (4), byte-order magic (4).
        byte[] lm = readExactly(8, at, "section header block");
        int bom = ((lm[4] & 0xff) << 24) | ((lm[5] & 0xff) << 16) | ((lm[6] & 0xff) << 8) | (lm[7] & 0xff);
        if (bom == PcapFormat.BYTE_ORDER_MAGIC) {
            little = false;
        } else if (bom == Integer.reverseBytes(PcapFormat.BYTE_ORDER_MAGIC)) {
            little = true;
        } else {
            throw new CaptureFormatException(Reason.UNSUPPORTED_VERSION, at + 8, "byte-order magic " + hex(lm, 4, 4));
        }
        long len = i32(lm, 0) & 0xffffffffL;
        checkBlockLength(len, 28, at);
        byte[] rest = readExactly((int) len - 12, at, "section header block");
        int major = u16(rest, 0);
        if (major != 1) {
            throw new CaptureFormatException(Reason.UNSUPPORTED_VERSION, at + 12, "pcapng version " + major);
        }
        trailer(rest, len, at);
        interfaces.clear();
    }

    private Frame nextPcapng() throws IOException {
        while (true) {
            long at = offset;
            byte[] h = readOrEnd(8, "pcapng block header");
            if (h == null) {
                return null;
            }
            int typeBe = ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
            if (typeBe == PcapFormat.SHB_TYPE) {
                // A new section: its own byte order. Re-read the length after the byte-order magic.
                byte[] bom = readExactly(4, at, "section header block");
                int b = ((bom[0] & 0xff) << 24) | ((bom[1] & 0xff) << 16) | ((bom[2] & 0xff) << 8) | (bom[3] & 0xff);
                if (b == PcapFormat.BYTE_ORDER_MAGIC) {
                    little = false;
                } else if (b == Integer.reverseBytes(PcapFormat.BYTE_ORDER_MAGIC)) {
                    little = true;
                } else {
                    throw new CaptureFormatException(Reason.UNSUPPORTED_VERSION, at + 8, "byte-order magic " + hex(bom));
                }
                long len = i32(h, 4) & 0xffffffffL;
                checkBlockLength(len, 28, at);
                byte[] rest = readExactly((int) len - 12, at, "section header block");
                if (u16(rest, 0) != 1) {
                    throw new CaptureFormatException(Reason.UNSUPPORTED_VERSION, at + 12, "pcapng version " + u16(rest, 0));
                }
                trailer(rest, len, at);
                interfaces.clear();
                continue;
            }
            int type = i32(h, 0);
            long len = i32(h, 4) & 0xffffffffL;
            checkBlockLength(len, 12, at);
            byte[] body = readExactly((int) len - 8, at, "pcapng block");
            trailer(body, len, at);
            int bodyLen = body.length - 4;
            switch (type) {
                case PcapFormat.IDB_TYPE -> interfaces.add(idb(body, bodyLen, at));
                case PcapFormat.EPB_TYPE -> {
                    return epb(body, bodyLen, at, false);
                }
                case PcapFormat.PB_TYPE -> {
                    return epb(body, bodyLen, at, true);
                }
                case PcapFormat.SPB_TYPE -> {
                    return spb(body, bodyLen, at);
                }
                default -> {
                    // Name resolution, statistics, decryption secrets, custom blocks: not frames.
                }
            }
        }
    }

    private Iface idb(byte[] b, int bodyLen, long at) throws CaptureFormatException {
        if (bodyLen < 8) {
            throw new CaptureFormatException(Reason.BAD_LENGTH, at, "interface description block body of " + bodyLen + " bytes");
        }
        int link = u16(b, 0);
        int snap = i32(b, 4);
        long units = 1_000_000L;
        long tsOffset = 0;
        int p = 8;
        while (p + 4 <= bodyLen) {
            int code = u16(b, p);
            int olen = u16(b, p + 2);
            p += 4;
            if (code == PcapFormat.OPT_END || p + olen > bodyLen) {
                break;
            }
            if (code == PcapFormat.OPT_IF_TSRESOL && olen >= 1) {
                int v = b[p] & 0xff;
                int exp = v & 0x7f;
                if ((v & 0x80) == 0) {
                    units = exp <= 18 ? pow(10, exp) : -1;
                } else {
                    units = exp <= 62 ? 1L << exp : -1;
                }
                if (units <= 0) {
                    throw new CaptureFormatException(Reason.UNSUPPORTED_VERSION, at, "timestamp resolution byte " + v);
                }
            } else if (code == PcapFormat.OPT_IF_TSOFFSET && olen >= 8) {
                tsOffset = little ? Long.reverseBytes(be64(b, p)) : be64(b, p);
            }
            p += (olen + 3) & ~3;
        }
        return new Iface(link, snap, units, tsOffset);
    }

    private Frame epb(byte[] b, int bodyLen, long at, boolean obsolete) throws CaptureFormatException {
        if (bodyLen < 20) {
            throw new CaptureFormatException(Reason.BAD_LENGTH, at, "packet block body of " + bodyLen + " bytes");
        }
        int ifId = obsolete ? u16(b, 0) : i32(b, 0);
        Iface iface = iface(ifId, at);
        long hi = i32(b, 4) & 0xffffffffL;
        long lo = i32(b, 8) & 0xffffffffL;
        long cap = i32(b, 12) & 0xffffffffL;
        long orig = i32(b, 16) & 0xffffffffL;
        if (cap > bodyLen - 20 || cap > PcapFormat.MAX_FRAME) {
            throw new CaptureFormatException(Reason.BAD_LENGTH, at + 20, "captured length " + cap + " in a block of "
                    + (bodyLen + 12) + " bytes");
        }
        byte[] data = new byte[(int) cap];
        System.arraycopy(b, 20, data, 0, (int) cap);
        return new Frame(++frames, stamp(iface, (hi << 32) | lo), iface.linkType,
                (int) Math.min(Integer.MAX_VALUE, Math.max(orig, cap)), data);
    }

    private Frame spb(byte[] b, int bodyLen, long at) throws CaptureFormatException {
        if (bodyLen < 4) {
            throw new CaptureFormatException(Reason.BAD_LENGTH, at, "simple packet block body of " + bodyLen + " bytes");
        }
        Iface iface = iface(0, at);
        long orig = i32(b, 0) & 0xffffffffL;
        long cap = Math.min(orig, bodyLen - 4);
        if (iface.snaplen > 0) {
            cap = Math.min(cap, iface.snaplen & 0xffffffffL);
        }
        byte[] data = new byte[(int) cap];
        System.arraycopy(b, 4, data, 0, (int) cap);
        // A Simple Packet Block has no timestamp.
        return new Frame(++frames, 0, iface.linkType, (int) Math.min(Integer.MAX_VALUE, orig), data);
    }

    private Iface iface(int id, long at) throws CaptureFormatException {
        if (id < 0 || id >= interfaces.size()) {
            throw new CaptureFormatException(Reason.UNKNOWN_INTERFACE, at, "packet on interface " + (id & 0xffffffffL)
                    + ", but the section described " + interfaces.size());
        }
        return interfaces.get(id);
    }

    private static long stamp(Iface iface, long ticks) {
        long u = iface.unitsPerSecond;
        long sec = Long.divideUnsigned(ticks, u);
        long rem = Long.remainderUnsigned(ticks, u);
        long ns = u == 1_000_000_000L ? rem : (long) ((double) rem * 1e9 / u);
        return (sec + iface.offsetSeconds) * 1_000_000_000L + ns;
    }

    private static void checkBlockLength(long len, int min, long at) throws CaptureFormatException {
        if (len < min || (len & 3) != 0 || len > PcapFormat.MAX_BLOCK) {
            throw new CaptureFormatException(Reason.BAD_LENGTH, at + 4, "block length " + len
                    + (len > PcapFormat.MAX_BLOCK ? " exceeds " + PcapFormat.MAX_BLOCK
                    : len < min ? " below the minimum " + min : " is not a multiple of 4"));
        }
    }

    private void trailer(byte[] rest, long len, long at) throws CaptureFormatException {
        long t = i32(rest, rest.length - 4) & 0xffffffffL;
        if (t != len) {
            throw new CaptureFormatException(Reason.BAD_LENGTH, at + len - 4, "trailing block length " + t
                    + " differs from the leading " + len);
        }
    }

    // ---- bytes

    private byte[] readOrEnd(int n, String what) throws IOException {
        byte[] b = new byte[n];
        int got = in.readNBytes(b, 0, n);
        if (got == 0) {
            return null;
        }
        if (got < n) {
            throw new CaptureFormatException(Reason.TRUNCATED, offset, what + ": " + got + " of " + n + " bytes");
        }
        offset += n;
        return b;
    }

    private byte[] readExactly(int n, long structureAt, String what) throws IOException {
        byte[] b = new byte[n];
        int got = in.readNBytes(b, 0, n);
        offset += got;
        if (got < n) {
            throw new CaptureFormatException(Reason.TRUNCATED, structureAt, what + " cut after " + got + " of " + n
                    + " bytes");
        }
        return b;
    }

    private int u16(byte[] b, int p) {
        return little ? (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 : (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
    }

    private int i32(byte[] b, int p) {
        int v = ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
        return little ? Integer.reverseBytes(v) : v;
    }

    private static long be64(byte[] b, int p) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[p + i] & 0xff);
        }
        return v;
    }

    private static long pow(int base, int exp) {
        long v = 1;
        for (int i = 0; i < exp; i++) {
            v *= base;
        }
        return v;
    }

    private static String hex(byte[] b) {
        return hex(b, 0, b.length);
    }

    private static String hex(byte[] b, int from, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < from + n; i++) {
            sb.append(String.format("%02x", b[i] & 0xff));
        }
        return sb.toString();
    }
}
