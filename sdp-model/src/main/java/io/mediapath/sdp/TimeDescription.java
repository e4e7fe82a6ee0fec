package io.mediapath.sdp;

import java.util.List;

/**
 * A {@code t=<start> <stop>} line with the {@code r=} lines that follow it.
 *
 * @param start      NTP start time (0: unbounded)
 * @param stop       NTP stop time (0: unbounded)
 * @param repeats    the {@code r=} lines of this time description
 * @param lineNumber 1-based line number (0 when built)
 */
public record TimeDescription(long start, long stop, List<Repeat> repeats, int lineNumber) {
    /** Validates the components. */
    public TimeDescription {
        repeats = List.copyOf(repeats);
    }

    /** {@code t=0 0}: a permanent session. */
    public static TimeDescription permanent() {
        return new TimeDescription(0, 0, List.of(), 0);
    }

    /**
     * Seconds of an SDP typed time ({@code 7d}, {@code 1h}, {@code 30m}, {@code 10s}, {@code 3600}, {@code -1h}).
     *
     * @throws NumberFormatException when {@code typed} is not a typed time or overflows
     */
    public static long seconds(String typed) {
        if (typed.isEmpty()) {
            throw new NumberFormatException("empty typed time");
        }
        char last = typed.charAt(typed.length() - 1);
        long unit = switch (last) {
            case 'd' -> 86_400L;
            case 'h' -> 3_600L;
            case 'm' -> 60L;
            case 's' -> 1L;
            default -> 0L;
        };
        String digits = unit == 0 ? typed : typed.substring(0, typed.length() - 1);
        return Math.multiplyExact(Long.parseLong(digits), unit == 0 ? 1 : unit);
    }

    /** The field text after {@code t=}. */
    public String text() {
        return start + " " + stop;
    }
}
