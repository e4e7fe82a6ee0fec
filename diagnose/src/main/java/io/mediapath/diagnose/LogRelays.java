package io.mediapath.diagnose;

import io.mediapath.ice.Finding;
import io.mediapath.sdp.msdiag.Location;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The relays a log names ({@link RelayExtractor}) and the MRAS credentials it carries.
 *
 * @param relays      in log order, one per host and location (MRAS first: it says the ports)
 * @param credentials the first MRAS credentials, for {@code --use-log-credentials} only; never rendered
 * @param problems    MRAS answers that could not be read ({@link RelayExtractor#MRAS_UNREADABLE})
 */
public record LogRelays(List<RelayTarget> relays, Optional<MrasCredentials> credentials, List<Finding> problems) {
    public LogRelays {
        relays = List.copyOf(relays);
        Objects.requireNonNull(credentials, "credentials");
        problems = List.copyOf(problems);
    }

    /** The relays for clients at {@code location}, and those of unknown location. */
    public List<RelayTarget> forLocation(Location location) {
        return relays.stream().filter(r -> r.location() == location || r.location() == Location.UNKNOWN
                || location == Location.UNKNOWN).toList();
    }
}
