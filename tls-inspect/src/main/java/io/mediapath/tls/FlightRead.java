package io.mediapath.tls;

import java.time.Duration;
import java.util.Objects;

/**
 * One read from the socket after the hello was sent: a stand-in for a TCP segment (reads may coalesce segments).
 *
 * @param afterHello time from the hello being written to this read
 * @param length     bytes in this read
 */
public record FlightRead(Duration afterHello, int length) {
    public FlightRead {
        Objects.requireNonNull(afterHello, "afterHello");
    }
}
