package io.mediapath.sdp.msdiag;

import java.util.Locale;
import java.util.Optional;

/**
 * Where an endpoint was, from {@code LocalLocation}/{@code RemoteLocation}. The numeric mapping (0 unknown,
 * 1 Internet, 2 intranet) follows Wireshark's MS-TURNBWM {@code location_vals} and agrees with the published
 * samples (external users show 1); Microsoft does not document it for ms-client-diagnostics, so treat it as
 * well-founded inference. The words used by {@code ms-endpoint-location-data} ({@code Intranet}, {@code Internet})
 * are accepted too.
 */
public enum Location {
    /** 0: not known. */
    UNKNOWN,
    /** 1: outside the corporate network (reaches the Edge's external side). */
    INTERNET,
    /** 2: inside the corporate network (reaches the Edge's internal side). */
    INTRANET;

    /** Parses {@code 0}/{@code 1}/{@code 2} or the words; empty for anything else. */
    public static Optional<Location> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "0": case "unknown": return Optional.of(UNKNOWN);
            case "1": case "internet": return Optional.of(INTERNET);
            case "2": case "intranet": return Optional.of(INTRANET);
            default: return Optional.empty();
        }
    }
}
