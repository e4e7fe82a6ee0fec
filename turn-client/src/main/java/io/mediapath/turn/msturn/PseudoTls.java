package io.mediapath.turn.msturn;

import java.nio.charset.StandardCharsets;

/**
 * The MS-TURN pseudo-TLS exchange ([MS-TURN] 2.1.1; bytes from libnice {@code socket/pseudossl.c}, guide §7.1):
 * the client's fixed 50-byte ClientHello (TLS 1.0, cipher 0x0018 only, no extensions) and the check of the Edge's
 * 83-byte answer (ServerHello + ServerHelloDone in one record; random and session id are wildcards). turn-client
 * keeps its own copy because it must not depend on tls-inspect.
 */
public final class PseudoTls {
    /** Length of the Edge's answer. */
    public static final int SERVER_HELLO_LENGTH = 83;

    private static final byte[] CLIENT_HELLO = hex(
            "16030100 2d010000 290301c1 fcd5a36d 93dd7e0b 45673fec 7985fbbc 3fd660c2 ce848508 1b8121bc aa10fb00"
            + " 00020018 0100");

    private static final byte[] SERVER_TEMPLATE = new byte[SERVER_HELLO_LENGTH];

    static {
        byte[] head = hex("16030100 4e020000 460301");
        System.arraycopy(head, 0, SERVER_TEMPLATE, 0, head.length);
        SERVER_TEMPLATE[43] = 0x20;
        byte[] tail = hex("0018000e 000000");
        System.arraycopy(tail, 0, SERVER_TEMPLATE, 76, tail.length);
    }

    private PseudoTls() {
    }

    /** A copy of the 50-byte ClientHello. */
    public static byte[] clientHello() {
        return CLIENT_HELLO.clone();
    }

    /**
     * Checks the first {@code length} bytes of an answer against the Edge's template (offsets 11..42 random and
     * 44..75 session id are wildcards). Returns the offset of the first byte that differs, or -1 when every byte so
     * far matches (the answer may still be incomplete). Bytes beyond 83 always differ.
     */
    public static int firstMismatch(byte[] answer, int length) {
        for (int i = 0; i < length; i++) {
            if (i >= SERVER_HELLO_LENGTH) {
                return i;
            }
            boolean wildcard = (i >= 11 && i <= 42) || (i >= 44 && i <= 75);
            if (!wildcard && answer[i] != SERVER_TEMPLATE[i]) {
                return i;
            }
        }
        return -1;
    }

    /** True when {@code answer} is exactly a genuine 83-byte Edge answer. */
    public static boolean isServerHello(byte[] answer) {
        return answer.length == SERVER_HELLO_LENGTH && firstMismatch(answer, answer.length) < 0;
    }

    /** Names what answered instead of the Edge, from the first bytes: for error messages and findings. */
    public static String describe(byte[] answer, int length) {
        if (length == 0) {
            return "no bytes";
        }
        int b0 = answer[0] & 0xff;
        if (b0 == 0x15 && length >= 7) {
            return "a TLS alert (level " + (answer[5] & 0xff) + ", description " + (answer[6] & 0xff) + ")";
        }
        if (b0 == 0x15) {
            return "a TLS alert";
        }
        if (b0 == 0x16 && length >= 6 && answer[5] == 0x02) {
            return "a real TLS ServerHello (a different handshake, e.g. with a Certificate: TLS interception)";
        }
        if (b0 == 0x16) {
            return "a TLS handshake record that is not the pseudo-TLS answer";
        }
        String text = new String(answer, 0, Math.min(length, 12), StandardCharsets.ISO_8859_1);
        if (text.startsWith("HTTP/")) {
            return "an HTTP response (" + text.strip() + "...): a web proxy";
        }
        return String.format("unexpected bytes starting 0x%02x", b0);
    }

    static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s.replace(" ", ""));
    }
}
