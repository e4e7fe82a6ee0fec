package io.mediapath.sdp;

import java.util.List;
import java.util.Objects;

/**
 * An {@code r=<interval> <duration> <offsets>…} line. Values are kept as written (typed times such as {@code 7d}
 * or {@code 3600}); {@link TimeDescription#seconds(String)} converts one.
 *
 * @param interval   repeat interval as written
 * @param duration   active duration as written
 * @param offsets    offsets from the start time as written
 * @param lineNumber 1-based line number (0 when built)
 */
public record Repeat(String interval, String duration, List<String> offsets, int lineNumber) {
    /** Validates the components. */
    public Repeat {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(duration, "duration");
        offsets = List.copyOf(offsets);
    }

    /** The field text after {@code r=}. */
    public String text() {
        StringBuilder sb = new StringBuilder(interval).append(' ').append(duration);
        for (String o : offsets) {
            sb.append(' ').append(o);
        }
        return sb.toString();
    }
}
