package io.mediapath.sdp.sip;

import java.util.Objects;

/**
 * One header field of a SIP message or of a MIME body part, after unfolding.
 *
 * @param name  the full header name: as written, except that compact forms are expanded ({@code i} becomes
 *              {@code Call-ID}); compare with {@link #is(String)}, which ignores case and compact forms
 * @param value the value with leading/trailing whitespace removed and continuation lines joined by one space
 * @param line  1-based line in the source where the header starts
 */
public record SipHeader(String name, String value, int line) {

    public SipHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** Whether this header is {@code headerName} (case-insensitive, compact form accepted, e.g. {@code "i"}). */
    public boolean is(String headerName) {
        return name.equalsIgnoreCase(SipSyntax.expandCompact(headerName));
    }
}
