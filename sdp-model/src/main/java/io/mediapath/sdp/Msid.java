package io.mediapath.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code a=msid:<stream id> [<track id>]} (RFC 8830); {@code -} as stream id means "no stream".
 *
 * @param streamId stream (MediaStream) id
 * @param trackId  track id (appdata), when present
 */
public record Msid(String streamId, Optional<String> trackId) {

    /** Validates the components. */
    public Msid {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(trackId, "trackId");
    }

    /** The typed view of an {@code a=msid} attribute. */
    public static Optional<Msid> from(Attribute a) {
        if (!a.is("msid") || a.value().isEmpty()) {
            return Optional.empty();
        }
        var w = Attributes.words(a.value().get());
        if (w.isEmpty() || w.size() > 2) {
            return Optional.empty();
        }
        return Optional.of(new Msid(w.get(0), w.size() == 2 ? Optional.of(w.get(1)) : Optional.empty()));
    }
}
