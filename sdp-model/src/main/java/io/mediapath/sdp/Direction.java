package io.mediapath.sdp;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The direction property attributes {@code a=sendrecv}, {@code a=sendonly}, {@code a=recvonly}, {@code a=inactive}. */
public enum Direction {
    /** {@code sendrecv}. */
    SENDRECV,
    /** {@code sendonly}. */
    SENDONLY,
    /** {@code recvonly}. */
    RECVONLY,
    /** {@code inactive}. */
    INACTIVE;

    /** The typed view of a direction attribute. */
    public static Optional<Direction> from(Attribute a) {
        if (a.value().isPresent()) {
            return Optional.empty();
        }
        return switch (a.name()) {
            case "sendrecv" -> Optional.of(SENDRECV);
            case "sendonly" -> Optional.of(SENDONLY);
            case "recvonly" -> Optional.of(RECVONLY);
            case "inactive" -> Optional.of(INACTIVE);
            default -> Optional.empty();
        };
    }

    /** The last direction attribute in {@code attributes}. */
    static Optional<Direction> of(List<Attribute> attributes) {
        Optional<Direction> d = Optional.empty();
        for (Attribute a : attributes) {
            Optional<Direction> x = from(a);
            if (x.isPresent()) {
                d = x;
            }
        }
        return d;
    }

    /** The attribute name ({@code sendrecv}, …). */
    public String attributeName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
