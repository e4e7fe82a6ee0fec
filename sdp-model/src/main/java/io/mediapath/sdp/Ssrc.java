package io.mediapath.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code a=ssrc:<ssrc-id> <attribute>[:<value>]} (RFC 5576); the value-less form ({@code a=ssrc:1 foo}) is legal.
 *
 * @param ssrc      the SSRC (0 to 2^32-1)
 * @param attribute source attribute name ({@code cname}, {@code msid}, {@code mslabel}, {@code label}, …)
 * @param value     its value, when present
 */
public record Ssrc(long ssrc, String attribute, Optional<String> value) {

    /** Validates the components. */
    public Ssrc {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(value, "value");
    }

    /** The typed view of an {@code a=ssrc} attribute. */
    public static Optional<Ssrc> from(Attribute a) {
        if (!a.is("ssrc") || a.value().isEmpty()) {
            return Optional.empty();
        }
        String v = a.value().get();
        int sp = v.indexOf(' ');
        if (sp < 1) {
            return Optional.empty();
        }
        long id = Attributes.parseBounded(v.substring(0, sp), 0xFFFF_FFFFL);
        if (id < 0) {
            return Optional.empty();
        }
        String rest = v.substring(sp + 1);
        int colon = rest.indexOf(':');
        return Optional.of(colon < 0 ? new Ssrc(id, rest, Optional.empty())
                : new Ssrc(id, rest.substring(0, colon), Optional.of(rest.substring(colon + 1))));
    }
}
