package io.mediapath.diagnose.playbook;

import java.util.Objects;

/**
 * One timeline event of an edge run, on the run's clock.
 *
 * @param offsetNanos nanoseconds since the run started
 * @param leg         the leg's name
 * @param kind        the probe's event kind, e.g. {@code connect.start}
 * @param detail      human-readable detail; never a secret
 */
public record PlaybookEvent(long offsetNanos, String leg, String kind, String detail) {
    public PlaybookEvent {
        Objects.requireNonNull(leg, "leg");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }
}
