package io.mediapath.ice.receipt;

import java.util.Arrays;

/**
 * How requests and receipts travel. Over TCP (plain, after the pseudo-TLS answer, or inside TLS) each is one frame:
 * a 4-byte magic, a 2-byte big-endian body length, the body. The first magic byte, 0xF5, is outside every range of
 * the RFC 7983 demultiplexing table (STUN 0–3, DTLS 20–63, TURN channels 64–79, RTP 128–191) and is no TLS record
 * type, so a frame is never mistaken for relay traffic. Over UDP both ride in comprehension-optional STUN attributes
 * of the Binding request and its response.
 */
public final class ReceiptFrames {

    /** Magic of a request frame: {@code F5 'M' 'P' 'Q'}. */
    public static final byte[] REQUEST_MAGIC = {(byte) 0xF5, 'M', 'P', 'Q'};
    /**
     * Magic of a request for the receipt in place of the answer ({@link ReceiptRequest.Mode#INSTEAD_OF_ANSWER}):
     * {@code F5 'M' 'P' 'I'}, sent before the hello.
     */
    public static final byte[] INSTEAD_MAGIC = {(byte) 0xF5, 'M', 'P', 'I'};
    /** Magic of a receipt frame: {@code F5 'M' 'P' 'R'}. */
    public static final byte[] RECEIPT_MAGIC = {(byte) 0xF5, 'M', 'P', 'R'};
    /** Length of a frame header. */
    public static final int HEADER_LENGTH = 6;
    /** The longest body a frame may carry (a receipt is at most {@link ReceiptCodec#MAX_LENGTH}). */
    public static final int MAX_BODY = ReceiptCodec.MAX_LENGTH;
    /** STUN attribute (comprehension-optional) carrying a {@link ReceiptRequest} in a Binding request. */
    public static final int STUN_RECEIPT_REQUEST = 0xC0A0;
    /** STUN attribute (comprehension-optional) carrying a receipt in a Binding success response. */
    public static final int STUN_RECEIPT = 0xC0A1;
    /**
     * STUN attribute (comprehension-optional) carrying a {@link ReceiptRequest.Mode#INSTEAD_OF_ANSWER} request in a
     * Binding request: the answer, if the request is valid, is a bare receipt frame in place of the Binding success.
     */
    public static final int STUN_RECEIPT_INSTEAD = 0xC0A2;

    private ReceiptFrames() {
    }

    /** A request frame: {@link #REQUEST_MAGIC}, or {@link #INSTEAD_MAGIC} for a request in place of the answer. */
    public static byte[] request(ReceiptRequest request) {
        return frame(request.mode() == ReceiptRequest.Mode.INSTEAD_OF_ANSWER ? INSTEAD_MAGIC : REQUEST_MAGIC,
                request.bytes());
    }

    /** A receipt frame around an encoded receipt. */
    public static byte[] receipt(byte[] encodedReceipt) {
        return frame(RECEIPT_MAGIC, encodedReceipt);
    }

    private static byte[] frame(byte[] magic, byte[] body) {
        if (body.length > MAX_BODY) {
            throw new IllegalArgumentException("frame body: " + body.length + " bytes (expected: at most " + MAX_BODY + ")");
        }
        byte[] f = new byte[HEADER_LENGTH + body.length];
        System.arraycopy(magic, 0, f, 0, 4);
        f[4] = (byte) (body.length >>> 8);
        f[5] = (byte) body.length;
        System.arraycopy(body, 0, f, HEADER_LENGTH, body.length);
        return f;
    }

    /** True when {@code buf[off..off+len)} starts with (a prefix of) {@code magic}. */
    public static boolean startsWith(byte[] buf, int off, int len, byte[] magic) {
        int n = Math.min(len, magic.length);
        for (int i = 0; i < n; i++) {
            if (buf[off + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The total length (header + body) of the frame with {@code magic} at {@code buf[off..off+len)}, or -1 while
     * fewer than {@link #HEADER_LENGTH} bytes are there.
     *
     * @throws ReceiptFormatException when the bytes do not start with {@code magic} or the body is too long
     */
    public static int frameLength(byte[] buf, int off, int len, byte[] magic) {
        if (off < 0 || len < 0 || off + len > buf.length) {
            throw new IndexOutOfBoundsException("off " + off + " len " + len + " of " + buf.length);
        }
        if (!startsWith(buf, off, len, magic)) {
            throw new ReceiptFormatException("not a " + name(magic) + " frame");
        }
        if (len < HEADER_LENGTH) {
            return -1;
        }
        int body = ((buf[off + 4] & 0xff) << 8) | (buf[off + 5] & 0xff);
        if (body > MAX_BODY) {
            throw new ReceiptFormatException(name(magic) + " frame body " + body + " bytes (at most " + MAX_BODY + ")");
        }
        return HEADER_LENGTH + body;
    }

    /** The body of a complete frame with {@code magic}. */
    public static byte[] body(byte[] frame, byte[] magic) {
        int n = frameLength(frame, 0, frame.length, magic);
        if (n < 0 || n != frame.length) {
            throw new ReceiptFormatException(name(magic) + " frame: " + frame.length + " bytes, header says " + n);
        }
        return Arrays.copyOfRange(frame, HEADER_LENGTH, n);
    }

    private static String name(byte[] magic) {
        return Arrays.equals(magic, REQUEST_MAGIC) ? "receipt request"
                : Arrays.equals(magic, INSTEAD_MAGIC) ? "receipt-instead request" : "receipt";
    }
}
