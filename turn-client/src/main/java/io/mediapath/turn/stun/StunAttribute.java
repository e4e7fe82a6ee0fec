package io.mediapath.turn.stun;

import java.util.Arrays;

/**
 * One attribute as it is on the wire: type and value (without padding). Every attribute, known or not, is kept in
 * this form, so unknown ones round-trip unchanged. The value array is copied in and out.
 *
 * @param type  the 16-bit type, see {@link AttributeType}
 * @param value the value bytes (at most 65535)
 */
public record StunAttribute(int type, byte[] value) {

    public StunAttribute {
        AttributeType.checkRange(type);
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("attribute value: " + value.length + " bytes (expected: <= 65535)");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** The value length in bytes (without padding). */
    public int length() {
        return value.length;
    }

    /** The registered name of {@link #type()}. */
    public String name() {
        return AttributeType.name(type);
    }

    byte[] valueUnsafe() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StunAttribute a && a.type == type && Arrays.equals(a.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return name() + "(" + value.length + " bytes)";
    }
}
