package io.mediapath.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code a=msid-semantic:<semantic> [<identifier>...]} (WebRTC Plan B, e.g. {@code WMS stream1} or
 * {@code WMS *}). Tolerates the space after the colon Chrome writes ({@code a=msid-semantic: WMS}).
 *
 * @param semantic    usually {@code WMS}
 * @param identifiers stream ids or {@code *}
 */
public record MsidSemantic(String semantic, List<String> identifiers) {

    /** Validates the components. */
    public MsidSemantic {
        Objects.requireNonNull(semantic, "semantic");
        identifiers = List.copyOf(identifiers);
    }

    /** The typed view of an {@code a=msid-semantic} attribute. */
    public static Optional<MsidSemantic> from(Attribute a) {
        if (!a.is("msid-semantic") || a.value().isEmpty()) {
            return Optional.empty();
        }
        List<String> w = Attributes.words(a.value().get());
        return w.isEmpty() ? Optional.empty() : Optional.of(new MsidSemantic(w.get(0), w.subList(1, w.size())));
    }
}
