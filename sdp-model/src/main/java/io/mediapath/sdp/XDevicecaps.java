package io.mediapath.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Microsoft's {@code a=x-devicecaps:audio:send,recv;video:send,recv} ([MS-SDPEXT]): which media the device can send
 * and receive.
 *
 * @param capabilities media type → directions ({@code send}, {@code recv}), in order
 */
public record XDevicecaps(Map<String, List<String>> capabilities) {

    /** Validates the components. */
    public XDevicecaps {
        Map<String, List<String>> m = new LinkedHashMap<>();
        capabilities.forEach((k, v) -> m.put(k, List.copyOf(v)));
        capabilities = Collections.unmodifiableMap(m);
    }

    /** The typed view of an {@code a=x-devicecaps} attribute. */
    public static Optional<XDevicecaps> from(Attribute a) {
        if (!a.is("x-devicecaps") || a.value().isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String part : a.value().get().strip().split(";")) {
            int c = part.indexOf(':');
            if (c < 1) {
                return Optional.empty();
            }
            m.put(part.substring(0, c), List.of(part.substring(c + 1).split(",")));
        }
        return Optional.of(new XDevicecaps(m));
    }

    /** Whether the device can {@code direction} ({@code send}/{@code recv}) media of {@code type}. */
    public boolean can(String type, String direction) {
        return capabilities.getOrDefault(type, List.of()).contains(direction);
    }
}
