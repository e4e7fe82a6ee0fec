package io.mediapath.ice.probe;

import java.util.Objects;

/**
 * What a probe run gets besides its target: the overall deadline and the listener that receives its timeline.
 * Network modules add their own resources (event loops, trust material) through their own options objects; the
 * context stays free of any transport library.
 *
 * @param deadline the whole probe must finish by then
 * @param listener receives the timeline as it happens
 */
public record ProbeContext(Deadline deadline, ProbeListener listener) {
    public ProbeContext {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(listener, "listener");
    }

    /** A context with the given timeout from now and no listener. */
    public static ProbeContext withTimeout(java.time.Duration timeout) {
        return new ProbeContext(Deadline.after(timeout), ProbeListener.NONE);
    }
}
