package io.mediapath.ice.wire;

import java.nio.charset.StandardCharsets;

/**
 * Names what answered when the expected protocol did not: an HTTP response (a web proxy's 407, a portal's 302) by its
 * status line, a TLS record by its type, anything else by its first byte. The one place turn-client's RFC and MS-TURN
 * clients word it, so {@code turn}, {@code turn --ms-turn} and the pseudo-TLS check say the same thing about the same
 * bytes. Bounded: reads at most {@link #MAX_LINE} bytes and prints only printable ASCII.
 */
public final class UnexpectedBytes {
    /** The most of an HTTP status line that is quoted. */
    public static final int MAX_LINE = 120;

    private UnexpectedBytes() {
    }

    /** Whether the bytes start like an HTTP response ({@code HTTP/}), as far as they go. */
    public static boolean mayBeHttp(byte[] bytes, int length) {
        byte[] p = "HTTP/".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < Math.min(length, p.length); i++) {
            if (bytes[i] != p[i]) {
                return false;
            }
        }
        return length > 0;
    }

    /** Whether an HTTP response's status line is complete (a line break came) or as much as is quoted arrived. */
    public static boolean statusLineComplete(byte[] bytes, int length) {
        for (int i = 0; i < Math.min(length, MAX_LINE); i++) {
            if (bytes[i] == '\r' || bytes[i] == '\n') {
                return true;
            }
        }
        return length >= MAX_LINE;
    }

    /**
     * A phrase for the first {@code length} bytes: {@code an HTTP response "HTTP/1.1 407 Proxy Authentication
     * Required": a web proxy or web server answered}, {@code a TLS alert (level 2, description 40)}, {@code a TLS
     * handshake record}, {@code unexpected bytes starting 0x17 0x03}, or {@code no bytes}.
     */
    public static String describe(byte[] bytes, int length) {
        int n = Math.min(length, bytes.length);
        if (n <= 0) {
            return "no bytes";
        }
        if (mayBeHttp(bytes, n) && n >= 5) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < Math.min(n, MAX_LINE) && bytes[i] != '\r' && bytes[i] != '\n'; i++) {
                int c = bytes[i] & 0xff;
                line.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
            }
            String status = line.toString().strip();
            String who = status.matches("HTTP/\\S+ 407\\b.*") ? "a web proxy demands authentication"
                    : "a web proxy or web server answered";
            return "an HTTP response \"" + status + "\": " + who;
        }
        int b0 = bytes[0] & 0xff;
        if (b0 == 0x15 && n >= 7) {
            return "a TLS alert (level " + (bytes[5] & 0xff) + ", description " + (bytes[6] & 0xff) + ")";
        }
        if (b0 == 0x15) {
            return "a TLS alert";
        }
        if (b0 == 0x16) {
            return "a TLS handshake record";
        }
        return n >= 2 ? String.format("unexpected bytes starting 0x%02x 0x%02x", b0, bytes[1] & 0xff)
                : String.format("unexpected byte 0x%02x", b0);
    }
}
