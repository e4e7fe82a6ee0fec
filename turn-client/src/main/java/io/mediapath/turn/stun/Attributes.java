package io.mediapath.turn.stun;

import io.mediapath.ice.wire.BigEndian;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Factories of {@link Setter}s for the attributes of RFC 8489, RFC 8656, RFC 6062 and RFC 8445 (pion/stun style):
 * {@code StunMessage.builder(type).add(Attributes.username("alice"), Attributes.lifetime(600)).build()}. Values are
 * validated here; the message getters read them back.
 */
public final class Attributes {
    /** REQUESTED-TRANSPORT value for UDP. */
    public static final int TRANSPORT_UDP = 17;
    /** REQUESTED-TRANSPORT value for TCP (RFC 6062). */
    public static final int TRANSPORT_TCP = 6;
    /** Address family value IPv4. */
    public static final int FAMILY_IPV4 = 1;
    /** Address family value IPv6. */
    public static final int FAMILY_IPV6 = 2;

    private Attributes() {
    }

    /** Any attribute, as raw bytes (for extensions and tests). */
    public static Setter raw(int type, byte[] value) {
        byte[] v = value.clone();
        return b -> b.addRaw(type, v);
    }

    private static Setter text(int type, String value, int maxBytes) {
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        if (v.length > maxBytes) {
            throw new IllegalArgumentException(AttributeType.name(type) + ": " + v.length + " bytes (expected: <= "
                    + maxBytes + ")");
        }
        return b -> b.addRaw(type, v);
    }

    private static Setter u32(int type, long value) {
        byte[] v = new byte[4];
        BigEndian.put32(v, 0, (int) value);
        return b -> b.addRaw(type, v);
    }

    private static Setter u64(int type, long value) {
        byte[] v = new byte[8];
        BigEndian.put32(v, 0, (int) (value >>> 32));
        BigEndian.put32(v, 4, (int) value);
        return b -> b.addRaw(type, v);
    }

    /** USERNAME (at most 513 bytes). */
    public static Setter username(String username) {
        return text(AttributeType.USERNAME, username, 513);
    }

    /** REALM (at most 763 bytes). */
    public static Setter realm(String realm) {
        return text(AttributeType.REALM, realm, 763);
    }

    /** NONCE (at most 763 bytes). */
    public static Setter nonce(String nonce) {
        return text(AttributeType.NONCE, nonce, 763);
    }

    /** SOFTWARE (at most 763 bytes). */
    public static Setter software(String software) {
        return text(AttributeType.SOFTWARE, software, 763);
    }

    /** ALTERNATE-DOMAIN. */
    public static Setter alternateDomain(String domain) {
        return text(AttributeType.ALTERNATE_DOMAIN, domain, 255);
    }

    /** ERROR-CODE. */
    public static Setter errorCode(int code, String reason) {
        return new ErrorCode(code, reason);
    }

    /** UNKNOWN-ATTRIBUTES. */
    public static Setter unknownAttributes(List<Integer> types) {
        byte[] v = new byte[types.size() * 2];
        for (int i = 0; i < types.size(); i++) {
            BigEndian.put16(v, i * 2, types.get(i));
        }
        return b -> b.addRaw(AttributeType.UNKNOWN_ATTRIBUTES, v);
    }

    /** XOR-MAPPED-ADDRESS. */
    public static Setter xorMappedAddress(InetSocketAddress a) {
        return xorAddress(AttributeType.XOR_MAPPED_ADDRESS, a);
    }

    /** XOR-PEER-ADDRESS. */
    public static Setter xorPeerAddress(InetSocketAddress a) {
        return xorAddress(AttributeType.XOR_PEER_ADDRESS, a);
    }

    /** XOR-RELAYED-ADDRESS. */
    public static Setter xorRelayedAddress(InetSocketAddress a) {
        return xorAddress(AttributeType.XOR_RELAYED_ADDRESS, a);
    }

    /** Any XOR-encoded address attribute (RFC 8489 §14.2). */
    public static Setter xorAddress(int type, InetSocketAddress a) {
        return b -> b.addRaw(type, StunMessage.encodeAddress(a, b.transactionId()));
    }

    /** MAPPED-ADDRESS. */
    public static Setter mappedAddress(InetSocketAddress a) {
        return address(AttributeType.MAPPED_ADDRESS, a);
    }

    /** ALTERNATE-SERVER. */
    public static Setter alternateServer(InetSocketAddress a) {
        return address(AttributeType.ALTERNATE_SERVER, a);
    }

    /** Any plain address attribute (MAPPED-ADDRESS format). */
    public static Setter address(int type, InetSocketAddress a) {
        byte[] v = StunMessage.encodeAddress(a, null);
        return b -> b.addRaw(type, v);
    }

    /** LIFETIME in seconds (0 deletes an allocation). */
    public static Setter lifetime(long seconds) {
        if (seconds < 0 || seconds > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("lifetime: " + seconds);
        }
        return u32(AttributeType.LIFETIME, seconds);
    }

    /** CHANNEL-NUMBER (0x4000–0x4FFF per RFC 8656; any 16-bit value is encoded, for negative tests). */
    public static Setter channelNumber(int channel) {
        if (channel < 0 || channel > 0xFFFF) {
            throw new IllegalArgumentException("channel: " + channel);
        }
        return u32(AttributeType.CHANNEL_NUMBER, (long) channel << 16);
    }

    /** REQUESTED-TRANSPORT (protocol number: 17 UDP, 6 TCP). */
    public static Setter requestedTransport(int protocol) {
        return u32(AttributeType.REQUESTED_TRANSPORT, (long) (protocol & 0xFF) << 24);
    }

    /** REQUESTED-ADDRESS-FAMILY (1 IPv4, 2 IPv6). */
    public static Setter requestedAddressFamily(int family) {
        return u32(AttributeType.REQUESTED_ADDRESS_FAMILY, (long) (family & 0xFF) << 24);
    }

    /** ADDITIONAL-ADDRESS-FAMILY (2 IPv6). */
    public static Setter additionalAddressFamily(int family) {
        return u32(AttributeType.ADDITIONAL_ADDRESS_FAMILY, (long) (family & 0xFF) << 24);
    }

    /** EVEN-PORT with the R (reserve next) bit. */
    public static Setter evenPort(boolean reserveNext) {
        byte[] v = {(byte) (reserveNext ? 0x80 : 0)};
        return b -> b.addRaw(AttributeType.EVEN_PORT, v);
    }

    /** RESERVATION-TOKEN (8 bytes). */
    public static Setter reservationToken(byte[] token) {
        if (token.length != 8) {
            throw new IllegalArgumentException("reservation token: " + token.length + " bytes (expected: 8)");
        }
        return raw(AttributeType.RESERVATION_TOKEN, token);
    }

    /** DONT-FRAGMENT. */
    public static Setter dontFragment() {
        return b -> b.addRaw(AttributeType.DONT_FRAGMENT, new byte[0]);
    }

    /** DATA. */
    public static Setter data(byte[] data) {
        return raw(AttributeType.DATA, data);
    }

    /** CONNECTION-ID (RFC 6062). */
    public static Setter connectionId(long id) {
        return u32(AttributeType.CONNECTION_ID, id);
    }

    /** PRIORITY (RFC 8445). */
    public static Setter priority(long priority) {
        return u32(AttributeType.PRIORITY, priority);
    }

    /** USE-CANDIDATE (RFC 8445). */
    public static Setter useCandidate() {
        return b -> b.addRaw(AttributeType.USE_CANDIDATE, new byte[0]);
    }

    /** ICE-CONTROLLED with its tie-breaker. */
    public static Setter iceControlled(long tieBreaker) {
        return u64(AttributeType.ICE_CONTROLLED, tieBreaker);
    }

    /** ICE-CONTROLLING with its tie-breaker. */
    public static Setter iceControlling(long tieBreaker) {
        return u64(AttributeType.ICE_CONTROLLING, tieBreaker);
    }

    /** USERHASH (32 bytes, see {@link StunKey#userHash(String, String)}). */
    public static Setter userHash(byte[] hash) {
        if (hash.length != 32) {
            throw new IllegalArgumentException("USERHASH: " + hash.length + " bytes (expected: 32)");
        }
        return raw(AttributeType.USERHASH, hash);
    }

    /** PASSWORD-ALGORITHM (no parameters). */
    public static Setter passwordAlgorithm(int code) {
        byte[] v = new byte[4];
        BigEndian.put16(v, 0, code);
        return b -> b.addRaw(AttributeType.PASSWORD_ALGORITHM, v);
    }

    /** PASSWORD-ALGORITHMS (each without parameters), in order of preference. */
    public static Setter passwordAlgorithms(List<Integer> codes) {
        byte[] v = new byte[codes.size() * 4];
        for (int i = 0; i < codes.size(); i++) {
            BigEndian.put16(v, i * 4, codes.get(i));
        }
        return b -> b.addRaw(AttributeType.PASSWORD_ALGORITHMS, v);
    }
}
