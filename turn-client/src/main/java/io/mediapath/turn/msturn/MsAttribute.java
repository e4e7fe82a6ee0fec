package io.mediapath.turn.msturn;

import java.util.Arrays;

/**
 * One attribute as it was on the wire: its type and its value (without padding). The value is copied in and out,
 * so instances are immutable.
 *
 * @param type the attribute number (see {@link MsAttributeType})
 * @param value the value bytes, unpadded
 */
public record MsAttribute(int type, byte[] value) {
    /** Copies {@code value}; {@code type} must fit 16 bits and the value 65535 bytes. */
    public MsAttribute {
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("type: " + type + " (expected: 0 ~ 0xFFFF)");
        }
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("value length: " + value.length + " (expected: <= 65535)");
        }
        value = value.clone();
    }

    /** A copy of the value. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    int length() {
        return value.length;
    }

    byte[] valueUnsafe() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MsAttribute a && a.type == type && Arrays.equals(a.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        // Values may be secrets (USERNAME, MESSAGE-INTEGRITY): print the type and length only.
        return MsAttributeType.name(type) + "(" + value.length + " bytes)";
    }
}
