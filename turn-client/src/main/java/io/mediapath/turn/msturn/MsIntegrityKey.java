package io.mediapath.turn.msturn;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The MESSAGE-INTEGRITY key of one MS-TURN exchange, derived from the long-term credentials and the server's
 * REALM/NONCE. Immutable; {@link #toString()} never shows key material.
 */
public final class MsIntegrityKey {
    private final IntegrityRegime regime;
    private final byte[] key;

    private MsIntegrityKey(IntegrityRegime regime, byte[] key) {
        this.regime = regime;
        this.key = key;
    }

    /**
     * Derives the key.
     * <ul>
     * <li>{@link IntegrityRegime#HMAC_SHA1}: MD5(username ":" realm ":" password).</li>
     * <li>{@link IntegrityRegime#HMAC_SHA256}: K = HMAC-SHA256(key = nonce, password); key = HMAC-SHA256(key = K,
     * {@code 01 "TURN" 00 || username || realm || 00 00 01 00}) (svens/turner, checked against its vector).</li>
     * </ul>
     * Strings are UTF-8.
     */
    public static MsIntegrityKey derive(IntegrityRegime regime, String username, String realm, String nonce,
            String password) {
        Objects.requireNonNull(regime, "regime");
        byte[] user = Objects.requireNonNull(username, "username").getBytes(StandardCharsets.UTF_8);
        byte[] rlm = Objects.requireNonNull(realm, "realm").getBytes(StandardCharsets.UTF_8);
        byte[] pass = Objects.requireNonNull(password, "password").getBytes(StandardCharsets.UTF_8);
        try {
            if (regime == IntegrityRegime.HMAC_SHA1) {
                MessageDigest md5 = MessageDigest.getInstance("MD5");
                md5.update(user);
                md5.update((byte) ':');
                md5.update(rlm);
                md5.update((byte) ':');
                md5.update(pass);
                return new MsIntegrityKey(regime, md5.digest());
            }
            byte[] k = hmac("HmacSHA256", Objects.requireNonNull(nonce, "nonce").getBytes(StandardCharsets.UTF_8),
                    pass);
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            data.write(0x01);
            data.writeBytes("TURN".getBytes(StandardCharsets.US_ASCII));
            data.write(0x00);
            data.writeBytes(user);
            data.writeBytes(rlm);
            data.writeBytes(new byte[] {0, 0, 1, 0});
            return new MsIntegrityKey(regime, hmac("HmacSHA256", k, data.toByteArray()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks MD5/HMAC-SHA256", e);
        }
    }

    /** The regime this key belongs to. */
    public IntegrityRegime regime() {
        return regime;
    }

    byte[] mac(byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance(regime.jcaName());
            mac.init(new SecretKeySpec(key, regime.jcaName()));
            mac.update(data, 0, length);
            // Zero padding to a multiple of 64 bytes: the RFC 3489-era rule MS-TURN keeps in both regimes.
            int pad = (64 - length % 64) % 64;
            mac.update(new byte[pad]);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks " + regime.jcaName(), e);
        }
    }

    static byte[] hmac(String alg, byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(alg);
        // An empty key is legal in HMAC but not in SecretKeySpec; a one-zero-byte key is equivalent.
        mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, alg));
        return mac.doFinal(data);
    }

    @Override
    public String toString() {
        return "MsIntegrityKey[" + regime + "]";
    }
}
