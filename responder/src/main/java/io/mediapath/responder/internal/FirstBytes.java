package io.mediapath.responder.internal;

import io.mediapath.ice.receipt.ArrivalKind;
import io.mediapath.ice.receipt.ReceiptFrames;
import io.mediapath.ice.wire.PseudoTls;
import java.util.Optional;

/**
 * The responder's classifier of an arrival's first bytes: what a relay would have to answer. Empty while too few
 * bytes have come to tell; never reads beyond {@code length}.
 */
public final class FirstBytes {

    /** MS-TURN's MAGIC-COOKIE attribute, first in every MS-TURN message ([MS-TURN] 2.2.2.9). */
    static final byte[] MS_COOKIE_ATTRIBUTE = {0x00, 0x0f, 0x00, 0x04, 0x72, (byte) 0xc6, 0x4b, (byte) 0xc6};
    static final int STUN_COOKIE = 0x2112A442;
    private static final byte[] PSEUDO_HELLO = PseudoTls.hello();

    private FirstBytes() {
    }

    /**
     * The framing of a stream once the relay has answered its first message: what may follow, as a relay reads it.
     */
    public enum Stream {
        /** Nothing but a receipt request (a connection whose first bytes were a bare request). */
        RECEIPT_ONLY,
        /** STUN messages as they are (RFC 8489 section 6.2.2: TCP after a STUN request, and inside TLS). */
        STUN,
        /** [MS-TURN] 2.1.4 frames ({@code 02 00 length}) around MS-TURN messages: TCP after the pseudo-TLS answer. */
        MS_TURN_FRAMED
    }

    /**
     * One unit that followed the answer on a stream.
     *
     * @param kind   {@link ArrivalKind#RECEIPT_REQUEST}, a STUN/TURN kind, {@link ArrivalKind#MS_TURN} (framed), or
     *               {@link ArrivalKind#UNKNOWN} (the relay would close)
     * @param length the unit's whole length, framing included (0 for UNKNOWN)
     */
    public record Next(ArrivalKind kind, int length) {
    }

    /** The [MS-TURN] 2.1.4 frame type of a TURN control message. */
    static final int MS_CONTROL_FRAME = 0x02;
    /** Length of an [MS-TURN] 2.1.4 frame header. */
    public static final int MS_FRAME_HEADER = 4;

    /**
     * The unit at the start of {@code b[0..length)} on a stream framed as {@code stream}, or empty while more bytes
     * are needed; never reads beyond {@code length}. A receipt request frame may come on every stream.
     */
    public static Optional<Next> next(byte[] b, int length, Stream stream) {
        if (length < 0 || length > b.length) {
            throw new IndexOutOfBoundsException("length " + length + " of " + b.length);
        }
        if (length == 0) {
            return Optional.empty();
        }
        if ((b[0] & 0xff) == 0xF5) {
            if (!ReceiptFrames.startsWith(b, 0, length, ReceiptFrames.REQUEST_MAGIC)) {
                return Optional.of(new Next(ArrivalKind.UNKNOWN, 0));
            }
            if (length < ReceiptFrames.HEADER_LENGTH) {
                return Optional.empty();
            }
            int body = u16(b, 4);
            return Optional.of(body > ReceiptFrames.MAX_BODY ? new Next(ArrivalKind.UNKNOWN, 0)
                    : new Next(ArrivalKind.RECEIPT_REQUEST, ReceiptFrames.HEADER_LENGTH + body));
        }
        return switch (stream) {
            case RECEIPT_ONLY -> Optional.of(new Next(ArrivalKind.UNKNOWN, 0));
            case STUN -> stunUnit(b, length);
            case MS_TURN_FRAMED -> msFrame(b, length);
        };
    }

    private static Optional<Next> stunUnit(byte[] b, int length) {
        if ((b[0] & 0xff) >= 0x40) {
            return Optional.of(new Next(ArrivalKind.UNKNOWN, 0));
        }
        if (length < 8) {
            return Optional.empty();
        }
        int body = u16(b, 2);
        if (body % 4 != 0 || 20 + body > StunWire.MAX_MESSAGE || i32(b, 4) != STUN_COOKIE) {
            return Optional.of(new Next(ArrivalKind.UNKNOWN, 0));
        }
        ArrivalKind k = switch (u16(b, 0)) {
            case 0x0001 -> ArrivalKind.STUN_BINDING;
            case 0x0003 -> ArrivalKind.TURN_ALLOCATE;
            default -> ArrivalKind.STUN_OTHER;
        };
        return Optional.of(new Next(k, 20 + body));
    }

    private static Optional<Next> msFrame(byte[] b, int length) {
        if ((b[0] & 0xff) != MS_CONTROL_FRAME || (length > 1 && b[1] != 0)) {
            return Optional.of(new Next(ArrivalKind.UNKNOWN, 0));
        }
        if (length < MS_FRAME_HEADER + 4) {
            return Optional.empty();
        }
        int payload = u16(b, 2);
        int stunBody = u16(b, MS_FRAME_HEADER + 2);
        // the frame holds exactly one MS-TURN message (header 20 bytes, MAGIC-COOKIE attribute first)
        if (payload < 28 || payload > StunWire.MAX_MESSAGE || stunBody % 4 != 0 || 20 + stunBody != payload) {
            return Optional.of(new Next(ArrivalKind.UNKNOWN, 0));
        }
        int have = Math.min(length, MS_FRAME_HEADER + 28);
        for (int i = MS_FRAME_HEADER + 20; i < have; i++) {
            if (b[i] != MS_COOKIE_ATTRIBUTE[i - MS_FRAME_HEADER - 20]) {
                return Optional.of(new Next(ArrivalKind.UNKNOWN, 0));
            }
        }
        if (have < MS_FRAME_HEADER + 28) {
            return Optional.empty();
        }
        return Optional.of(new Next(ArrivalKind.MS_TURN, MS_FRAME_HEADER + payload));
    }

    /** True when {@code b[0..length)} (at least 4 bytes) starts a request for the receipt in place of the answer. */
    public static boolean insteadRequest(byte[] b, int length) {
        return length >= 4 && ReceiptFrames.startsWith(b, 0, 4, ReceiptFrames.INSTEAD_MAGIC);
    }

    /** The kind of {@code b[0..length)}, or empty when more bytes are needed to tell. */
    public static Optional<ArrivalKind> classify(byte[] b, int length) {
        if (length < 0 || length > b.length) {
            throw new IndexOutOfBoundsException("length " + length + " of " + b.length);
        }
        if (length == 0) {
            return Optional.empty();
        }
        int first = b[0] & 0xff;
        if (first == 0xF5) {
            // a bare request (after-mode) or a request for the receipt in place of the answer, before the hello
            if (!ReceiptFrames.startsWith(b, 0, length, ReceiptFrames.REQUEST_MAGIC)
                    && !ReceiptFrames.startsWith(b, 0, length, ReceiptFrames.INSTEAD_MAGIC)) {
                return Optional.of(ArrivalKind.UNKNOWN);
            }
            return length < 4 ? Optional.empty() : Optional.of(ArrivalKind.RECEIPT_REQUEST);
        }
        if (first == 0x16) {
            return tls(b, length);
        }
        if (first < 0x40) {
            return stun(b, length);
        }
        if (first >= 'A' && first <= 'Z') {
            return http(b, length);
        }
        return Optional.of(ArrivalKind.UNKNOWN);
    }

    private static Optional<ArrivalKind> tls(byte[] b, int length) {
        int n = Math.min(length, PSEUDO_HELLO.length);
        boolean pseudo = true;
        for (int i = 0; i < n; i++) {
            if (b[i] != PSEUDO_HELLO[i]) {
                pseudo = false;
                break;
            }
        }
        if (pseudo) {
            return length < PSEUDO_HELLO.length ? Optional.empty() : Optional.of(ArrivalKind.PSEUDO_TLS_HELLO);
        }
        if (length < 6) {
            return Optional.empty();
        }
        boolean hello = (b[1] == 3) && b[5] == 0x01;
        return Optional.of(hello ? ArrivalKind.TLS_CLIENT_HELLO : ArrivalKind.UNKNOWN);
    }

    private static Optional<ArrivalKind> stun(byte[] b, int length) {
        if (length < 8) {
            return Optional.empty();
        }
        int type = u16(b, 0);
        int len = u16(b, 2);
        if (len % 4 != 0) {
            return Optional.of(ArrivalKind.UNKNOWN);
        }
        if (i32(b, 4) == STUN_COOKIE) {
            return Optional.of(switch (type) {
                case 0x0001 -> ArrivalKind.STUN_BINDING;
                case 0x0003 -> ArrivalKind.TURN_ALLOCATE;
                default -> ArrivalKind.STUN_OTHER;
            });
        }
        if (length < 28) {
            return Optional.empty();
        }
        for (int i = 0; i < MS_COOKIE_ATTRIBUTE.length; i++) {
            if (b[20 + i] != MS_COOKIE_ATTRIBUTE[i]) {
                return Optional.of(ArrivalKind.UNKNOWN);
            }
        }
        return Optional.of(ArrivalKind.MS_TURN);
    }

    private static Optional<ArrivalKind> http(byte[] b, int length) {
        int max = Math.min(length, 9);
        for (int i = 0; i < max; i++) {
            int c = b[i] & 0xff;
            if (c == ' ') {
                return Optional.of(i >= 3 ? ArrivalKind.HTTP : ArrivalKind.UNKNOWN);
            }
            if (c < 'A' || c > 'Z') {
                return Optional.of(ArrivalKind.UNKNOWN);
            }
        }
        return length >= 9 ? Optional.of(ArrivalKind.UNKNOWN) : Optional.empty();
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    static int i32(byte[] b, int i) {
        return (u16(b, i) << 16) | u16(b, i + 2);
    }
}
