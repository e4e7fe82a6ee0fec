package io.mediapath.sdp;

import java.util.List;
import java.util.Optional;

/**
 * Microsoft's {@code a=x-caps:<payload type> <cap>;<cap>;…} ([MS-SDPEXT]): per-codec video capabilities such as
 * {@code 263:1920:1080:30.0:2000000:1}, kept as written.
 *
 * @param payloadType payload type
 * @param entries     the {@code ;}-separated capability entries
 */
public record XCaps(int payloadType, List<String> entries) {

    /** Validates the components. */
    public XCaps {
        entries = List.copyOf(entries);
    }

    /** The typed view of an {@code a=x-caps} attribute. */
    public static Optional<XCaps> from(Attribute a) {
        if (!a.is("x-caps") || a.value().isEmpty()) {
            return Optional.empty();
        }
        String v = a.value().get().strip();
        int sp = v.indexOf(' ');
        long pt = Attributes.parseBounded(sp < 0 ? v : v.substring(0, sp), 127);
        if (pt < 0) {
            return Optional.empty();
        }
        List<String> e = sp < 0 ? List.of() : List.of(v.substring(sp + 1).strip().split(";"));
        return Optional.of(new XCaps((int) pt, e));
    }
}
