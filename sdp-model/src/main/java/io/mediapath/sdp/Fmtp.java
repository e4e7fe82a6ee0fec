package io.mediapath.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code a=fmtp:<format> <format specific parameters>}. Parameters are kept as written; {@link #parameterMap()}
 * reads the common {@code key=value;key=value} shape (tolerating {@code "; "} separators), while free-form values
 * ({@code 0-16}, RED {@code 111/111}) stay in {@link #parameters()}.
 *
 * @param format     the format (payload type) as written
 * @param parameters the parameters as written
 */
public record Fmtp(String format, String parameters) {

    /** Validates the components. */
    public Fmtp {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(parameters, "parameters");
    }

    /** The typed view of an {@code a=fmtp} attribute. */
    public static Optional<Fmtp> from(Attribute a) {
        if (!a.is("fmtp") || a.value().isEmpty()) {
            return Optional.empty();
        }
        String v = a.value().get();
        int sp = v.indexOf(' ');
        if (sp == 0) {
            return Optional.empty();
        }
        return Optional.of(sp < 0 ? new Fmtp(v, "") : new Fmtp(v.substring(0, sp), v.substring(sp + 1)));
    }

    /** The payload type, or -1 when the format is not a number. */
    public int payloadType() {
        return (int) Attributes.parseBounded(format, 127);
    }

    /** {@code key=value} pairs split on {@code ;}, keys and values trimmed, first occurrence wins, in order. */
    public Map<String, String> parameterMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : parameters.split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                m.putIfAbsent(p, "");
            } else {
                m.putIfAbsent(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
            }
        }
        return Collections.unmodifiableMap(m);
    }
}
