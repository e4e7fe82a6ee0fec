package io.mediapath.ice.probe;

import java.util.Objects;

/**
 * One thing that happened during a probe: resolve, connect, bytes sent or received, a handshake record, a STUN
 * transaction or retransmission. Text, JSON and HTML reports are renderings of a list of these.
 *
 * @param offsetNanos nanoseconds since the probe started (monotonic clock)
 * @param kind        short stable name such as {@code connect.start}, {@code bytes.received}, {@code stun.retransmit}
 * @param detail      human-readable detail; never a secret
 */
public record TimelineEvent(long offsetNanos, String kind, String detail) {
    public TimelineEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }
}
