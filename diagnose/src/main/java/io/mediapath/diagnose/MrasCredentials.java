package io.mediapath.diagnose;

import java.util.Objects;

/**
 * The TURN credentials an MRAS answer gave the client (valid about 8 hours). Used to authenticate a live probe only
 * when the caller opts in; {@link #toString()} never shows the password.
 *
 * @param username the MRAS username
 * @param password the MRAS password: a secret, never printed or logged
 */
public record MrasCredentials(String username, String password) {
    public MrasCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "MrasCredentials[username=" + username + ", password=[redacted]]";
    }
}
