package io.mediapath.sdp;

import java.util.Optional;

/** {@code a=setup} (RFC 4145): which side opens the TCP / DTLS connection. */
public enum Setup {
    /** {@code active}: opens the connection. */
    ACTIVE,
    /** {@code passive}: accepts it. */
    PASSIVE,
    /** {@code actpass}: either (offer). */
    ACTPASS,
    /** {@code holdconn}: not now. */
    HOLDCONN;

    /** The typed view of an {@code a=setup} attribute. */
    public static Optional<Setup> from(Attribute a) {
        if (!a.is("setup") || a.value().isEmpty()) {
            return Optional.empty();
        }
        return switch (a.value().get().strip()) {
            case "active" -> Optional.of(ACTIVE);
            case "passive" -> Optional.of(PASSIVE);
            case "actpass" -> Optional.of(ACTPASS);
            case "holdconn" -> Optional.of(HOLDCONN);
            default -> Optional.empty();
        };
    }
}
