package io.mediapath.turn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Long-term credentials (RFC 8489 §9.2). {@link #toString()} never shows the password.
 *
 * @param username the username, sent as USERNAME (or hashed into USERHASH)
 * @param password the password; prepared with OpaqueString before hashing
 */
public record TurnCredentials(String username, String password) {

    public TurnCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /**
     * Ephemeral credentials of the TURN REST API (draft-uberti-behave-turn-rest, coturn {@code use-auth-secret}):
     * username {@code expiry[:user]}, password {@code base64(HMAC-SHA1(secret, username))}.
     *
     * @param secret the shared secret configured on the server
     * @param user   optional user part (empty for none)
     * @param now    the current time
     * @param ttl    how long the credentials are valid
     */
    public static TurnCredentials restApi(String secret, String user, Instant now, Duration ttl) {
        String username = now.plus(ttl).getEpochSecond() + (user == null || user.isEmpty() ? "" : ":" + user);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String password = Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
            return new TurnCredentials(username, password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 missing from the JDK", e);
        }
    }

    @Override
    public String toString() {
        return "TurnCredentials[username=" + username + ", password=***]";
    }
}
