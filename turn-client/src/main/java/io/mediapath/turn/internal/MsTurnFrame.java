package io.mediapath.turn.internal;

import io.mediapath.turn.msturn.MsTurnMessage;
import io.mediapath.turn.stun.StunDecodeException;
import java.util.Arrays;

/**
 * One unit of the [MS-TURN] 2.1.4 TCP framing: {@code type 00 length(16)} then {@code length} bytes. Type 0x02
 * carries a TURN control message, 0x03 end-to-end data. The framing is used only after the pseudo-TLS exchange,
 * never around its records.
 *
 * @param type {@link #CONTROL} or {@link #DATA}
 * @param payload the framed bytes (copied in and out)
 */
public record MsTurnFrame(int type, byte[] payload) {
    /** Type of a frame carrying a TURN control message. */
    public static final int CONTROL = 0x02;
    /** Type of a frame carrying end-to-end data. */
    public static final int DATA = 0x03;
    /** Header length. */
    public static final int HEADER_LENGTH = 4;

    /** Validates and copies. */
    public MsTurnFrame {
        if (type != CONTROL && type != DATA) {
            throw new IllegalArgumentException("frame type " + type + " (expected: 2 or 3)");
        }
        if (payload.length > 0xFFFF) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes (max 65535)");
        }
        payload = payload.clone();
    }

    /** A control frame around {@code message}. */
    public static MsTurnFrame control(MsTurnMessage message) {
        return new MsTurnFrame(CONTROL, message.toBytes());
    }

    /** A copy of the payload. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The header followed by the payload. */
    public byte[] toBytes() {
        byte[] out = new byte[HEADER_LENGTH + payload.length];
        out[0] = (byte) type;
        out[2] = (byte) (payload.length >>> 8);
        out[3] = (byte) payload.length;
        System.arraycopy(payload, 0, out, HEADER_LENGTH, payload.length);
        return out;
    }

    /** Decodes the payload of a control frame as an MS-TURN message. */
    public MsTurnMessage message() {
        if (type != CONTROL) {
            throw new StunDecodeException("end-to-end data frame, not a control message");
        }
        return MsTurnMessage.decode(payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MsTurnFrame f && f.type == type && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "MsTurnFrame[" + (type == CONTROL ? "control" : "data") + ", " + payload.length + " bytes]";
    }
}
