package io.mediapath.ice.wire;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The MS-TURN pseudo-TLS exchange ([MS-TURN] §2.1.1; bytes as libnice's {@code socket/pseudossl.c} MSOC mode sends
 * and checks them): the client's fixed 50-byte ClientHello (TLS 1.0, cipher 0x0018 only, no extensions) and the
 * relay's 83-byte answer, a ServerHello and ServerHelloDone in one record whose random (offsets 11..42) and session
 * id (44..75) are wildcards. The one copy turn-client's MS-TURN client and tls-inspect's probe both use; the lab's
 * emulated Edge writes its answer independently, from the specification.
 */
public final class PseudoTls {
    /** Length of the ClientHello. */
    public static final int HELLO_LENGTH = 50;
    /** Length of the relay's answer. */
    public static final int ANSWER_LENGTH = 83;

    private static final byte[] HELLO = HexFormat.of().parseHex(
            "160301002d0100002903" + "01c1fcd5a36d93dd7e0b45673fec7985fbbc3fd660c2ce8485081b8121bcaa10fb"
            + "0000020018" + "0100");

    // The answer with the wildcard ranges zeroed.
    private static final byte[] TEMPLATE = new byte[ANSWER_LENGTH];

    static {
        byte[] head = HexFormat.of().parseHex("160301004e0200004603" + "01");
        System.arraycopy(head, 0, TEMPLATE, 0, head.length);
        TEMPLATE[43] = 0x20; // session id length
        byte[] tail = HexFormat.of().parseHex("0018" + "00" + "0e000000");
        System.arraycopy(tail, 0, TEMPLATE, 76, tail.length);
    }

    private PseudoTls() {
    }

    /** A copy of the 50-byte ClientHello. */
    public static byte[] hello() {
        return HELLO.clone();
    }

    /** A copy of the 83-byte answer template, the wildcard ranges zeroed. */
    public static byte[] template() {
        return TEMPLATE.clone();
    }

    /** True for an offset of the answer any value may take (the random or the session id). */
    public static boolean wildcard(int offset) {
        return (offset >= 11 && offset <= 42) || (offset >= 44 && offset <= 75);
    }

    /**
     * The first offset below {@code length} where {@code answer} cannot be the relay's answer, or -1 when every byte
     * so far fits (the answer may still be incomplete). A byte at offset 83 or beyond never fits: the relay sends
     * nothing more until the client speaks.
     */
    public static int firstMismatch(byte[] answer, int length) {
        if (length < 0 || length > answer.length) {
            throw new IndexOutOfBoundsException("length " + length + " of " + answer.length);
        }
        for (int i = 0; i < length; i++) {
            if (i >= ANSWER_LENGTH || (!wildcard(i) && answer[i] != TEMPLATE[i])) {
                return i;
            }
        }
        return -1;
    }

    /** True when {@code answer} is exactly the relay's 83-byte answer. */
    public static boolean matches(byte[] answer) {
        return answer.length == ANSWER_LENGTH && firstMismatch(answer, ANSWER_LENGTH) < 0;
    }

    /** True when {@code answer} is shorter than 83 bytes and every byte of it fits: the rest may still come. */
    public static boolean isGenuinePrefix(byte[] answer) {
        return answer.length < ANSWER_LENGTH && firstMismatch(answer, answer.length) < 0;
    }

    /** A genuine answer with the given random and session id (32 bytes each), for emulators and tests. */
    public static byte[] answer(byte[] random, byte[] sessionId) {
        if (random.length != 32 || sessionId.length != 32) {
            throw new IllegalArgumentException("random and session id: 32 bytes each");
        }
        byte[] a = TEMPLATE.clone();
        System.arraycopy(random, 0, a, 11, 32);
        System.arraycopy(sessionId, 0, a, 44, 32);
        return a;
    }

    /** Names what answered instead of the relay, from the first {@code length} bytes: for errors and findings. */
    public static String describe(byte[] answer, int length) {
        if (length > 0 && (answer[0] & 0xff) == 0x16) {
            return length >= 6 && answer[5] == 0x02
                    ? "a real TLS ServerHello (a different handshake, e.g. with a Certificate: TLS interception)"
                    : "a TLS handshake record that is not the pseudo-TLS answer";
        }
        return UnexpectedBytes.describe(answer, length);
    }
}
