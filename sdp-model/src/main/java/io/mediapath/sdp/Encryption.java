package io.mediapath.sdp;

import java.util.Optional;

/** Microsoft's {@code a=encryption} ([MS-SDP]): whether SRTP is required, optional or rejected. */
public enum Encryption {
    /** {@code required}. */
    REQUIRED,
    /** {@code optional}. */
    OPTIONAL,
    /** {@code rejected}. */
    REJECTED;

    /** The typed view of an {@code a=encryption} attribute. */
    public static Optional<Encryption> from(Attribute a) {
        if (!a.is("encryption") || a.value().isEmpty()) {
            return Optional.empty();
        }
        return switch (a.value().get().strip()) {
            case "required" -> Optional.of(REQUIRED);
            case "optional" -> Optional.of(OPTIONAL);
            case "rejected" -> Optional.of(REJECTED);
            default -> Optional.empty();
        };
    }
}
