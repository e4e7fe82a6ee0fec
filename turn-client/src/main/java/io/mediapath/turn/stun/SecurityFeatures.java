package io.mediapath.turn.stun;

import io.mediapath.ice.wire.BigEndian;
import java.util.Base64;
import java.util.Optional;

/**
 * The STUN security feature bits a server announces in a NONCE that starts with the nonce cookie {@code "obMatJos2"}
 * (RFC 8489 §9.2.1, §18.1; bit 0 is the least significant, as in Verified Errata 6290).
 *
 * @param bits the 24 feature bits
 */
public record SecurityFeatures(int bits) {
    /** The nonce cookie. */
    public static final String NONCE_COOKIE = "obMatJos2";
    /** "Password algorithms": the server supports PASSWORD-ALGORITHMS. */
    public static final int PASSWORD_ALGORITHMS = 1;
    /** "Username anonymity": the server supports USERHASH. */
    public static final int USERNAME_ANONYMITY = 1 << 1;

    /** The features of a NONCE, or empty when it carries no (well-formed) cookie. */
    public static Optional<SecurityFeatures> ofNonce(String nonce) {
        if (nonce == null || nonce.length() < 13 || !nonce.startsWith(NONCE_COOKIE)) {
            return Optional.empty();
        }
        try {
            byte[] b = Base64.getDecoder().decode(nonce.substring(9, 13));
            if (b.length != 3) {
                return Optional.empty(); // padded ("AAA="): not the 24 feature bits the cookie must carry
            }
            return Optional.of(new SecurityFeatures(BigEndian.u24(b, 0)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The 13-character nonce prefix (cookie + 4 base64 characters) announcing these features. */
    public String noncePrefix() {
        byte[] b = {(byte) (bits >> 16), (byte) (bits >> 8), (byte) bits};
        return NONCE_COOKIE + Base64.getEncoder().encodeToString(b);
    }

    /** True when the password-algorithms bit is set. */
    public boolean passwordAlgorithms() {
        return (bits & PASSWORD_ALGORITHMS) != 0;
    }

    /** True when the username-anonymity bit is set. */
    public boolean usernameAnonymity() {
        return (bits & USERNAME_ANONYMITY) != 0;
    }
}
