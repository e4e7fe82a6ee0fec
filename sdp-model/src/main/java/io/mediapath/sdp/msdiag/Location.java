package io.mediapath.sdp.msdiag;

import java.util.Locale;
import java.util.Optional;

/**
 * Where an endpoint sits: as Lync/SfB report it in {@code ms-client-diagnostics} ({@code LocalLocation}/
 * {@code RemoteLocation}), or as the caller knows it. ice-core's feasibility estimate uses it to decide whether a
 * private address can be reached (an unknown side gets the benefit of the doubt). The numeric mapping (0 unknown,
 * 1 Internet, 2 intranet) follows Wireshark's MS-TURNBWM {@code location_vals} and agrees with the published
 * samples (external users show 1); Microsoft does not document it for ms-client-diagnostics, so treat it as
 * well-founded inference. The words used by {@code ms-endpoint-location-data} ({@code Intranet}, {@code Internet})
 * are accepted too.
 */
public enum Location {
    /** 0: not known; a feasibility estimate then gives every address the benefit of the doubt. */
    UNKNOWN,
    /** 1: outside the corporate network (a remote or home user), reaching the enterprise only through its Edge. */
    INTERNET,
    /** 2: inside the corporate network, reaching the internet for media only through the relay (or a NAT). */
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
