package io.mediapath.turn.msturn;

import static io.mediapath.ice.wire.BigEndian.u16;
import static io.mediapath.ice.wire.BigEndian.u32;

import io.mediapath.turn.stun.StunDecodeException;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One MS-TURN message ([MS-TURN] 2.2.1): a 20-byte header (14-bit type, 16-bit length, <b>16-byte</b> transaction
 * id, no magic cookie field) and attributes, kept in order together with the exact bytes they were decoded from.
 * Immutable; build one with {@link #builder(int)}.
 *
 * <p>Decoding checks the structure only (header, length, attribute bounds) and throws nothing but {@link
 * StunDecodeException}; attribute getters decode lazily and throw the same on malformed values. A message is at most
 * 20 + 65535 bytes, so memory per message is bounded.
 */
public final class MsTurnMessage {
    /** Header length. */
    public static final int HEADER_LENGTH = 20;
    /** Transaction id length: 16 bytes in MS-TURN (12 in RFC 5389). */
    public static final int TRANSACTION_ID_LENGTH = 16;

    /** Allocate request. */
    public static final int ALLOCATE_REQUEST = 0x0003;
    /** Allocate response. */
    public static final int ALLOCATE_RESPONSE = 0x0103;
    /** Allocate error response. */
    public static final int ALLOCATE_ERROR = 0x0113;
    /** Send request (the server never answers it). */
    public static final int SEND_REQUEST = 0x0004;
    /** Data Indication (its class bits look like "error"; it is an indication). */
    public static final int DATA_INDICATION = 0x0115;
    /** Set Active Destination request. */
    public static final int SET_ACTIVE_DESTINATION_REQUEST = 0x0006;
    /** Set Active Destination response. */
    public static final int SET_ACTIVE_DESTINATION_RESPONSE = 0x0106;
    /** Set Active Destination error response. */
    public static final int SET_ACTIVE_DESTINATION_ERROR = 0x0116;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final int type;
    private final byte[] transactionId;
    private final List<MsAttribute> attributes;
    private final int[] offsets;
    private final byte[] raw;

    private MsTurnMessage(int type, byte[] transactionId, List<MsAttribute> attributes, int[] offsets, byte[] raw) {
        this.type = type;
        this.transactionId = transactionId;
        this.attributes = List.copyOf(attributes);
        this.offsets = offsets;
        this.raw = raw;
    }

    /** Decodes a whole message; the array is copied. */
    public static MsTurnMessage decode(byte[] bytes) {
        return decodeOwned(bytes.clone());
    }

    /**
     * Decodes the readable bytes of {@code buf} as one whole message. The bytes are copied; {@code buf} is neither
     * consumed nor released (the caller keeps ownership).
     */
    public static MsTurnMessage decode(ByteBuf buf) {
        byte[] b = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), b);
        return decodeOwned(b);
    }

    static MsTurnMessage decodeOwned(byte[] raw) {
        if (raw.length < HEADER_LENGTH) {
            throw new StunDecodeException("MS-TURN message of " + raw.length + " bytes (header is 20)");
        }
        int type = u16(raw, 0);
        if ((type & 0xC000) != 0) {
            throw new StunDecodeException(String.format("first two bits of type 0x%04x are not zero", type));
        }
        int len = u16(raw, 2);
        if (len != raw.length - HEADER_LENGTH) {
            throw new StunDecodeException("header length " + len + " but " + (raw.length - HEADER_LENGTH)
                    + " bytes follow the header");
        }
        List<MsAttribute> attrs = new ArrayList<>();
        int[] offs = new int[len / 4 + 1];
        int pos = HEADER_LENGTH;
        while (pos < raw.length) {
            if (raw.length - pos < 4) {
                throw new StunDecodeException("truncated attribute header at offset " + pos);
            }
            int at = u16(raw, pos);
            int al = u16(raw, pos + 2);
            if (pos + 4 + al > raw.length) {
                throw new StunDecodeException(MsAttributeType.name(at) + " at offset " + pos + " claims " + al
                        + " bytes, only " + (raw.length - pos - 4) + " left");
            }
            offs[attrs.size()] = pos;
            attrs.add(new MsAttribute(at, Arrays.copyOfRange(raw, pos + 4, pos + 4 + al)));
            // Values are padded to 4 bytes; tolerate a last attribute whose padding is missing.
            pos = Math.min(raw.length, pos + 4 + ((al + 3) & ~3));
        }
        return new MsTurnMessage(type, Arrays.copyOfRange(raw, 4, HEADER_LENGTH), attrs,
                Arrays.copyOf(offs, attrs.size()), raw);
    }

    /** A builder for a message of {@code type} with a fresh random transaction id. */
    public static Builder builder(int type) {
        return new Builder(type);
    }

    /** A builder holding this message's type, transaction id and attributes. */
    public Builder toBuilder() {
        Builder b = new Builder(type).transactionId(transactionId);
        b.attributes.addAll(attributes);
        return b;
    }

    /** The 14-bit message type, e.g. {@link #ALLOCATE_RESPONSE}. */
    public int type() {
        return type;
    }

    /** A copy of the 16-byte transaction id. */
    public byte[] transactionId() {
        return transactionId.clone();
    }

    /** True when {@code other} is 16 bytes equal to this message's transaction id. */
    public boolean hasTransactionId(byte[] other) {
        return Arrays.equals(transactionId, other);
    }

    /**
     * The attributes in wire order, all of them: those after MESSAGE-INTEGRITY too, which no MAC covers (the
     * typed getters and {@link #attribute(int)} do not read those).
     */
    public List<MsAttribute> attributes() {
        return attributes;
    }

    /**
     * The first attribute of {@code type} up to and including the first MESSAGE-INTEGRITY. What follows the MAC is
     * not authenticated — anyone on the path could append a MAPPED-ADDRESS or LIFETIME there — so it is not read,
     * as RFC 8489 §14.5 has it for standard STUN.
     */
    public Optional<MsAttribute> attribute(int attributeType) {
        for (MsAttribute a : attributes) {
            if (a.type() == attributeType) {
                return Optional.of(a);
            }
            if (a.type() == MsAttributeType.MESSAGE_INTEGRITY) {
                break;
            }
        }
        return Optional.empty();
    }

    /** A copy of the exact bytes. */
    public byte[] toBytes() {
        return raw.clone();
    }

    /** The encoded length in bytes. */
    public int length() {
        return raw.length;
    }

    /** True when the first attribute is MAGIC-COOKIE 0x72C64BC6, as every MS-TURN message must start. */
    public boolean hasMagicCookie() {
        if (attributes.isEmpty()) {
            return false;
        }
        MsAttribute a = attributes.get(0);
        return a.type() == MsAttributeType.MAGIC_COOKIE && a.length() == 4
                && u32(a.valueUnsafe(), 0) == MsAttributeType.MAGIC_COOKIE_VALUE;
    }

    /** MS-VERSION. */
    public OptionalInt msVersion() {
        return int32(MsAttributeType.MS_VERSION);
    }

    /** LIFETIME in seconds (values above 2^31-1 are reported as Integer.MAX_VALUE). */
    public OptionalInt lifetime() {
        OptionalInt v = int32(MsAttributeType.LIFETIME);
        return v.isPresent() && v.getAsInt() < 0 ? OptionalInt.of(Integer.MAX_VALUE) : v;
    }

    /** USERNAME. */
    public Optional<String> username() {
        return text(MsAttributeType.USERNAME);
    }

    /** REALM (0x0015). */
    public Optional<String> realm() {
        return text(MsAttributeType.REALM);
    }

    /** NONCE (0x0014). */
    public Optional<String> nonce() {
        return text(MsAttributeType.NONCE);
    }

    /** ERROR-CODE. */
    public Optional<MsTurnError> errorCode() {
        Optional<MsAttribute> a = attribute(MsAttributeType.ERROR_CODE);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        byte[] v = a.get().valueUnsafe();
        if (v.length < 4) {
            throw new StunDecodeException("ERROR-CODE of " + v.length + " bytes (expected: >= 4)");
        }
        int cls = v[2] & 0x07;
        int num = v[3] & 0xff;
        if (cls < 3 || cls > 6 || num > 99) {
            throw new StunDecodeException("ERROR-CODE class " + cls + " number " + num);
        }
        return Optional.of(new MsTurnError(cls * 100 + num,
                new String(v, 4, v.length - 4, StandardCharsets.UTF_8)));
    }

    /** MAPPED-ADDRESS (in an Allocate response: the relayed transport address). */
    public Optional<InetSocketAddress> mappedAddress() {
        return attribute(MsAttributeType.MAPPED_ADDRESS).map(a -> MsAddressCodec.decode(a.valueUnsafe()));
    }

    /** XOR-MAPPED-ADDRESS (0x8020), un-XORed with this message's transaction id. */
    public Optional<InetSocketAddress> xorMappedAddress() {
        return attribute(MsAttributeType.XOR_MAPPED_ADDRESS)
                .map(a -> MsAddressCodec.decodeXor(a.valueUnsafe(), transactionId));
    }

    /** DESTINATION-ADDRESS. */
    public Optional<InetSocketAddress> destinationAddress() {
        return attribute(MsAttributeType.DESTINATION_ADDRESS).map(a -> MsAddressCodec.decode(a.valueUnsafe()));
    }

    /** REMOTE-ADDRESS. */
    public Optional<InetSocketAddress> remoteAddress() {
        return attribute(MsAttributeType.REMOTE_ADDRESS).map(a -> MsAddressCodec.decode(a.valueUnsafe()));
    }

    /** ALTERNATE-SERVER (0x000E). */
    public Optional<InetSocketAddress> alternateServer() {
        return attribute(MsAttributeType.ALTERNATE_SERVER).map(a -> MsAddressCodec.decode(a.valueUnsafe()));
    }

    /** DATA (a copy). */
    public Optional<byte[]> data() {
        return attribute(MsAttributeType.DATA).map(MsAttribute::value);
    }

    /** The 32-bit sequence number of MS-SEQUENCE-NUMBER (unsigned). */
    public Optional<Long> sequenceNumber() {
        Optional<MsAttribute> a = attribute(MsAttributeType.MS_SEQUENCE_NUMBER);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        if (a.get().length() != 24) {
            throw new StunDecodeException("MS-SEQUENCE-NUMBER of " + a.get().length() + " bytes (expected: 24)");
        }
        return Optional.of(u32(a.get().valueUnsafe(), 20) & 0xFFFFFFFFL);
    }

    /** True when the message carries MESSAGE-INTEGRITY. */
    public boolean hasIntegrity() {
        return attribute(MsAttributeType.MESSAGE_INTEGRITY).isPresent();
    }

    /**
     * Verifies the first MESSAGE-INTEGRITY with {@code key}: the HMAC over the bytes before it, with the header
     * length covering it, zero-padded to a multiple of 64 bytes. The compare is constant-time. False when the
     * attribute is absent, has the other regime's length, or does not match.
     */
    public boolean checkIntegrity(MsIntegrityKey key) {
        for (int i = 0; i < attributes.size(); i++) {
            MsAttribute a = attributes.get(i);
            if (a.type() != MsAttributeType.MESSAGE_INTEGRITY) {
                continue;
            }
            if (a.length() != key.regime().macLength()) {
                return false;
            }
            int off = offsets[i];
            byte[] data = Arrays.copyOf(raw, off);
            int covered = off + 4 + a.length() - HEADER_LENGTH;
            data[2] = (byte) (covered >>> 8);
            data[3] = (byte) covered;
            return MessageDigest.isEqual(key.mac(data, off), a.valueUnsafe());
        }
        return false;
    }

    private OptionalInt int32(int attributeType) {
        Optional<MsAttribute> a = attribute(attributeType);
        if (a.isEmpty()) {
            return OptionalInt.empty();
        }
        if (a.get().length() != 4) {
            throw new StunDecodeException(MsAttributeType.name(attributeType) + " of " + a.get().length()
                    + " bytes (expected: 4)");
        }
        return OptionalInt.of(u32(a.get().valueUnsafe(), 0));
    }

    private Optional<String> text(int attributeType) {
        return attribute(attributeType).map(a -> new String(a.valueUnsafe(), StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MsTurnMessage m && Arrays.equals(m.raw, raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return String.format("MsTurnMessage[type=0x%04x, txid=%s, %s]", type, HexFormat.of().formatHex(transactionId),
                attributes);
    }

    /** Builds an {@link MsTurnMessage}; not thread-safe. */
    public static final class Builder {
        private final int type;
        private byte[] transactionId;
        private final List<MsAttribute> attributes = new ArrayList<>();

        private Builder(int type) {
            if ((type & ~0x3FFF) != 0) {
                throw new IllegalArgumentException(String.format("type 0x%x (expected: 14 bits)", type));
            }
            this.type = type;
            this.transactionId = new byte[TRANSACTION_ID_LENGTH];
            RANDOM.nextBytes(transactionId);
        }

        /** Sets the 16-byte transaction id (a response echoes the request's). */
        public Builder transactionId(byte[] id) {
            if (Objects.requireNonNull(id, "id").length != TRANSACTION_ID_LENGTH) {
                throw new IllegalArgumentException("transaction id: " + id.length + " bytes (expected: 16)");
            }
            this.transactionId = id.clone();
            return this;
        }

        byte[] transactionIdUnsafe() {
            return transactionId;
        }

        /** Appends a raw attribute. */
        public Builder attribute(int attributeType, byte[] value) {
            attributes.add(new MsAttribute(attributeType, value));
            return this;
        }

        /** Applies setters in order. */
        public Builder add(MsSetter... setters) {
            for (MsSetter s : setters) {
                s.addTo(this);
            }
            return this;
        }

        /** Removes every attribute of {@code attributeType} (e.g. an old MESSAGE-INTEGRITY before re-signing). */
        public Builder remove(int attributeType) {
            attributes.removeIf(a -> a.type() == attributeType);
            return this;
        }

        /** Encodes without MESSAGE-INTEGRITY. */
        public MsTurnMessage build() {
            return MsTurnMessage.decodeOwned(encode(null));
        }

        /** Encodes and appends MESSAGE-INTEGRITY computed with {@code key} (the last attribute). */
        public MsTurnMessage build(MsIntegrityKey key) {
            return MsTurnMessage.decodeOwned(encode(Objects.requireNonNull(key, "key")));
        }

        private byte[] encode(MsIntegrityKey key) {
            int body = 0;
            for (MsAttribute a : attributes) {
                body += 4 + ((a.length() + 3) & ~3);
            }
            int mi = key == null ? 0 : 4 + key.regime().macLength();
            if (body + mi > 0xFFFF) {
                throw new IllegalArgumentException("message body of " + (body + mi) + " bytes (max 65535)");
            }
            byte[] out = new byte[HEADER_LENGTH + body + mi];
            out[0] = (byte) (type >>> 8);
            out[1] = (byte) type;
            int len = body + mi;
            out[2] = (byte) (len >>> 8);
            out[3] = (byte) len;
            System.arraycopy(transactionId, 0, out, 4, TRANSACTION_ID_LENGTH);
            int pos = HEADER_LENGTH;
            for (MsAttribute a : attributes) {
                pos = put(out, pos, a.type(), a.valueUnsafe());
            }
            if (key != null) {
                byte[] mac = key.mac(out, pos);
                put(out, pos, MsAttributeType.MESSAGE_INTEGRITY, mac);
            }
            return out;
        }

        private static int put(byte[] out, int pos, int t, byte[] v) {
            out[pos] = (byte) (t >>> 8);
            out[pos + 1] = (byte) t;
            out[pos + 2] = (byte) (v.length >>> 8);
            out[pos + 3] = (byte) v.length;
            System.arraycopy(v, 0, out, pos + 4, v.length);
            return pos + 4 + ((v.length + 3) & ~3);
        }
    }
}
