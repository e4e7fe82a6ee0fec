package io.mediapath.ice.probe;

/**
 * Receives timeline events as a probe runs (OkHttp's EventListener idea). Methods must be fast, must not block
 * and must not throw; they may be called from an event-loop thread.
 */
@FunctionalInterface
public interface ProbeListener {

    /** A listener that ignores everything. */
    ProbeListener NONE = event -> { };

    /** Called once per event, in order for one probe. */
    void onEvent(TimelineEvent event);

    /** A listener that calls this one, then {@code other}. */
    default ProbeListener plus(ProbeListener other) {
        return event -> {
            onEvent(event);
            other.onEvent(event);
        };
    }
}
