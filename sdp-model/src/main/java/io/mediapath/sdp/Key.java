package io.mediapath.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * The obsolete {@code k=<method>[:<key>]} line, still sent by OCS/Lync-era endpoints ({@code k=base64:…}).
 *
 * @param method     {@code clear}, {@code base64}, {@code uri}, {@code prompt} or as written
 * @param key        the part after the first colon, if any
 * @param lineNumber 1-based line number (0 when built)
 */
public record Key(String method, Optional<String> key, int lineNumber) {
    /** Validates the components. */
    public Key {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(key, "key");
    }

    /** The field text after {@code k=}. */
    public String text() {
        return key.map(k -> method + ':' + k).orElse(method);
    }
}
