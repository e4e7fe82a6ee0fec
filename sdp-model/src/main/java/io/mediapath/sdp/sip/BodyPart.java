package io.mediapath.sdp.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

/**
 * One MIME part of a SIP body: its own headers (Content-Type, Content-Disposition, Content-ID, …) and content.
 * For a body that is not multipart, the single part carries the message's Content-Type and Content-Disposition.
 *
 * <p>Lync and Skype for Business offer a two-part {@code multipart/alternative} body: the MS-ICE draft-6 SDP
 * marked {@code Content-Disposition: session; handling=optional; ms-proxy-2007fallback}
 * ({@link #isMsProxy2007Fallback()}) for Office Communications Server 2007 peers, and the MS-ICE2 / RFC 5245 SDP.
 * Both are exposed; which one tells the truth about relay candidates is for the caller to judge.
 */
public final class BodyPart {
    private final List<SipHeader> headers;
    private final String body;
    private final IntUnaryOperator sourceLine;

    BodyPart(List<SipHeader> headers, String body, IntUnaryOperator sourceLine) {
        this.headers = List.copyOf(headers);
        this.body = Objects.requireNonNull(body, "body");
        this.sourceLine = sourceLine;
    }

    /** The part's headers in order (empty when the part has none). */
    public List<SipHeader> headers() {
        return headers;
    }

    /** Value of the first part header called {@code name} (case-insensitive). */
    public Optional<String> header(String name) {
        String full = SipSyntax.expandCompact(name);
        for (SipHeader h : headers) {
            if (h.name().equalsIgnoreCase(full)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    /** The part's Content-Type value, as written (with parameters). */
    public Optional<String> contentType() {
        return header("Content-Type");
    }

    /** The part's media type in lower case without parameters ({@code application/sdp}); empty when untyped. */
    public String mediaType() {
        return contentType().map(SipSyntax::mediaType).orElse("");
    }

    /** The part's Content-Disposition value, as written. */
    public Optional<String> contentDisposition() {
        return header("Content-Disposition");
    }

    /** Whether the part is {@code application/sdp}. */
    public boolean isSdp() {
        return mediaType().equals("application/sdp");
    }

    /**
     * Whether Content-Disposition carries {@code ms-proxy-2007fallback}: Lync's MS-ICE draft-6 part, kept for
     * OCS 2007 peers.
     */
    public boolean isMsProxy2007Fallback() {
        return contentDisposition().map(d -> SipSyntax.hasFlagParameter(d, "ms-proxy-2007fallback")).orElse(false);
    }

    /** The content, without the part headers and without the CRLF that belongs to the next delimiter. */
    public String body() {
        return body;
    }

    /** 1-based source line of the first content line. */
    public int firstLine() {
        return sourceLine.applyAsInt(0);
    }

    /**
     * 1-based source line of the 0-based content line {@code index} (logs may interleave foreign lines, so this is
     * not always {@code firstLine() + index}).
     */
    public int sourceLine(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index < 0: " + index);
        }
        return sourceLine.applyAsInt(index);
    }

    /** The content's lines, without line endings (for locating an SDP line; pair an index with {@link #sourceLine}). */
    public List<String> lines() {
        TextLines t = new TextLines(body);
        List<String> out = new ArrayList<>(t.count());
        for (int i = 0; i < t.count(); i++) {
            out.add(t.line(i));
        }
        return out;
    }

    IntUnaryOperator lineMapper() {
        return sourceLine;
    }

    @Override
    public String toString() {
        return "BodyPart[" + mediaType() + (isMsProxy2007Fallback() ? ", ms-proxy-2007fallback" : "") + ", "
                + body.length() + " chars @ line " + firstLine() + "]";
    }
}
