package io.mediapath.sdp;

import java.util.Objects;

/**
 * One {@code <adjustment time> <offset>} pair of a {@code z=} line.
 *
 * @param time       NTP time of the adjustment
 * @param offset     offset as written ({@code -1h}, {@code 0}, {@code -3600})
 * @param lineNumber 1-based line number of the {@code z=} line (0 when built)
 */
public record ZoneAdjustment(long time, String offset, int lineNumber) {
    /** Validates the components. */
    public ZoneAdjustment {
        Objects.requireNonNull(offset, "offset");
    }
}
