package io.mediapath.sdp;

import java.util.Objects;

/**
 * A {@code b=<bwtype>:<bandwidth>} line ({@code CT}, {@code AS}, {@code TIAS}, experimental {@code X-…}).
 *
 * @param type       bandwidth type as written
 * @param value      bandwidth (kbit/s for CT/AS, bit/s for TIAS)
 * @param lineNumber 1-based line number (0 when built)
 */
public record Bandwidth(String type, long value, int lineNumber) {
    /** Validates the components. */
    public Bandwidth {
        Objects.requireNonNull(type, "type");
    }

    /** The field text after {@code b=}. */
    public String text() {
        return type + ':' + value;
    }
}
