package io.mediapath.tls.wire;

/**
 * The MS-TURN pseudo-TLS exchange ([MS-TURN] §2.1.1, bytes as libnice's MSOC mode sends and checks them): a fixed
 * 50-byte ClientHello, and an 83-byte single-record ServerHello + ServerHelloDone answer whose random (offsets
 * 11..42) and session id (44..75) are wildcards.
 */
public final class PseudoTls {

    /** Length of the relay's answer. */
    public static final int ANSWER_LENGTH = 83;

    private static final byte[] HELLO = hex(
            "16 03 01 00 2d 01 00 00 29 03 01"
            + " c1 fc d5 a3 6d 93 dd 7e 0b 45 67 3f ec 79 85 fb bc 3f d6 60 c2 ce 84 85 08 1b 81 21 bc aa 10 fb"
            + " 00 00 02 00 18 01 00");

    // The answer with the wildcard ranges zeroed.
    private static final byte[] TEMPLATE;

    static {
        byte[] t = new byte[ANSWER_LENGTH];
        byte[] head = hex("16 03 01 00 4e 02 00 00 46 03 01");
        System.arraycopy(head, 0, t, 0, head.length);
        t[43] = 0x20;
        byte[] tail = hex("00 18 00 0e 00 00 00");
        System.arraycopy(tail, 0, t, 76, tail.length);
        TEMPLATE = t;
    }

    private PseudoTls() {
    }

    /** A copy of the 50-byte pseudo-TLS ClientHello. */
    public static byte[] hello() {
        return HELLO.clone();
    }

    /** A copy of the 83-byte answer template with the wildcard ranges zeroed. */
    public static byte[] template() {
        return TEMPLATE.clone();
    }

    /** True for a wildcard offset (random or session id). */
    public static boolean wildcard(int offset) {
        return (offset >= 11 && offset <= 42) || (offset >= 44 && offset <= 75);
    }

    /** True when {@code answer} is exactly the 83-byte template, wildcards masked. */
    public static boolean matches(byte[] answer) {
        return answer.length == ANSWER_LENGTH && firstMismatch(answer) < 0;
    }

    /**
     * The first offset where {@code answer} differs from the template (outside the wildcards), the answer's length
     * when it is a strict prefix of the template, or -1 when the first 83 bytes match.
     */
    public static int firstMismatch(byte[] answer) {
        int n = Math.min(answer.length, ANSWER_LENGTH);
        for (int i = 0; i < n; i++) {
            if (!wildcard(i) && answer[i] != TEMPLATE[i]) {
                return i;
            }
        }
        return answer.length < ANSWER_LENGTH ? answer.length : -1;
    }

    /** A genuine-looking answer with the given random and session id (32 bytes each), for emulators and tests. */
    public static byte[] answer(byte[] random, byte[] sessionId) {
        if (random.length != 32 || sessionId.length != 32) {
            throw new IllegalArgumentException("random and session id: 32 bytes each");
        }
        byte[] a = TEMPLATE.clone();
        System.arraycopy(random, 0, a, 11, 32);
        System.arraycopy(sessionId, 0, a, 44, 32);
        return a;
    }

    static byte[] hex(String s) {
        String[] parts = s.trim().split("\\s+");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }

    /** Lowercase spaced hex of up to {@code max} bytes, with "…" when cut. */
    public static String hexDump(byte[] b, int max) {
        String h = Bytes.hex(b, 0, Math.min(b.length, max));
        return b.length > max ? h + " …" : h;
    }
}
