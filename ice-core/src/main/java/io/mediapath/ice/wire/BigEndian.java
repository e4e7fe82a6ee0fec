package io.mediapath.ice.wire;

/**
 * Network byte order reads and writes on byte arrays. The caller checks bounds first (an index outside the array
 * throws {@link ArrayIndexOutOfBoundsException}, as the JDK does), so a parser decides what "truncated" means.
 */
public final class BigEndian {
    private BigEndian() {
    }

    /** The unsigned 16-bit value at {@code i}. */
    public static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    /** The unsigned 24-bit value at {@code i}. */
    public static int u24(byte[] b, int i) {
        return ((b[i] & 0xff) << 16) | ((b[i + 1] & 0xff) << 8) | (b[i + 2] & 0xff);
    }

    /** The 32-bit value at {@code i} (as a Java int: read it with {@code Integer.toUnsignedLong} when unsigned). */
    public static int u32(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    /** Writes the low 16 bits of {@code v} at {@code i}. */
    public static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    /** Writes {@code v} at {@code i}. */
    public static void put32(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }
}
