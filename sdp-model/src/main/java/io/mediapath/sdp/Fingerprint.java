package io.mediapath.sdp;

import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code a=fingerprint:<hash function> <fingerprint>} (RFC 8122), e.g. {@code sha-256 AB:CD:…}.
 *
 * @param hashFunction hash function name as written
 * @param fingerprint  colon-separated hex as written
 */
public record Fingerprint(String hashFunction, String fingerprint) {

    /** Validates the components. */
    public Fingerprint {
        Objects.requireNonNull(hashFunction, "hashFunction");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** The typed view of an {@code a=fingerprint} attribute. */
    public static Optional<Fingerprint> from(Attribute a) {
        if (!a.is("fingerprint") || a.value().isEmpty()) {
            return Optional.empty();
        }
        var w = Attributes.words(a.value().get());
        return w.size() == 2 ? Optional.of(new Fingerprint(w.get(0), w.get(1))) : Optional.empty();
    }

    /** The fingerprint bytes; empty when it is not colon-separated hex. */
    public Optional<byte[]> bytes() {
        String hex = fingerprint.replace(":", "");
        if (hex.isEmpty() || hex.length() % 2 != 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
