package io.mediapath.turn.msturn;

/**
 * Which MESSAGE-INTEGRITY an MS-TURN exchange uses, decided by MS-VERSION ([MS-TURN], svens/turner): below 3 (or
 * absent) HMAC-SHA1 keyed with MD5(username:realm:password); 3 and above on both sides HMAC-SHA256 keyed with a
 * nonce-derived key. Either way the hashed message is zero-padded to a multiple of 64 bytes.
 */
public enum IntegrityRegime {
    /** MS-Version absent or &lt; 3: HMAC-SHA1 (20 bytes), key = MD5(username ":" realm ":" password). */
    HMAC_SHA1(20, "HmacSHA1"),
    /** MS-Version &ge; 3: HMAC-SHA256 (32 bytes), key derived from nonce, password, username and realm. */
    HMAC_SHA256(32, "HmacSHA256");

    private final int macLength;
    private final String jcaName;

    IntegrityRegime(int macLength, String jcaName) {
        this.macLength = macLength;
        this.jcaName = jcaName;
    }

    /** The MESSAGE-INTEGRITY value length: 20 or 32. */
    public int macLength() {
        return macLength;
    }

    String jcaName() {
        return jcaName;
    }

    /**
     * The regime for the MS-VERSION both sides support: {@link #HMAC_SHA256} when both advertise 3 or more.
     *
     * @param clientVersion what the client sent (0 when absent)
     * @param serverVersion what the server's 401 carried (0 when absent)
     */
    public static IntegrityRegime negotiate(int clientVersion, int serverVersion) {
        return Math.min(clientVersion, serverVersion) >= 3 ? HMAC_SHA256 : HMAC_SHA1;
    }

    /** The regime a single MS-VERSION selects (0 when absent). */
    public static IntegrityRegime forVersion(int msVersion) {
        return msVersion >= 3 ? HMAC_SHA256 : HMAC_SHA1;
    }
}
