package io.mediapath.sdp.msdiag;

import java.util.Optional;

/**
 * {@code FederationType} of ms-client-diagnostics (Wireshark MS-TURNBWM {@code federation_vals}; sample D4, a
 * federated call, shows 1).
 */
public enum FederationType {
    /** 0: not federated. */
    NONE,
    /** 1: enterprise federation. */
    ENTERPRISE,
    /** 2: public cloud federation. */
    PUBLIC_CLOUD;

    /** Parses {@code 0}/{@code 1}/{@code 2}; empty for anything else. */
    public static Optional<FederationType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        switch (text.trim()) {
            case "0": return Optional.of(NONE);
            case "1": return Optional.of(ENTERPRISE);
            case "2": return Optional.of(PUBLIC_CLOUD);
            default: return Optional.empty();
        }
    }
}
