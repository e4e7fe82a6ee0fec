package io.mediapath.exporter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a module's relay credentials come from: a user name in the config, and the password from an environment
 * variable or a file the config names, read when a probe runs (so a rotated file is picked up). Never from a
 * request: the exporter refuses credential parameters in the URL. {@link #toString()} names the source, never the
 * password.
 *
 * @param username     the user name
 * @param passwordEnv  the environment variable holding the password, if that is the source
 * @param passwordFile the file holding the password (first line), if that is the source
 */
public record CredentialSource(String username, Optional<String> passwordEnv, Optional<Path> passwordFile) {

    /** The largest password file read. */
    static final int MAX_FILE_BYTES = 4096;

    public CredentialSource {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordEnv, "passwordEnv");
        Objects.requireNonNull(passwordFile, "passwordFile");
        if (username.isBlank()) {
            throw new IllegalArgumentException("credentials: empty username");
        }
        if (passwordEnv.isPresent() == passwordFile.isPresent()) {
            throw new IllegalArgumentException("credentials: give exactly one of password_env, password_file");
        }
    }

    /**
     * Reads the password.
     *
     * @throws IllegalStateException naming the source (never the value) when it is missing or unreadable
     */
    String password(Map<String, String> environment) {
        if (passwordEnv.isPresent()) {
            String v = environment.get(passwordEnv.get());
            if (v == null || v.isEmpty()) {
                throw new IllegalStateException("credentials: environment variable " + passwordEnv.get() + " is not set");
            }
            return v;
        }
        Path p = passwordFile.orElseThrow();
        try (InputStream in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes(MAX_FILE_BYTES + 1);
            if (b.length > MAX_FILE_BYTES) {
                throw new IllegalStateException("credentials: " + p + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            String s = new String(b, StandardCharsets.UTF_8);
            int nl = s.indexOf('\n');
            s = (nl >= 0 ? s.substring(0, nl) : s).strip();
            if (s.isEmpty()) {
                throw new IllegalStateException("credentials: " + p + " is empty");
            }
            return s;
        } catch (IOException e) {
            throw new IllegalStateException("credentials: cannot read " + p + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String toString() {
        return "CredentialSource[" + username + ", password from "
                + passwordEnv.map(e -> "$" + e).orElseGet(() -> passwordFile.orElseThrow().toString()) + "]";
    }
}
