package io.mediapath.turn.stun;

import java.util.Optional;

/**
 * The long-term key derivation algorithms of RFC 8489 §18.5 (PASSWORD-ALGORITHM / PASSWORD-ALGORITHMS).
 * {@link #MD5} is the RFC 5389 default every server supports; {@link #SHA256} is used only when a server offers it.
 */
public enum PasswordAlgorithm {
    /** key = MD5(username ":" realm ":" password), 16 bytes. */
    MD5(0x0001, "MD5"),
    /** key = SHA-256(username ":" realm ":" password), 32 bytes. */
    SHA256(0x0002, "SHA-256");

    private final int code;
    private final String digest;

    PasswordAlgorithm(int code, String digest) {
        this.code = code;
        this.digest = digest;
    }

    /** The IANA code on the wire. */
    public int code() {
        return code;
    }

    /** The JCA digest name. */
    String digestName() {
        return digest;
    }

    /** The algorithm with this wire code, if this library supports it. */
    public static Optional<PasswordAlgorithm> ofCode(int code) {
        for (PasswordAlgorithm a : values()) {
            if (a.code == code) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
