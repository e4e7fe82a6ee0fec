package io.mediapath.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code a=rtcp-fb:<payload type|*> <type> [<parameters>]} (RFC 4585). The parameters are everything after the
 * type, as written, so multi-token values survive ({@code ack app foo}, Lync's
 * {@code x-message app send:dsh recv:dsh}).
 *
 * @param payloadType payload type or {@code *}
 * @param type        feedback type ({@code nack}, {@code ccm}, {@code goog-remb}, {@code transport-cc}, {@code x-message}, …)
 * @param parameters  the rest of the line, when present
 */
public record RtcpFb(String payloadType, String type, Optional<String> parameters) {

    /** Validates the components. */
    public RtcpFb {
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(parameters, "parameters");
    }

    /** The typed view of an {@code a=rtcp-fb} attribute. */
    public static Optional<RtcpFb> from(Attribute a) {
        if (!a.is("rtcp-fb") || a.value().isEmpty()) {
            return Optional.empty();
        }
        String v = a.value().get().strip();
        int sp = v.indexOf(' ');
        if (sp < 1) {
            return Optional.empty();
        }
        String rest = v.substring(sp + 1).strip();
        int sp2 = rest.indexOf(' ');
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(sp2 < 0 ? new RtcpFb(v.substring(0, sp), rest, Optional.empty())
                : new RtcpFb(v.substring(0, sp), rest.substring(0, sp2), Optional.of(rest.substring(sp2 + 1).strip())));
    }

    /** Whether it applies to every payload type ({@code *}). */
    public boolean isWildcard() {
        return payloadType.equals("*");
    }
}
