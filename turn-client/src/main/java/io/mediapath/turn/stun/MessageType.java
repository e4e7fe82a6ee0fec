package io.mediapath.turn.stun;

import java.util.Objects;

/**
 * A STUN message type: method and class, encoded in the 14-bit type field as M11..M7 C1 M6..M4 C0 M3..M0
 * (RFC 8489 §5).
 *
 * @param method the method
 * @param cls    the class
 */
public record MessageType(StunMethod method, StunClass cls) {
    /** Binding request. */
    public static final MessageType BINDING_REQUEST = new MessageType(StunMethod.BINDING, StunClass.REQUEST);
    /** Binding success response. */
    public static final MessageType BINDING_SUCCESS = new MessageType(StunMethod.BINDING, StunClass.SUCCESS_RESPONSE);

    public MessageType {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(cls, "cls");
    }

    /** A message type of {@code method} and {@code cls}. */
    public static MessageType of(StunMethod method, StunClass cls) {
        return new MessageType(method, cls);
    }

    /** The 14-bit wire value. */
    public int value() {
        int m = method.code();
        int c = cls.bits();
        return (m & 0x000F) | ((c & 0b01) << 4) | ((m & 0x0070) << 1) | ((c & 0b10) << 7) | ((m & 0x0F80) << 2);
    }

    /** Decodes a 14-bit wire value (the two most significant bits of the 16-bit field must already be zero). */
    public static MessageType fromValue(int value) {
        int m = (value & 0x000F) | ((value >> 1) & 0x0070) | ((value >> 2) & 0x0F80);
        int c = ((value >> 4) & 0b01) | ((value >> 7) & 0b10);
        if (m < COMMON_METHODS) {
            return Common.TYPES[m << 2 | c];
        }
        return new MessageType(new StunMethod(m), StunClass.ofBits(c));
    }

    private static final int COMMON_METHODS = 0x100;

    // Shared instances for methods 0x000-0x0FF (every registered method), so decoding allocates nothing for the
    // type. A holder class, so the table is built on the first decode rather than with the constants above.
    private static final class Common {
        static final MessageType[] TYPES = new MessageType[COMMON_METHODS << 2];

        static {
            for (int m = 0; m < COMMON_METHODS; m++) {
                for (int c = 0; c < 4; c++) {
                    TYPES[m << 2 | c] = new MessageType(new StunMethod(m), StunClass.ofBits(c));
                }
            }
        }
    }

    @Override
    public String toString() {
        return method.name() + " " + switch (cls) {
            case REQUEST -> "request";
            case INDICATION -> "indication";
            case SUCCESS_RESPONSE -> "success response";
            case ERROR_RESPONSE -> "error response";
        };
    }
}
