package io.mediapath.turn.nat;

import io.mediapath.ice.wire.BigEndian;
import io.mediapath.turn.stun.AttributeType;
import io.mediapath.turn.stun.Setter;
import io.mediapath.turn.stun.StunAttribute;
import io.mediapath.turn.stun.StunDecodeException;
import io.mediapath.turn.stun.StunMessage;
import java.util.Optional;

/**
 * CHANGE-REQUEST (RFC 5780 §7.2): asks the server to answer from its other IP address ({@code changeIp}, flag A,
 * 0x04) and/or its other port ({@code changePort}, flag B, 0x02). Four bytes; the other bits are zero and ignored on
 * decode. A setter itself, pion/stun style: {@code builder.add(new ChangeRequest(true, true))}.
 *
 * @param changeIp   answer from the alternate IP address
 * @param changePort answer from the alternate port
 */
public record ChangeRequest(boolean changeIp, boolean changePort) implements Setter {
    /** The flag bit asking for another IP address. */
    public static final int CHANGE_IP = 0x04;
    /** The flag bit asking for another port. */
    public static final int CHANGE_PORT = 0x02;

    /** The four-byte value. */
    public byte[] encode() {
        byte[] v = new byte[4];
        BigEndian.put32(v, 0, (changeIp ? CHANGE_IP : 0) | (changePort ? CHANGE_PORT : 0));
        return v;
    }

    @Override
    public void addTo(StunMessage.Builder builder) {
        builder.addRaw(AttributeType.CHANGE_REQUEST, encode());
    }

    /**
     * Decodes a CHANGE-REQUEST value.
     *
     * @throws StunDecodeException when it is not four bytes long
     */
    public static ChangeRequest decode(byte[] value) {
        if (value.length != 4) {
            throw new StunDecodeException("CHANGE-REQUEST: " + value.length + " bytes (expected: 4)");
        }
        int flags = value[3] & 0xFF; // the flags sit in the last byte; the rest is reserved
        return new ChangeRequest((flags & CHANGE_IP) != 0, (flags & CHANGE_PORT) != 0);
    }

    /**
     * The message's CHANGE-REQUEST, if it has one.
     *
     * @throws StunDecodeException when the attribute is malformed
     */
    public static Optional<ChangeRequest> of(StunMessage m) {
        return m.attribute(AttributeType.CHANGE_REQUEST).map(StunAttribute::value).map(ChangeRequest::decode);
    }

    @Override
    public String toString() {
        return "CHANGE-REQUEST[" + (changeIp ? "ip" : "") + (changeIp && changePort ? "+" : "")
                + (changePort ? "port" : "") + (!changeIp && !changePort ? "none" : "") + "]";
    }
}
