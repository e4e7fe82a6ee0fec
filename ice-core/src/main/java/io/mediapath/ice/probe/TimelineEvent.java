package io.mediapath.ice.probe;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing that happened during a probe: resolve, connect, bytes sent or received, a handshake record, a STUN
 * transaction or retransmission. Text, JSON, HTML (ladder diagrams) and pcap reports are renderings of a list of
 * these.
 *
 * <p>Events that put bytes on or took bytes off a socket also carry a {@link WirePayload}: direction, transport,
 * both endpoints and the bytes themselves, so a report can draw the arrow and a pcap writer can rebuild the
 * packet. Other events (resolve, timers, verdicts) have none.
 *
 * @param offsetNanos nanoseconds since the probe started (monotonic clock)
 * @param kind        short stable name such as {@code connect.start}, {@code bytes.received}, {@code stun.retransmit}
 * @param detail      human-readable detail; never a secret
 * @param wire        the bytes this event sent or received, or {@code null} for events that moved none
 */
public record TimelineEvent(long offsetNanos, String kind, String detail, WirePayload wire) {
    public TimelineEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    /** An event that moved no bytes. */
    public TimelineEvent(long offsetNanos, String kind, String detail) {
        this(offsetNanos, kind, detail, null);
    }

    /** The bytes this event moved, if it moved any. */
    public Optional<WirePayload> payload() {
        return Optional.ofNullable(wire);
    }

    /** The same event at another offset (a caller re-basing a leg's timeline onto its own start). */
    public TimelineEvent atOffset(long newOffsetNanos) {
        return new TimelineEvent(newOffsetNanos, kind, detail, wire);
    }
}
