package io.mediapath.sdp;

import java.util.Objects;

/**
 * One physical line of a session description, exactly as written.
 *
 * @param lineNumber 1-based line number
 * @param type       the type letter ({@code v}, {@code o}, … {@code a}, {@code m}), or {@code '\0'} for a line the
 *                   lenient parser kept verbatim without understanding it (blank line, unknown or upper-case type
 *                   letter, no {@code =} in second position)
 * @param text       the line without its line ending
 * @param lineEnding {@code "\r\n"}, {@code "\n"}, {@code "\r"} (lenient only) or {@code ""} for a last line without one
 */
public record SdpLine(int lineNumber, char type, String text, String lineEnding) {

    /** Validates the components. */
    public SdpLine {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(lineEnding, "lineEnding");
    }

    /** Whether the parser understood the type letter of this line. */
    public boolean isTyped() {
        return type != '\0';
    }

    /** Whether the line is empty. */
    public boolean isBlank() {
        return text.isEmpty();
    }

    /** The text after {@code x=} for a typed line; the whole text otherwise. */
    public String value() {
        return isTyped() ? text.substring(2) : text;
    }
}
