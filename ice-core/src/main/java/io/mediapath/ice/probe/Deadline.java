package io.mediapath.ice.probe;

import java.time.Duration;

/**
 * An absolute point on the monotonic clock by which something must be done. Every network wait in mediapath is
 * bounded by one.
 *
 * @param nanoTime the {@link System#nanoTime()} value at which the deadline passes
 */
public record Deadline(long nanoTime) {

    /** A deadline {@code timeout} from now. */
    public static Deadline after(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: >= 0)");
        }
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    /** Time left, never negative. */
    public Duration remaining() {
        long left = nanoTime - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** True once the deadline has passed. */
    public boolean expired() {
        return nanoTime - System.nanoTime() <= 0;
    }

    /** The earlier of this deadline and one {@code timeout} from now. */
    public Deadline min(Duration timeout) {
        Deadline other = after(timeout);
        return other.nanoTime - nanoTime < 0 ? other : this;
    }
}
