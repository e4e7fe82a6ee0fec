package io.mediapath.sdp;

import java.util.List;
import java.util.Optional;

/**
 * {@code a=ice-options:<option>...} (RFC 8839), e.g. {@code trickle renomination} — every token, not just the first.
 *
 * @param options the option tags in order
 */
public record IceOptions(List<String> options) {

    /** Validates the components. */
    public IceOptions {
        options = List.copyOf(options);
    }

    /** The typed view of an {@code a=ice-options} attribute. */
    public static Optional<IceOptions> from(Attribute a) {
        if (!a.is("ice-options") || a.value().isEmpty()) {
            return Optional.empty();
        }
        var w = Attributes.words(a.value().get());
        return w.isEmpty() ? Optional.empty() : Optional.of(new IceOptions(w));
    }

    /** Whether {@code option} is listed. */
    public boolean has(String option) {
        return options.contains(option);
    }
}
