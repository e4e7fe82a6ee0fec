package io.mediapath.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code a=} line: {@code a=name} (a property) or {@code a=name:value}. The name keeps its case and the value is
 * everything after the first colon, exactly as written (leading or trailing spaces included). Typed views such as
 * {@link Rtpmap#from(Attribute)} read from it; the raw text is never lost.
 *
 * @param name       attribute name as written
 * @param value      value after the first {@code :}; empty for a property attribute ({@code a=rtcp-mux}); present
 *                   but empty for {@code a=name:}
 * @param lineNumber 1-based line number (0 for an attribute that was not parsed from text)
 */
public record Attribute(String name, Optional<String> value, int lineNumber) {

    /** Validates the components. */
    public Attribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** A property attribute ({@code a=name}) not tied to a line. */
    public static Attribute of(String name) {
        return new Attribute(name, Optional.empty(), 0);
    }

    /** A value attribute ({@code a=name:value}) not tied to a line. */
    public static Attribute of(String name, String value) {
        return new Attribute(name, Optional.of(value), 0);
    }

    /** The value, or {@code ""} for a property attribute. */
    public String valueOrEmpty() {
        return value.orElse("");
    }

    /** Whether this attribute is called {@code name} (exact, case-sensitive, whole-name match). */
    public boolean is(String name) {
        return this.name.equals(name);
    }

    /** The attribute as it appears in SDP, without {@code a=}: {@code name} or {@code name:value}. */
    public String text() {
        return value.map(v -> name + ":" + v).orElse(name);
    }

    /** The line as written: {@code a=name[:value]}. */
    @Override
    public String toString() {
        return "a=" + text();
    }
}
