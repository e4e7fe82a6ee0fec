package io.mediapath.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code a=rid:<id> <send|recv> [<restrictions>]} (RFC 8851).
 *
 * @param id           RTP stream id
 * @param direction    {@code send} or {@code recv} as written
 * @param restrictions {@code pt=…;max-width=…} etc. as written, when present
 */
public record Rid(String id, String direction, Optional<String> restrictions) {

    /** Validates the components. */
    public Rid {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(restrictions, "restrictions");
    }

    /** The typed view of an {@code a=rid} attribute. */
    public static Optional<Rid> from(Attribute a) {
        if (!a.is("rid") || a.value().isEmpty()) {
            return Optional.empty();
        }
        var w = Attributes.words(a.value().get());
        if (w.size() < 2) {
            return Optional.empty();
        }
        String rest = w.size() > 2 ? String.join(" ", w.subList(2, w.size())) : null;
        return Optional.of(new Rid(w.get(0), w.get(1), Optional.ofNullable(rest)));
    }
}
