package io.mediapath.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Microsoft's {@code a=x-mediabw:<label> send=<kbps>;recv=<kbps>} ([MS-SDPEXT]), e.g.
 * {@code main-video send=4000;recv=4000}.
 *
 * @param label      media label ({@code main-video}, {@code applicationsharing-video}, …)
 * @param parameters the {@code key=value} pairs in order, as written
 */
public record XMediabw(String label, Map<String, String> parameters) {

    /** Validates the components. */
    public XMediabw {
        Objects.requireNonNull(label, "label");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The typed view of an {@code a=x-mediabw} attribute. */
    public static Optional<XMediabw> from(Attribute a) {
        if (!a.is("x-mediabw") || a.value().isEmpty()) {
            return Optional.empty();
        }
        String v = a.value().get().strip();
        int sp = v.indexOf(' ');
        if (sp < 1) {
            return Optional.empty();
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : v.substring(sp + 1).split(";")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq > 0) {
                m.putIfAbsent(p.substring(0, eq), p.substring(eq + 1));
            }
        }
        return Optional.of(new XMediabw(v.substring(0, sp), m));
    }

    /** {@code send=} in kbit/s. */
    public OptionalLong send() {
        String s = parameters.get("send");
        return s == null ? OptionalLong.empty() : Attributes.parseUnsigned(s);
    }

    /** {@code recv=} in kbit/s. */
    public OptionalLong recv() {
        String s = parameters.get("recv");
        return s == null ? OptionalLong.empty() : Attributes.parseUnsigned(s);
    }
}
