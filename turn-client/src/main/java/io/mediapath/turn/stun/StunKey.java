package io.mediapath.turn.stun;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC key of STUN message integrity (RFC 8489 §9): a short-term key (the prepared password) or a long-term key
 * (a digest of username, realm and password). Holds initialised {@link Mac}s per thread so that signing and
 * checking cost one HMAC and nothing else. {@link #toString()} never shows the key.
 */
public final class StunKey {
    private final byte[] key;
    private final ThreadLocal<Mac> sha1;
    private final ThreadLocal<Mac> sha256;
    private final ThreadLocal<PadState> sha1Pads;
    private final ThreadLocal<PadState> sha256Pads;

    private StunKey(byte[] key) {
        this.key = key;
        this.sha1 = ThreadLocal.withInitial(() -> mac("HmacSHA1", key));
        this.sha256 = ThreadLocal.withInitial(() -> mac("HmacSHA256", key));
        this.sha1Pads = ThreadLocal.withInitial(() -> PadState.of("SHA-1", key));
        this.sha256Pads = ThreadLocal.withInitial(() -> PadState.of("SHA-256", key));
    }

    /** A key of exactly these bytes. */
    public static StunKey ofBytes(byte[] key) {
        if (key.length == 0) {
            throw new IllegalArgumentException("key: empty");
        }
        return new StunKey(key.clone());
    }

    /** Short-term credential key (RFC 8489 §9.1.1): OpaqueString(password). */
    public static StunKey shortTerm(String password) {
        return shortTerm(password, PasswordPreparation.OPAQUE_STRING);
    }

    /** Short-term credential key with the given preparation. */
    public static StunKey shortTerm(String password, PasswordPreparation prep) {
        return new StunKey(prep.prepare(password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Long-term credential key (RFC 8489 §9.2.2): {@code algorithm(username ":" realm ":" password)}, with realm and
     * password prepared by {@code prep} (the username is used as given: servers look it up verbatim).
     */
    public static StunKey longTerm(String username, String realm, String password, PasswordAlgorithm algorithm,
            PasswordPreparation prep) {
        String input = username + ":" + prep.prepare(realm) + ":" + prep.prepare(password);
        return new StunKey(digest(algorithm.digestName(), input.getBytes(StandardCharsets.UTF_8)));
    }

    /** Long-term key with OpaqueString preparation. */
    public static StunKey longTerm(String username, String realm, String password, PasswordAlgorithm algorithm) {
        return longTerm(username, realm, password, algorithm, PasswordPreparation.OPAQUE_STRING);
    }

    /** USERHASH (RFC 8489 §14.4): SHA-256(username ":" realm), 32 bytes. */
    public static byte[] userHash(String username, String realm) {
        return digest("SHA-256", (username + ":" + PasswordPreparation.OPAQUE_STRING.prepare(realm))
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The key length in bytes (16 for MD5, 32 for SHA-256 long-term keys). */
    public int length() {
        return key.length;
    }

    /** An initialised HMAC-SHA1 for this key on the current thread; callers must not change its key. */
    Mac hmacSha1() {
        Mac m = sha1.get();
        m.reset();
        return m;
    }

    /** An initialised HMAC-SHA256 for this key on the current thread. */
    Mac hmacSha256() {
        Mac m = sha256.get();
        m.reset();
        return m;
    }

    /**
     * HMAC-SHA1 (20 bytes) over {@code raw[0, end)} with the header's length field (bytes 2–3) replaced by
     * {@code lengthField}: what MESSAGE-INTEGRITY covers (RFC 8489 §14.5), without copying the message.
     */
    byte[] sha1(byte[] raw, int end, int lengthField) {
        PadState p = sha1Pads.get();
        return p != null ? p.mac(raw, end, lengthField) : StunMessage.hmac(hmacSha1(), raw, end, lengthField);
    }

    /** HMAC-SHA256 (32 bytes) over the same input as {@link #sha1}. */
    byte[] sha256(byte[] raw, int end, int lengthField) {
        PadState p = sha256Pads.get();
        return p != null ? p.mac(raw, end, lengthField) : StunMessage.hmac(hmacSha256(), raw, end, lengthField);
    }

    /**
     * True when the HMAC-SHA1 of {@link #sha1}'s input equals the 20 bytes at {@code raw[macAt]}, compared in
     * constant time. Checking needs no result array: the MAC is computed into a per-thread buffer.
     */
    boolean matchesSha1(byte[] raw, int end, int lengthField, int macAt) {
        PadState p = sha1Pads.get();
        return p != null ? p.matches(raw, end, lengthField, macAt, 20)
                : sameBytes(StunMessage.hmac(hmacSha1(), raw, end, lengthField), raw, macAt, 20);
    }

    /**
     * True when the first {@code macLength} bytes (16–32) of the HMAC-SHA256 of {@link #sha1}'s input equal
     * {@code raw[macAt, macAt + macLength)} (RFC 8489 §14.6 allows truncated values), in constant time.
     */
    boolean matchesSha256(byte[] raw, int end, int lengthField, int macAt, int macLength) {
        PadState p = sha256Pads.get();
        return p != null ? p.matches(raw, end, lengthField, macAt, macLength)
                : sameBytes(StunMessage.hmac(hmacSha256(), raw, end, lengthField), raw, macAt, macLength);
    }

    // Constant time in the bytes' values: every byte is compared whatever the first difference.
    static boolean sameBytes(byte[] mac, byte[] raw, int at, int length) {
        int diff = 0;
        for (int i = 0; i < length; i++) {
            diff |= mac[i] ^ raw[at + i];
        }
        return diff == 0;
    }

    /**
     * HMAC (RFC 2104) with the digest states after the key's inner and outer pad blocks computed once: each MAC
     * then clones those states instead of hashing the two 64-byte pad blocks again, which is what a {@link Mac}
     * does after every reset. Two of the five SHA-1 compressions of a MESSAGE-INTEGRITY over a typical request
     * are saved. Per thread (digests are not thread-safe); null when the provider's digest cannot be cloned.
     */
    private static final class PadState {
        private static final int BLOCK = 64; // SHA-1 and SHA-256
        private final MessageDigest inner;
        private final MessageDigest outer;
        private final byte[] header = new byte[4];
        private final byte[] innerHash;
        private final byte[] outerHash;

        private PadState(MessageDigest inner, MessageDigest outer) {
            this.inner = inner;
            this.outer = outer;
            this.innerHash = new byte[inner.getDigestLength()];
            this.outerHash = new byte[inner.getDigestLength()];
        }

        static PadState of(String alg, byte[] key) {
            try {
                MessageDigest in = MessageDigest.getInstance(alg);
                MessageDigest out = MessageDigest.getInstance(alg);
                byte[] k = key.length > BLOCK ? in.digest(key) : key;
                byte[] ipad = new byte[BLOCK];
                byte[] opad = new byte[BLOCK];
                for (int i = 0; i < BLOCK; i++) {
                    byte b = i < k.length ? k[i] : 0;
                    ipad[i] = (byte) (b ^ 0x36);
                    opad[i] = (byte) (b ^ 0x5c);
                }
                in.update(ipad);
                out.update(opad);
                Arrays.fill(ipad, (byte) 0);
                Arrays.fill(opad, (byte) 0);
                in.clone(); // probe once: a provider without clone support falls back to Mac
                return new PadState(in, out);
            } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
                return null;
            }
        }

        byte[] mac(byte[] raw, int end, int lengthField) {
            compute(raw, end, lengthField);
            return outerHash.clone();
        }

        boolean matches(byte[] raw, int end, int lengthField, int macAt, int macLength) {
            compute(raw, end, lengthField);
            return sameBytes(outerHash, raw, macAt, macLength);
        }

        // HMAC into outerHash: the caller reads it before this thread's next MAC with the same key.
        private void compute(byte[] raw, int end, int lengthField) {
            try {
                MessageDigest in = (MessageDigest) inner.clone();
                header[0] = raw[0];
                header[1] = raw[1];
                header[2] = (byte) (lengthField >>> 8);
                header[3] = (byte) lengthField;
                in.update(header, 0, 4);
                in.update(raw, 4, end - 4);
                int n = in.digest(innerHash, 0, innerHash.length);
                MessageDigest out = (MessageDigest) outer.clone();
                out.update(innerHash, 0, n);
                out.digest(outerHash, 0, outerHash.length);
            } catch (java.security.DigestException e) {
                throw new IllegalStateException("digest length", e);
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("digest lost clone support", e);
            }
        }
    }

    /** True when both keys have the same bytes (constant time). */
    public boolean sameAs(StunKey other) {
        return MessageDigest.isEqual(key, other.key);
    }

    @Override
    public String toString() {
        return "StunKey(" + key.length + " bytes)";
    }

    static byte[] digest(String alg, byte[] input) {
        try {
            return MessageDigest.getInstance(alg).digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(alg + " missing from the JDK", e);
        }
    }

    private static Mac mac(String alg, byte[] key) {
        try {
            Mac m = Mac.getInstance(alg);
            m.init(new SecretKeySpec(key, alg));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(alg + " missing from the JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StunKey k && sameAs(k);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }
}
