package io.mediapath.turn.stun;

import static io.mediapath.ice.wire.BigEndian.put16;
import static io.mediapath.ice.wire.BigEndian.put32;
import static io.mediapath.ice.wire.BigEndian.u16;

import io.mediapath.ice.wire.BigEndian;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.zip.CRC32;
import javax.crypto.Mac;

/**
 * One STUN message (RFC 8489): immutable, holding its exact wire bytes and an index of its attributes. Decode with
 * {@link #decode(byte[])}; build with {@link #builder(MessageType)} and {@link Setter}s; read attributes with the
 * typed getters here or {@link #attribute(int)}.
 *
 * <p>Decoding follows RFC 8489 §14: attributes after MESSAGE-INTEGRITY are ignored except MESSAGE-INTEGRITY-SHA256
 * and FINGERPRINT, attributes after MESSAGE-INTEGRITY-SHA256 except FINGERPRINT (they stay in the bytes but are
 * listed only in {@link #ignoredAttributes()}); a FINGERPRINT must be last and must match; padding content is
 * ignored. Integrity is checked against the original bytes, so it is exact even for messages padded with non-zero
 * bytes (RFC 5769 §2.1).
 */
public final class StunMessage {
    /** Length of the fixed header. */
    public static final int HEADER_LENGTH = 20;
    /** The magic cookie. */
    public static final int MAGIC_COOKIE = 0x2112A442;
    /** XOR value of FINGERPRINT. */
    public static final int FINGERPRINT_XOR = 0x5354554E;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] raw;
    private final MessageType type;
    // Zero-copy index: offsets of the attribute headers in raw (only the first count/ignoredCount entries are used).
    // Values are read from raw on demand, so decoding allocates the index and nothing per attribute.
    private final int[] index;
    private final int count;
    private final int[] ignoredIndex;
    private final int ignoredCount;
    private final int integrityOffset;
    private final int integritySha256Offset;
    private final int fingerprintOffset;
    // Materialised on first use. Racy single-check is fine: List.of is immutable with final fields, so a thread
    // sees either null (and builds an equal list) or a fully constructed list.
    private List<StunAttribute> attributeList;
    private List<StunAttribute> ignoredList;

    private StunMessage(byte[] raw, MessageType type, int[] index, int count, int[] ignoredIndex, int ignoredCount,
            int mi, int mi256, int fp) {
        this.raw = raw;
        this.type = type;
        this.index = index;
        this.count = count;
        this.ignoredIndex = ignoredIndex;
        this.ignoredCount = ignoredCount;
        this.integrityOffset = mi;
        this.integritySha256Offset = mi256;
        this.fingerprintOffset = fp;
    }

    // ---------------------------------------------------------------- decoding

    /** True when {@code b} starts like a STUN message: two zero bits, then the magic cookie at offset 4. */
    public static boolean looksLikeStun(ByteBuf b) {
        int i = b.readerIndex();
        return b.readableBytes() >= HEADER_LENGTH && (b.getByte(i) & 0xC0) == 0 && b.getInt(i + 4) == MAGIC_COOKIE;
    }

    /** Decodes the readable bytes of {@code buf} (indices and reference count are left alone). */
    public static StunMessage decode(ByteBuf buf) {
        return decodeOwned(ByteBufUtil.getBytes(buf));
    }

    /** Decodes exactly one message that fills {@code bytes}. */
    public static StunMessage decode(byte[] bytes) {
        return decodeOwned(bytes.clone());
    }

    /**
     * Decodes a message from bytes this class may keep.
     *
     * @throws StunDecodeException when the bytes are not one well-formed STUN message
     */
    static StunMessage decodeOwned(byte[] raw) {
        int n = raw.length;
        if (n < HEADER_LENGTH) {
            throw new StunDecodeException("message: " + n + " bytes (expected: >= 20)");
        }
        int t = u16(raw, 0);
        if ((t & 0xC000) != 0) {
            throw new StunDecodeException(String.format("type 0x%04x: first two bits not zero", t));
        }
        int len = u16(raw, 2);
        if ((len & 3) != 0) {
            throw new StunDecodeException("length " + len + ": not a multiple of 4");
        }
        if (len != n - HEADER_LENGTH) {
            throw new StunDecodeException("length field " + len + " but " + (n - HEADER_LENGTH) + " bytes follow the header");
        }
        if (BigEndian.u32(raw, 4) != MAGIC_COOKIE) {
            throw new StunDecodeException(String.format("magic cookie 0x%08x (expected: 0x2112a442)", BigEndian.u32(raw, 4)));
        }
        MessageType type = MessageType.fromValue(t);
        int[] offs = new int[Math.min(len >>> 2, 8)]; // len >= 4 whenever the loop runs, so never 0
        int count = 0;
        int[] ignored = null;
        int ignoredCount = 0;
        int mi = -1;
        int mi256 = -1;
        int fp = -1;
        int p = HEADER_LENGTH;
        while (p < n) {
            if (fp >= 0) {
                throw new StunDecodeException("attribute at offset " + p + " after FINGERPRINT");
            }
            if (n - p < 4) {
                throw new StunDecodeException("truncated attribute header at offset " + p);
            }
            int at = u16(raw, p);
            int al = u16(raw, p + 2);
            int padded = (al + 3) & ~3;
            if (padded > n - p - 4) {
                throw new StunDecodeException(AttributeType.name(at) + " at offset " + p + ": length " + al
                        + " exceeds the message");
            }
            boolean afterIntegrity = mi >= 0 || mi256 >= 0;
            if (at == AttributeType.FINGERPRINT) {
                if (al != 4) {
                    throw new StunDecodeException("FINGERPRINT: length " + al + " (expected: 4)");
                }
                int expected = crc(raw, p) ^ FINGERPRINT_XOR;
                if (BigEndian.u32(raw, p + 4) != expected) {
                    throw new StunDecodeException("FINGERPRINT mismatch");
                }
                fp = p;
            } else if (at == AttributeType.MESSAGE_INTEGRITY && !afterIntegrity) {
                if (al != 20) {
                    throw new StunDecodeException("MESSAGE-INTEGRITY: length " + al + " (expected: 20)");
                }
                mi = p;
            } else if (at == AttributeType.MESSAGE_INTEGRITY_SHA256 && mi256 < 0) {
                if (al < 16 || al > 32 || (al & 3) != 0) {
                    throw new StunDecodeException("MESSAGE-INTEGRITY-SHA256: length " + al
                            + " (expected: 16 ~ 32, a multiple of 4)");
                }
                mi256 = p;
            } else if (afterIntegrity) {
                // RFC 8489 §14.5: attributes after MESSAGE-INTEGRITY are ignored (except the two above).
                if (ignored == null) {
                    ignored = new int[4];
                } else if (ignoredCount == ignored.length) {
                    ignored = Arrays.copyOf(ignored, ignoredCount * 2);
                }
                ignored[ignoredCount++] = p;
                p += 4 + padded;
                continue;
            }
            if (count == offs.length) {
                offs = Arrays.copyOf(offs, count * 2);
            }
            offs[count++] = p;
            p += 4 + padded;
        }
        return new StunMessage(raw, type, offs, count, ignored, ignoredCount, mi, mi256, fp);
    }

    // ---------------------------------------------------------------- header

    /** The message type. */
    public MessageType type() {
        return type;
    }

    /** The method. */
    public StunMethod method() {
        return type.method();
    }

    /** The class. */
    public StunClass messageClass() {
        return type.cls();
    }

    /** A copy of the 96-bit transaction ID. */
    public byte[] transactionId() {
        return Arrays.copyOfRange(raw, 8, 20);
    }

    /** True when {@code id} equals this message's transaction ID. */
    public boolean hasTransactionId(byte[] id) {
        return id.length == 12 && Arrays.equals(raw, 8, 20, id, 0, 12);
    }

    /** The transaction ID as 24 hex digits (for logs and maps). */
    public String transactionIdHex() {
        return HexFormat.of().formatHex(raw, 8, 20);
    }

    /** A copy of the exact wire bytes. */
    public byte[] toBytes() {
        return raw.clone();
    }

    /** Writes the wire bytes to {@code out}. */
    public ByteBuf writeTo(ByteBuf out) {
        return out.writeBytes(raw);
    }

    /** The size on the wire. */
    public int size() {
        return raw.length;
    }

    // ---------------------------------------------------------------- attributes

    /** The attributes that count, in wire order (integrity and fingerprint attributes included). */
    public List<StunAttribute> attributes() {
        List<StunAttribute> l = attributeList;
        if (l == null) {
            l = materialise(index, count);
            attributeList = l;
        }
        return l;
    }

    /** Attributes that followed MESSAGE-INTEGRITY and are therefore ignored (RFC 8489 §14.5). */
    public List<StunAttribute> ignoredAttributes() {
        List<StunAttribute> l = ignoredList;
        if (l == null) {
            l = materialise(ignoredIndex, ignoredCount);
            ignoredList = l;
        }
        return l;
    }

    private List<StunAttribute> materialise(int[] offs, int n) {
        if (n == 0) {
            return List.of();
        }
        StunAttribute[] out = new StunAttribute[n];
        for (int i = 0; i < n; i++) {
            out[i] = attributeAt(offs[i]);
        }
        return List.of(out);
    }

    private StunAttribute attributeAt(int o) {
        return new StunAttribute(u16(raw, o), Arrays.copyOfRange(raw, o + 4, o + 4 + u16(raw, o + 2)));
    }

    /** Offset of the header of the first counted attribute of {@code type}, or -1. */
    private int find(int type) {
        for (int i = 0; i < count; i++) {
            int o = index[i];
            if (u16(raw, o) == type) {
                return o;
            }
        }
        return -1;
    }

    /** The first attribute of {@code type}. */
    public Optional<StunAttribute> attribute(int type) {
        int o = find(type);
        return o < 0 ? Optional.empty() : Optional.of(attributeAt(o));
    }

    /** Every attribute of {@code type}, in order. */
    public List<StunAttribute> attributes(int type) {
        List<StunAttribute> out = new ArrayList<>(1);
        for (int i = 0; i < count; i++) {
            if (u16(raw, index[i]) == type) {
                out.add(attributeAt(index[i]));
            }
        }
        return out;
    }

    /** True when an attribute of {@code type} is present. */
    public boolean has(int type) {
        return find(type) >= 0;
    }

    /**
     * The comprehension-required attribute types (0x0000–0x7FFF) that the {@link AttributeType} registry does not
     * know: a request with any must be answered with 420, a response with any fails its transaction (RFC 8489 §7.3).
     */
    public List<Integer> unknownComprehensionRequired() {
        List<Integer> out = null;
        for (int i = 0; i < count; i++) {
            int t = u16(raw, index[i]);
            if (AttributeType.isComprehensionRequired(t) && !AttributeType.isKnown(t)) {
                if (out == null) {
                    out = new ArrayList<>(1);
                }
                if (!out.contains(t)) {
                    out.add(t);
                }
            }
        }
        return out == null ? new ArrayList<>(0) : out;
    }

    /** A copy of the value of the first attribute of {@code type}. */
    private Optional<byte[]> value(int type) {
        int o = find(type);
        return o < 0 ? Optional.empty() : Optional.of(Arrays.copyOfRange(raw, o + 4, o + 4 + u16(raw, o + 2)));
    }

    private Optional<String> text(int type) {
        int o = find(type);
        return o < 0 ? Optional.empty() : Optional.of(new String(raw, o + 4, u16(raw, o + 2), StandardCharsets.UTF_8));
    }

    private OptionalLong u32(int type) {
        int o = find(type);
        if (o < 0) {
            return OptionalLong.empty();
        }
        int l = u16(raw, o + 2);
        if (l != 4) {
            throw new StunDecodeException(AttributeType.name(type) + ": " + l + " bytes (expected: 4)");
        }
        return OptionalLong.of(BigEndian.u32(raw, o + 4) & 0xFFFFFFFFL);
    }

    private OptionalLong u64(int type) {
        int o = find(type);
        if (o < 0) {
            return OptionalLong.empty();
        }
        int l = u16(raw, o + 2);
        if (l != 8) {
            throw new StunDecodeException(AttributeType.name(type) + ": " + l + " bytes (expected: 8)");
        }
        return OptionalLong.of(((long) BigEndian.u32(raw, o + 4) << 32) | (BigEndian.u32(raw, o + 8) & 0xFFFFFFFFL));
    }

    private Optional<InetSocketAddress> address(int type, boolean xor) {
        int o = find(type);
        return o < 0 ? Optional.empty()
                : Optional.of(decodeAddress(type, raw, o + 4, u16(raw, o + 2), xor ? raw : null));
    }

    /** USERNAME. */
    public Optional<String> username() {
        return text(AttributeType.USERNAME);
    }

    /** REALM. */
    public Optional<String> realm() {
        return text(AttributeType.REALM);
    }

    /** NONCE. */
    public Optional<String> nonce() {
        return text(AttributeType.NONCE);
    }

    /** SOFTWARE. */
    public Optional<String> software() {
        return text(AttributeType.SOFTWARE);
    }

    /** ALTERNATE-DOMAIN. */
    public Optional<String> alternateDomain() {
        return text(AttributeType.ALTERNATE_DOMAIN);
    }

    /** ERROR-CODE. @throws StunDecodeException when malformed */
    public Optional<ErrorCode> errorCode() {
        return value(AttributeType.ERROR_CODE).map(ErrorCode::decode);
    }

    /** XOR-MAPPED-ADDRESS. @throws StunDecodeException when malformed */
    public Optional<InetSocketAddress> xorMappedAddress() {
        return xorAddress(AttributeType.XOR_MAPPED_ADDRESS);
    }

    /** XOR-RELAYED-ADDRESS (the first; a dual allocation has two, see {@link #xorAddresses(int)}). */
    public Optional<InetSocketAddress> xorRelayedAddress() {
        return xorAddress(AttributeType.XOR_RELAYED_ADDRESS);
    }

    /** XOR-PEER-ADDRESS. */
    public Optional<InetSocketAddress> xorPeerAddress() {
        return xorAddress(AttributeType.XOR_PEER_ADDRESS);
    }

    /** MAPPED-ADDRESS. */
    public Optional<InetSocketAddress> mappedAddress() {
        return address(AttributeType.MAPPED_ADDRESS, false);
    }

    /** ALTERNATE-SERVER. */
    public Optional<InetSocketAddress> alternateServer() {
        return address(AttributeType.ALTERNATE_SERVER, false);
    }

    /** RESPONSE-ORIGIN (RFC 5780). */
    public Optional<InetSocketAddress> responseOrigin() {
        return address(AttributeType.RESPONSE_ORIGIN, false);
    }

    /** OTHER-ADDRESS (RFC 5780). */
    public Optional<InetSocketAddress> otherAddress() {
        return address(AttributeType.OTHER_ADDRESS, false);
    }

    /** The first XOR-encoded address attribute of {@code type}. */
    public Optional<InetSocketAddress> xorAddress(int type) {
        return address(type, true);
    }

    /** Every XOR-encoded address attribute of {@code type}. */
    public List<InetSocketAddress> xorAddresses(int type) {
        List<InetSocketAddress> out = new ArrayList<>(1);
        for (int i = 0; i < count; i++) {
            int o = index[i];
            if (u16(raw, o) == type) {
                out.add(decodeAddress(type, raw, o + 4, u16(raw, o + 2), raw));
            }
        }
        return out;
    }

    /** LIFETIME in seconds. */
    public OptionalLong lifetime() {
        return u32(AttributeType.LIFETIME);
    }

    /** CHANNEL-NUMBER. */
    public OptionalInt channelNumber() {
        OptionalLong v = u32(AttributeType.CHANNEL_NUMBER);
        return v.isPresent() ? OptionalInt.of((int) (v.getAsLong() >>> 16)) : OptionalInt.empty();
    }

    /** REQUESTED-TRANSPORT protocol number (17 UDP, 6 TCP). */
    public OptionalInt requestedTransport() {
        OptionalLong v = u32(AttributeType.REQUESTED_TRANSPORT);
        return v.isPresent() ? OptionalInt.of((int) (v.getAsLong() >>> 24)) : OptionalInt.empty();
    }

    /** REQUESTED-ADDRESS-FAMILY (1 IPv4, 2 IPv6). */
    public OptionalInt requestedAddressFamily() {
        OptionalLong v = u32(AttributeType.REQUESTED_ADDRESS_FAMILY);
        return v.isPresent() ? OptionalInt.of((int) (v.getAsLong() >>> 24)) : OptionalInt.empty();
    }

    /** CONNECTION-ID (RFC 6062). */
    public OptionalLong connectionId() {
        return u32(AttributeType.CONNECTION_ID);
    }

    /** PRIORITY (RFC 8445). */
    public OptionalLong priority() {
        return u32(AttributeType.PRIORITY);
    }

    /** True when USE-CANDIDATE is present. */
    public boolean useCandidate() {
        return has(AttributeType.USE_CANDIDATE);
    }

    /** ICE-CONTROLLED tie-breaker. */
    public OptionalLong iceControlled() {
        return u64(AttributeType.ICE_CONTROLLED);
    }

    /** ICE-CONTROLLING tie-breaker. */
    public OptionalLong iceControlling() {
        return u64(AttributeType.ICE_CONTROLLING);
    }

    /** DATA (a copy). */
    public Optional<byte[]> data() {
        return value(AttributeType.DATA);
    }

    /** USERHASH (a copy). */
    public Optional<byte[]> userHash() {
        return value(AttributeType.USERHASH);
    }

    /** RESERVATION-TOKEN (a copy). */
    public Optional<byte[]> reservationToken() {
        return value(AttributeType.RESERVATION_TOKEN);
    }

    /** PASSWORD-ALGORITHM: the algorithm code (an unsupported code is still returned). */
    public OptionalInt passwordAlgorithm() {
        Optional<byte[]> v = value(AttributeType.PASSWORD_ALGORITHM);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        if (v.get().length < 4) {
            throw new StunDecodeException("PASSWORD-ALGORITHM: " + v.get().length + " bytes (expected: >= 4)");
        }
        return OptionalInt.of(u16(v.get(), 0));
    }

    /** PASSWORD-ALGORITHMS: the algorithm codes in the server's order of preference. */
    public List<Integer> passwordAlgorithms() {
        Optional<byte[]> v = value(AttributeType.PASSWORD_ALGORITHMS);
        if (v.isEmpty()) {
            return List.of();
        }
        byte[] b = v.get();
        List<Integer> out = new ArrayList<>();
        int p = 0;
        while (p < b.length) {
            if (b.length - p < 4) {
                throw new StunDecodeException("PASSWORD-ALGORITHMS: truncated entry at " + p);
            }
            int plen = (u16(b, p + 2) + 3) & ~3;
            if (plen > b.length - p - 4) {
                throw new StunDecodeException("PASSWORD-ALGORITHMS: parameters exceed the attribute");
            }
            out.add(u16(b, p));
            p += 4 + plen;
        }
        return out;
    }

    /** UNKNOWN-ATTRIBUTES: the types listed. */
    public List<Integer> unknownAttributes() {
        Optional<byte[]> v = value(AttributeType.UNKNOWN_ATTRIBUTES);
        if (v.isEmpty()) {
            return List.of();
        }
        byte[] b = v.get();
        List<Integer> out = new ArrayList<>(b.length / 2);
        for (int i = 0; i + 1 < b.length; i += 2) {
            out.add(u16(b, i));
        }
        return out;
    }

    /** The security features announced by the NONCE's cookie, if any. */
    public Optional<SecurityFeatures> securityFeatures() {
        return nonce().flatMap(SecurityFeatures::ofNonce);
    }

    // ---------------------------------------------------------------- integrity

    /** True when MESSAGE-INTEGRITY is present. */
    public boolean hasMessageIntegrity() {
        return integrityOffset >= 0;
    }

    /** True when MESSAGE-INTEGRITY-SHA256 is present. */
    public boolean hasMessageIntegritySha256() {
        return integritySha256Offset >= 0;
    }

    /** True when FINGERPRINT is present (it has been verified by decoding). */
    public boolean hasFingerprint() {
        return fingerprintOffset >= 0;
    }

    /**
     * Checks the message's integrity with {@code key}: MESSAGE-INTEGRITY-SHA256 when present (RFC 8489 §9.2.5 prefers
     * it), otherwise MESSAGE-INTEGRITY. Comparison is constant-time.
     */
    public IntegrityStatus checkIntegrity(StunKey key) {
        if (integritySha256Offset >= 0) {
            return verifySha256(key) ? IntegrityStatus.VALID : IntegrityStatus.INVALID;
        }
        if (integrityOffset >= 0) {
            return verifySha1(key) ? IntegrityStatus.VALID : IntegrityStatus.INVALID;
        }
        return IntegrityStatus.ABSENT;
    }

    /** True when MESSAGE-INTEGRITY (HMAC-SHA1) is present and matches. */
    public boolean verifySha1(StunKey key) {
        int o = integrityOffset;
        if (o < 0) {
            return false;
        }
        return key.matchesSha1(raw, o, o + 24 - HEADER_LENGTH, o + 4);
    }

    /** True when MESSAGE-INTEGRITY-SHA256 is present and matches (truncated values compare their prefix). */
    public boolean verifySha256(StunKey key) {
        int o = integritySha256Offset;
        if (o < 0) {
            return false;
        }
        int l = u16(raw, o + 2);
        return key.matchesSha256(raw, o, o + 4 + l - HEADER_LENGTH, o + 4, l);
    }

    // HMAC over raw[0, end) with the header length field replaced by lengthField, without copying the message.
    static byte[] hmac(Mac mac, byte[] raw, int end, int lengthField) {
        mac.update(raw, 0, 2);
        mac.update((byte) (lengthField >>> 8));
        mac.update((byte) lengthField);
        mac.update(raw, 4, end - 4);
        return mac.doFinal();
    }

    static int crc(byte[] raw, int end) {
        CRC32 c = new CRC32();
        c.update(raw, 0, end);
        return (int) c.getValue();
    }

    // ---------------------------------------------------------------- building

    /** A builder for a message of {@code type} with a fresh random transaction ID. */
    public static Builder builder(MessageType type) {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        return new Builder(type, id);
    }

    /** A builder for a message of {@code type} with the given 12-byte transaction ID. */
    public static Builder builder(MessageType type, byte[] transactionId) {
        if (transactionId.length != 12) {
            throw new IllegalArgumentException("transaction ID: " + transactionId.length + " bytes (expected: 12)");
        }
        return new Builder(type, transactionId.clone());
    }

    /**
     * A builder with this message's type, transaction ID and attributes up to (not including) its
     * integrity/fingerprint attributes. Re-add those with the builder's methods.
     */
    public Builder toBuilder() {
        Builder b = new Builder(type, transactionId());
        for (int i = 0; i < count; i++) {
            int o = index[i];
            int t = u16(raw, o);
            if (t != AttributeType.MESSAGE_INTEGRITY && t != AttributeType.MESSAGE_INTEGRITY_SHA256
                    && t != AttributeType.FINGERPRINT) {
                b.addRaw(t, Arrays.copyOfRange(raw, o + 4, o + 4 + u16(raw, o + 2)));
            }
        }
        return b;
    }

    /**
     * Builds a message attribute by attribute (RFC 8489 order: everything, then MESSAGE-INTEGRITY,
     * MESSAGE-INTEGRITY-SHA256, FINGERPRINT). Not thread-safe; single use.
     */
    public static final class Builder {
        private final MessageType type;
        private final byte[] txId;
        private byte[] buf = new byte[128];
        private int len = HEADER_LENGTH;
        private byte pad;
        private StunKey sha1Key;
        private StunKey sha256Key;
        private int sha256Length = 32;
        private boolean fingerprint;

        Builder(MessageType type, byte[] txId) {
            this.type = Objects.requireNonNull(type, "type");
            this.txId = txId;
        }

        /** The transaction ID (XOR-address setters need it). */
        public byte[] transactionId() {
            return txId.clone();
        }

        /** The message type. */
        public MessageType type() {
            return type;
        }

        /**
         * The byte used to pad attribute values to 4 bytes; zero per RFC 8489. Only useful to reproduce vectors
         * that padded with other bytes (RFC 5769 §2.1–2.3 pad with 0x20). Affects attributes added afterwards.
         */
        public Builder padding(byte b) {
            this.pad = b;
            return this;
        }

        /** Applies setters in order. */
        public Builder add(Setter... setters) {
            for (Setter s : setters) {
                s.addTo(this);
            }
            return this;
        }

        /** Adds one attribute with exactly these value bytes. */
        public Builder addRaw(int attributeType, byte[] value) {
            AttributeType.checkRange(attributeType);
            if (value.length > 0xFFFF) {
                throw new IllegalArgumentException("attribute value: " + value.length + " bytes (expected: <= 65535)");
            }
            int padded = (value.length + 3) & ~3;
            ensure(4 + padded);
            put16(buf, len, attributeType);
            put16(buf, len + 2, value.length);
            System.arraycopy(value, 0, buf, len + 4, value.length);
            Arrays.fill(buf, len + 4 + value.length, len + 4 + padded, pad);
            len += 4 + padded;
            if (len - HEADER_LENGTH > 0xFFFF) {
                throw new IllegalArgumentException("message body exceeds 65535 bytes");
            }
            return this;
        }

        /** Adds an attribute. */
        public Builder add(StunAttribute a) {
            return addRaw(a.type(), a.valueUnsafe());
        }

        /** Ends the message with MESSAGE-INTEGRITY (HMAC-SHA1) under {@code key}. */
        public Builder messageIntegrity(StunKey key) {
            this.sha1Key = Objects.requireNonNull(key, "key");
            return this;
        }

        /** Ends the message with MESSAGE-INTEGRITY-SHA256 (32 bytes) under {@code key}. */
        public Builder messageIntegritySha256(StunKey key) {
            return messageIntegritySha256(key, 32);
        }

        /** MESSAGE-INTEGRITY-SHA256 truncated to {@code length} bytes (16–32, a multiple of 4; RFC 8489 §14.6). */
        public Builder messageIntegritySha256(StunKey key, int length) {
            if (length < 16 || length > 32 || (length & 3) != 0) {
                throw new IllegalArgumentException("MESSAGE-INTEGRITY-SHA256 length: " + length);
            }
            this.sha256Key = Objects.requireNonNull(key, "key");
            this.sha256Length = length;
            return this;
        }

        /** Ends the message with FINGERPRINT. */
        public Builder fingerprint() {
            this.fingerprint = true;
            return this;
        }

        /** The message. */
        public StunMessage build() {
            ensure(24 + 36 + 8);
            put16(buf, 0, type.value());
            put32(buf, 4, MAGIC_COOKIE);
            System.arraycopy(txId, 0, buf, 8, 12);
            if (sha1Key != null) {
                int o = len;
                put16(buf, o, AttributeType.MESSAGE_INTEGRITY);
                put16(buf, o + 2, 20);
                byte[] h = sha1Key.sha1(buf, o, o + 24 - HEADER_LENGTH);
                System.arraycopy(h, 0, buf, o + 4, 20);
                len += 24;
            }
            if (sha256Key != null) {
                int o = len;
                put16(buf, o, AttributeType.MESSAGE_INTEGRITY_SHA256);
                put16(buf, o + 2, sha256Length);
                byte[] h = sha256Key.sha256(buf, o, o + 4 + sha256Length - HEADER_LENGTH);
                System.arraycopy(h, 0, buf, o + 4, sha256Length);
                len += 4 + sha256Length;
            }
            if (fingerprint) {
                int o = len;
                put16(buf, 2, o + 8 - HEADER_LENGTH);
                put16(buf, o, AttributeType.FINGERPRINT);
                put16(buf, o + 2, 4);
                put32(buf, o + 4, crc(buf, o) ^ FINGERPRINT_XOR);
                len += 8;
            }
            put16(buf, 2, len - HEADER_LENGTH);
            return decodeOwned(Arrays.copyOf(buf, len));
        }

        private void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }
    }

    // ---------------------------------------------------------------- addresses

    // Decodes the address attribute value at v[off, off + len), XORed with bytes 4..19 of xorWith when not null.
    static InetSocketAddress decodeAddress(int type, byte[] v, int off, int len, byte[] xorWith) {
        if (len < 4) {
            throw new StunDecodeException(AttributeType.name(type) + ": " + len + " bytes (expected: 8 or 20)");
        }
        int family = v[off + 1] & 0xFF;
        int alen = family == 1 ? 4 : family == 2 ? 16 : -1;
        if (alen < 0 || len != 4 + alen) {
            throw new StunDecodeException(AttributeType.name(type) + ": family " + family + " with " + len
                    + " bytes (expected: family 1 with 8 bytes or 2 with 20)");
        }
        int port = u16(v, off + 2);
        byte[] a = Arrays.copyOfRange(v, off + 4, off + 4 + alen);
        if (xorWith != null) {
            port ^= MAGIC_COOKIE >>> 16;
            for (int i = 0; i < alen; i++) {
                a[i] ^= xorWith[4 + i]; // cookie then transaction ID, exactly bytes 4..19 of the header
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(a), port);
        } catch (UnknownHostException e) {
            throw new StunDecodeException(AttributeType.name(type) + ": bad address");
        }
    }

    static byte[] encodeAddress(InetSocketAddress addr, byte[] txIdOrNull) {
        InetAddress ia = addr.getAddress();
        if (ia == null) {
            throw new IllegalArgumentException("address not resolved: " + addr);
        }
        byte[] a = ia.getAddress();
        byte[] v = new byte[4 + a.length];
        v[1] = (byte) (a.length == 4 ? 1 : 2);
        int port = addr.getPort();
        if (txIdOrNull != null) {
            port ^= MAGIC_COOKIE >>> 16;
            byte[] x = new byte[16];
            put32(x, 0, MAGIC_COOKIE);
            System.arraycopy(txIdOrNull, 0, x, 4, 12);
            for (int i = 0; i < a.length; i++) {
                a[i] ^= x[i];
            }
        }
        put16(v, 2, port);
        System.arraycopy(a, 0, v, 4, a.length);
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StunMessage m && Arrays.equals(m.raw, raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(type.toString()).append(" tx=").append(transactionIdHex()).append(" [");
        for (int i = 0; i < count; i++) {
            b.append(i == 0 ? "" : ", ").append(AttributeType.name(u16(raw, index[i])));
        }
        return b.append(']').toString();
    }
}
