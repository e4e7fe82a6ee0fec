package io.mediapath.turn;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Binding transaction found.
 *
 * @param mappedAddress  the server-reflexive address (XOR-MAPPED-ADDRESS, or MAPPED-ADDRESS from old servers)
 * @param responseOrigin RESPONSE-ORIGIN, when the server sent it
 * @param software       SOFTWARE, when the server sent it
 * @param roundTrip      request to response, including retransmissions
 */
public record BindingResult(InetSocketAddress mappedAddress, Optional<InetSocketAddress> responseOrigin,
        Optional<String> software, Duration roundTrip) {
    public BindingResult {
        Objects.requireNonNull(mappedAddress, "mappedAddress");
        Objects.requireNonNull(responseOrigin, "responseOrigin");
        Objects.requireNonNull(software, "software");
        Objects.requireNonNull(roundTrip, "roundTrip");
    }
}
