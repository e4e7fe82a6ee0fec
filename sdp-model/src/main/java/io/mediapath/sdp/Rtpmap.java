package io.mediapath.sdp;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]}.
 *
 * @param payloadType  payload type (0–127)
 * @param encodingName encoding name as written ({@code opus}, {@code G7221}, {@code x-msrta}, {@code X-H264UC})
 * @param clockRate    clock rate in Hz
 * @param channels     encoding parameters (channel count for audio), when present
 */
public record Rtpmap(int payloadType, String encodingName, int clockRate, OptionalInt channels) {

    /** Validates the components. */
    public Rtpmap {
        Objects.requireNonNull(encodingName, "encodingName");
        Objects.requireNonNull(channels, "channels");
    }

    /** The typed view of an {@code a=rtpmap} attribute; empty when it is another attribute or does not parse. */
    public static Optional<Rtpmap> from(Attribute a) {
        if (!a.is("rtpmap") || a.value().isEmpty()) {
            return Optional.empty();
        }
        String v = a.value().get().strip();
        int sp = v.indexOf(' ');
        if (sp < 1) {
            return Optional.empty();
        }
        long pt = Attributes.parseBounded(v.substring(0, sp), 127);
        String enc = v.substring(sp + 1).strip();
        int s1 = enc.indexOf('/');
        if (pt < 0 || s1 < 1) {
            return Optional.empty();
        }
        int s2 = enc.indexOf('/', s1 + 1);
        long rate = Attributes.parseBounded(enc.substring(s1 + 1, s2 < 0 ? enc.length() : s2), Integer.MAX_VALUE);
        if (rate < 0) {
            return Optional.empty();
        }
        OptionalInt ch = OptionalInt.empty();
        if (s2 >= 0) {
            long c = Attributes.parseBounded(enc.substring(s2 + 1), 255);
            if (c < 0) {
                return Optional.empty();
            }
            ch = OptionalInt.of((int) c);
        }
        return Optional.of(new Rtpmap((int) pt, enc.substring(0, s1), (int) rate, ch));
    }

    /** {@code name/rate[/channels]}. */
    public String codec() {
        return encodingName + "/" + clockRate + (channels.isPresent() ? "/" + channels.getAsInt() : "");
    }
}
