package io.mediapath.diagnose.playbook;

import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.ice.probe.WirePayload;
import java.util.Objects;
import java.util.Optional;

/**
 * One timeline event of an edge run, on the run's clock.
 *
 * @param offsetNanos nanoseconds since the run started
 * @param leg         the leg's name
 * @param kind        the probe's event kind, e.g. {@code connect.start}
 * @param detail      human-readable detail; never a secret
 * @param wire        the bytes the event moved (the probe's {@link TimelineEvent#wire()}), or {@code null}
 */
public record PlaybookEvent(long offsetNanos, String leg, String kind, String detail, WirePayload wire) {
    public PlaybookEvent {
        Objects.requireNonNull(leg, "leg");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    /** An event that moved no bytes. */
    public PlaybookEvent(long offsetNanos, String leg, String kind, String detail) {
        this(offsetNanos, leg, kind, detail, null);
    }

    /** The bytes this event moved, if it moved any. */
    public Optional<WirePayload> payload() {
        return Optional.ofNullable(wire);
    }
}
