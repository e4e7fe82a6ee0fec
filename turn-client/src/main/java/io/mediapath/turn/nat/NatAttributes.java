package io.mediapath.turn.nat;

import io.mediapath.ice.wire.BigEndian;
import io.mediapath.turn.stun.AttributeType;
import io.mediapath.turn.stun.Attributes;
import io.mediapath.turn.stun.Setter;
import io.mediapath.turn.stun.StunAttribute;
import io.mediapath.turn.stun.StunDecodeException;
import io.mediapath.turn.stun.StunMessage;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Setters and getters of the RFC 5780 attributes (pion/stun style, beside {@link Attributes}): OTHER-ADDRESS and
 * RESPONSE-ORIGIN (MAPPED-ADDRESS format, not XORed), CHANGE-REQUEST ({@link ChangeRequest}) and RESPONSE-PORT. A
 * client sends CHANGE-REQUEST and RESPONSE-PORT; a server answers with OTHER-ADDRESS and RESPONSE-ORIGIN (the setters
 * of those exist for test servers and vectors).
 */
public final class NatAttributes {
    private NatAttributes() {
    }

    /** OTHER-ADDRESS (RFC 5780 §7.4): the server's alternate IP address and port. */
    public static Setter otherAddress(InetSocketAddress a) {
        return Attributes.address(AttributeType.OTHER_ADDRESS, a);
    }

    /** RESPONSE-ORIGIN (RFC 5780 §7.3): the address and port the response was sent from. */
    public static Setter responseOrigin(InetSocketAddress a) {
        return Attributes.address(AttributeType.RESPONSE_ORIGIN, a);
    }

    /** CHANGE-REQUEST (RFC 5780 §7.2). */
    public static Setter changeRequest(boolean changeIp, boolean changePort) {
        return new ChangeRequest(changeIp, changePort);
    }

    /** RESPONSE-PORT (RFC 5780 §7.5): answer to this port of the request's source IP address (two bytes + padding). */
    public static Setter responsePort(int port) {
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("RESPONSE-PORT: " + port + " (expected: 1 ~ 65535)");
        }
        byte[] v = new byte[4];
        BigEndian.put16(v, 0, port);
        return Attributes.raw(AttributeType.RESPONSE_PORT, v);
    }

    /** The message's OTHER-ADDRESS. @throws StunDecodeException when malformed */
    public static Optional<InetSocketAddress> otherAddress(StunMessage m) {
        return m.otherAddress();
    }

    /** The message's RESPONSE-ORIGIN. @throws StunDecodeException when malformed */
    public static Optional<InetSocketAddress> responseOrigin(StunMessage m) {
        return m.responseOrigin();
    }

    /** The message's CHANGE-REQUEST. @throws StunDecodeException when malformed */
    public static Optional<ChangeRequest> changeRequest(StunMessage m) {
        return ChangeRequest.of(m);
    }

    /** The message's RESPONSE-PORT. @throws StunDecodeException when not four bytes long */
    public static OptionalInt responsePort(StunMessage m) {
        Optional<StunAttribute> a = m.attribute(AttributeType.RESPONSE_PORT);
        if (a.isEmpty()) {
            return OptionalInt.empty();
        }
        byte[] v = a.get().value();
        if (v.length != 4) {
            throw new StunDecodeException("RESPONSE-PORT: " + v.length + " bytes (expected: 4)");
        }
        return OptionalInt.of(BigEndian.u16(v, 0));
    }
}
