package io.mediapath.tls.wire;

import io.mediapath.ice.wire.BigEndian;

/** A bounds-checked reader over a byte array: every read past the end is a {@link WireFormatException}. */
final class Bytes {
    private final byte[] data;
    private final int end;
    private int pos;

    Bytes(byte[] data) {
        this(data, 0, data.length);
    }

    Bytes(byte[] data, int from, int to) {
        this.data = data;
        this.pos = from;
        this.end = to;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    int u8() throws WireFormatException {
        need(1);
        return data[pos++] & 0xff;
    }

    int u16() throws WireFormatException {
        need(2);
        int v = BigEndian.u16(data, pos);
        pos += 2;
        return v;
    }

    int u24() throws WireFormatException {
        need(3);
        int v = BigEndian.u24(data, pos);
        pos += 3;
        return v;
    }

    byte[] take(int n) throws WireFormatException {
        need(n);
        byte[] out = java.util.Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    /** A reader over the next {@code n} bytes; this reader skips them. */
    Bytes slice(int n) throws WireFormatException {
        need(n);
        Bytes b = new Bytes(data, pos, pos + n);
        pos += n;
        return b;
    }

    private void need(int n) throws WireFormatException {
        if (n < 0 || end - pos < n) {
            throw new WireFormatException("truncated: need " + n + " bytes, " + (end - pos) + " left", pos);
        }
    }

    static String hex(byte[] b, int from, int len) {
        StringBuilder sb = new StringBuilder(len * 3);
        int to = Math.min(b.length, from + Math.max(0, len));
        for (int i = Math.max(0, from); i < to; i++) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return sb.toString();
    }
}
