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
        return new MessageType(new StunMethod(m), StunClass.ofBits(c));
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
