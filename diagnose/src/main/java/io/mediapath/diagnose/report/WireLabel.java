package io.mediapath.diagnose.report;

import io.mediapath.ice.probe.WirePayload;
import java.util.Optional;

/**
 * Names what a recorded payload was, for a ladder arrow: a STUN/TURN message (method, class, the error code of an
 * error response), a TLS record (content type and the first handshake message), or the first line of an HTTP
 * message. Reads only the head of the bytes, never throws, and says nothing when the bytes are none of these (the
 * event's own words are used then). Bytes come from the network: the label is escaped where it is drawn.
 */
final class WireLabel {

    private static final int MAGIC_COOKIE = 0x2112A442;

    private WireLabel() {
    }

    /** A short name for the payload, or empty when it is not recognised. */
    static Optional<String> describe(WirePayload w) {
        byte[] b = w.bytes();
        return stun(b).or(() -> tls(b)).or(() -> http(b)).or(() -> framedStun(b));
    }

    /** A STUN message (RFC 8489 with the magic cookie, or RFC 3489 / MS-TURN without it). */
    static Optional<String> stun(byte[] b) {
        if (b.length < 20 || (b[0] & 0xC0) != 0) {
            return Optional.empty();
        }
        int type = u16(b, 0);
        int length = u16(b, 2);
        if ((length & 3) != 0) {
            return Optional.empty();
        }
        boolean cookie = u32(b, 4) == MAGIC_COOKIE;
        if (!cookie && length + 20 != b.length) {
            return Optional.empty(); // without the cookie, only an exact length tells STUN from noise
        }
        int method = (type & 0x000F) | (type & 0x00E0) >> 1 | (type & 0x3E00) >> 2;
        int cls = (type & 0x0010) >> 4 | (type & 0x0100) >> 7;
        String m = switch (method) {
            case 0x001 -> "Binding";
            case 0x002 -> "SharedSecret";
            case 0x003 -> "Allocate";
            case 0x004 -> "Refresh";
            case 0x006 -> "Send";
            case 0x007 -> "Data";
            case 0x008 -> "CreatePermission";
            case 0x009 -> "ChannelBind";
            case 0x00A -> "Connect";
            case 0x00B -> "ConnectionBind";
            case 0x00C -> "ConnectionAttempt";
            default -> "method 0x" + Integer.toHexString(method);
        };
        String c = switch (cls) {
            case 0 -> "request";
            case 1 -> "indication";
            case 2 -> "success";
            default -> "error";
        };
        String s = "STUN " + m + " " + c;
        if (cls == 3) {
            s += errorCode(b, 20, Math.min(b.length, 20 + length)).map(e -> " " + e).orElse("");
        }
        return Optional.of(s);
    }

    /** MS-TURN over TCP after the pseudo-TLS hello frames each message: type 0x02, a 16-bit length, the message. */
    private static Optional<String> framedStun(byte[] b) {
        if (b.length < 24 || b[0] != 0x02 || b[1] != 0x00) {
            return Optional.empty();
        }
        byte[] inner = java.util.Arrays.copyOfRange(b, 4, Math.min(b.length, 4 + u16(b, 2)));
        return stun(inner).map(s -> s + " (framed)");
    }

    private static Optional<String> errorCode(byte[] b, int from, int to) {
        int p = from;
        for (int n = 0; p + 4 <= to && n < 64; n++) {
            int t = u16(b, p);
            int len = u16(b, p + 2);
            if (t == 0x0009 && len >= 4 && p + 8 <= to) {
                int code = (b[p + 6] & 0x07) * 100 + (b[p + 7] & 0xFF);
                return Optional.of(Integer.toString(code));
            }
            p += 4 + (len + 3 & ~3);
        }
        return Optional.empty();
    }

    /** A TLS (or pseudo-TLS) record: content type, version, and the handshake message it starts with. */
    static Optional<String> tls(byte[] b) {
        if (b.length < 5 || (b[0] & 0xFF) < 20 || (b[0] & 0xFF) > 23 || b[1] != 3 || (b[2] & 0xFF) > 4) {
            return Optional.empty();
        }
        String type = switch (b[0]) {
            case 20 -> "ChangeCipherSpec";
            case 21 -> "Alert";
            case 22 -> "Handshake";
            default -> "ApplicationData";
        };
        String first = "";
        if (b[0] == 22 && b.length > 5) {
            first = switch (b[5] & 0xFF) {
                case 1 -> " ClientHello";
                case 2 -> " ServerHello";
                case 4 -> " NewSessionTicket";
                case 8 -> " EncryptedExtensions";
                case 11 -> " Certificate";
                case 12 -> " ServerKeyExchange";
                case 13 -> " CertificateRequest";
                case 14 -> " ServerHelloDone";
                case 16 -> " ClientKeyExchange";
                case 20 -> " Finished";
                default -> "";
            };
        }
        return Optional.of("TLS " + type + first + " record, " + (u16(b, 3) + 5) + " B");
    }

    /** The first line of an HTTP request or response, printable ASCII only, at most 80 characters. */
    static Optional<String> http(byte[] b) {
        int n = 0;
        while (n < b.length && n < 200 && b[n] != '\r' && b[n] != '\n') {
            n++;
        }
        String line = new String(b, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (!line.matches("(HTTP/1\\.[01] \\d{3}|(GET|POST|HEAD|CONNECT|PUT|OPTIONS|DELETE) \\S+ HTTP/1\\.[01]).*")) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < line.length() && sb.length() < 80; i++) {
            char c = line.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return Optional.of(sb.toString());
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | b[i + 1] & 0xFF;
    }

    private static int u32(byte[] b, int i) {
        return u16(b, i) << 16 | u16(b, i + 2);
    }
}
