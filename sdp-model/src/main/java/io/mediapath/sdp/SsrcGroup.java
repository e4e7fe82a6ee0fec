package io.mediapath.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code a=ssrc-group:<semantics> <ssrc-id>...} ({@code FID}, {@code FEC}, {@code SIM}).
 *
 * @param semantics grouping semantics
 * @param ssrcs     the SSRCs in order
 */
public record SsrcGroup(String semantics, List<Long> ssrcs) {

    /** Validates the components. */
    public SsrcGroup {
        Objects.requireNonNull(semantics, "semantics");
        ssrcs = List.copyOf(ssrcs);
    }

    /** The typed view of an {@code a=ssrc-group} attribute. */
    public static Optional<SsrcGroup> from(Attribute a) {
        if (!a.is("ssrc-group") || a.value().isEmpty()) {
            return Optional.empty();
        }
        List<String> w = Attributes.words(a.value().get());
        if (w.isEmpty()) {
            return Optional.empty();
        }
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i < w.size(); i++) {
            long id = Attributes.parseBounded(w.get(i), 0xFFFF_FFFFL);
            if (id < 0) {
                return Optional.empty();
            }
            ids.add(id);
        }
        return Optional.of(new SsrcGroup(w.get(0), ids));
    }
}
