package io.mediapath.sdp;

import java.util.Optional;

/**
 * Microsoft's {@code a=x-ssrc-range:<first>-<last>} ([MS-SDPEXT]): the SSRCs an endpoint will use.
 *
 * @param first first SSRC
 * @param last  last SSRC (inclusive)
 */
public record XSsrcRange(long first, long last) {

    /** The typed view of an {@code a=x-ssrc-range} attribute. */
    public static Optional<XSsrcRange> from(Attribute a) {
        if (!a.is("x-ssrc-range") || a.value().isEmpty()) {
            return Optional.empty();
        }
        String v = a.value().get().strip();
        int dash = v.indexOf('-');
        if (dash < 1) {
            return Optional.empty();
        }
        long f = Attributes.parseBounded(v.substring(0, dash), 0xFFFF_FFFFL);
        long l = Attributes.parseBounded(v.substring(dash + 1), 0xFFFF_FFFFL);
        return f < 0 || l < f ? Optional.empty() : Optional.of(new XSsrcRange(f, l));
    }

    /** Number of SSRCs in the range. */
    public long size() {
        return last - first + 1;
    }
}
