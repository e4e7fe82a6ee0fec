package io.mediapath.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code a=group:<semantics> <identification-tag>...} (RFC 5888), e.g. {@code BUNDLE 0 1}.
 *
 * @param semantics {@code BUNDLE}, {@code LS}, {@code FID}, …
 * @param mids      the media identification tags in order
 */
public record Group(String semantics, List<String> mids) {

    /** Validates the components. */
    public Group {
        Objects.requireNonNull(semantics, "semantics");
        mids = List.copyOf(mids);
    }

    /** The typed view of an {@code a=group} attribute. */
    public static Optional<Group> from(Attribute a) {
        if (!a.is("group") || a.value().isEmpty()) {
            return Optional.empty();
        }
        List<String> w = Attributes.words(a.value().get());
        return w.isEmpty() ? Optional.empty() : Optional.of(new Group(w.get(0), w.subList(1, w.size())));
    }
}
