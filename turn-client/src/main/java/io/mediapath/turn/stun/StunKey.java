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

    private StunKey(byte[] key) {
        this.key = key;
        this.sha1 = ThreadLocal.withInitial(() -> mac("HmacSHA1", key));
        this.sha256 = ThreadLocal.withInitial(() -> mac("HmacSHA256", key));
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
