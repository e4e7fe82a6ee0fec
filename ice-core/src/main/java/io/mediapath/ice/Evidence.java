package io.mediapath.ice;

import io.mediapath.sdp.Secrets;
import java.time.Duration;
import java.util.Objects;

/**
 * Something a person can check that supports a {@link Finding}: a line of a message, a byte range of a server
 * flight, or a step of a probe.
 *
 * @param source   what the evidence comes from, e.g. a file name, "INVITE sip:bob@example.com" or "probe tls 10.0.0.5:443"
 * @param location where inside the source, e.g. "line 14", "bytes 0-82", "step connect"; empty when the whole source
 * @param excerpt  the text itself (a line, a hex dump, a step's outcome); never a secret
 */
public record Evidence(String source, String location, String excerpt) {

    /** Checks the parts and hides any SDP credential in the excerpt ({@link Secrets#redactLine}). */
    public Evidence {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(excerpt, "excerpt");
        excerpt = Secrets.redactLine(excerpt); // evidence is shown and shared: never a password or key
    }

    /** Evidence that is one line of a text source, with its 1-based line number. */
    public static Evidence line(String source, int lineNumber, String text) {
        return new Evidence(source, "line " + lineNumber, text);
    }

    /** Evidence that is a byte range of something received, rendered by the caller (hex, or printable text). */
    public static Evidence bytes(String source, int offset, int length, String rendering) {
        return new Evidence(source, "bytes " + offset + "-" + (offset + Math.max(length, 1) - 1), rendering);
    }

    /** Evidence that is one step of a probe, with the time it took. */
    public static Evidence step(String source, String step, Duration elapsed, String outcome) {
        return new Evidence(source, "step " + step + " (" + elapsed.toMillis() + " ms)", outcome);
    }
}
