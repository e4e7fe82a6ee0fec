package io.mediapath.turn.msturn;

/**
 * An MS-TURN ERROR-CODE value: 401 Unauthorized, 434 Missing Realm, 435 Missing Nonce, 436 Unknown User, 300 Try
 * Alternate, ...
 *
 * @param code the three-digit code
 * @param reason the reason phrase (may be empty)
 */
public record MsTurnError(int code, String reason) {
    /** 401 Unauthorized: the digest challenge. */
    public static final int UNAUTHORIZED = 401;

    @Override
    public String toString() {
        return code + (reason.isEmpty() ? "" : " " + reason);
    }
}
