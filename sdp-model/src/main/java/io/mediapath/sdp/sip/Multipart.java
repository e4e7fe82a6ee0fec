package io.mediapath.sdp.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

/**
 * Splits a MIME multipart body (RFC 2046 §5.1) into its parts. The preamble before the first delimiter and the
 * epilogue after the close delimiter are ignored; a missing close delimiter is tolerated (logs are often cut),
 * a missing first delimiter is not.
 */
public final class Multipart {
    /** Nesting depth followed before giving up (RFC 2046 sets no limit; real SIP bodies nest at most once). */
    public static final int MAX_DEPTH = 4;
    /** Parts accepted in one multipart body. */
    public static final int MAX_PARTS = 256;

    private Multipart() {
    }

    /** The {@code boundary} parameter of a Content-Type value, unquoted. */
    public static Optional<String> boundary(String contentType) {
        return SipSyntax.parameter(contentType, "boundary").filter(b -> !b.isEmpty());
    }

    /**
     * Splits {@code body} at {@code boundary}; part lines are numbered from 1 at the first line of {@code body}.
     * Nested multiparts are returned as one part each (call again on them to go deeper).
     *
     * @throws SipParseException when no delimiter line {@code --boundary} is found
     */
    public static List<BodyPart> split(String body, String boundary) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(boundary, "boundary");
        if (boundary.isEmpty()) {
            throw new IllegalArgumentException("empty boundary");
        }
        return split(body, boundary, k -> k + 1, "<string>");
    }

    static List<BodyPart> leaves(BodyPart multipart, String source, int contentTypeLine, int depth) {
        String ct = multipart.contentType().orElse("");
        Optional<String> boundary = boundary(ct);
        if (boundary.isEmpty()) {
            throw new SipParseException(source, contentTypeLine, 1, "Content-Type: " + ct,
                    "multipart Content-Type without a boundary parameter", "boundary=\"...\"");
        }
        List<BodyPart> out = new ArrayList<>();
        for (BodyPart p : split(multipart.body(), boundary.get(), multipart.lineMapper(), source)) {
            if (p.mediaType().startsWith("multipart/")) {
                if (depth + 1 >= MAX_DEPTH) {
                    // Kept as a leaf it would be a body nobody reads, and an offer would vanish without a word.
                    throw new SipParseException(source, p.firstLine(), 1, "Content-Type: " + p.contentType().orElse(""),
                            "multipart nested more than " + MAX_DEPTH + " levels deep", "at most " + MAX_DEPTH
                            + " levels of multipart");
                }
                out.addAll(leaves(p, source, p.firstLine(), depth + 1));
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static List<BodyPart> split(String body, String boundary, IntUnaryOperator sourceLine, String source) {
        TextLines lines = new TextLines(body);
        String delimiter = "--" + boundary;
        List<BodyPart> parts = new ArrayList<>();
        int partStart = -1; // index of the first line of the current part
        boolean closed = false;
        for (int i = 0; i < lines.count() && !closed; i++) {
            int kind = delimiterKind(body, lines.start(i), lines.end(i), delimiter);
            if (kind == 0) {
                continue;
            }
            if (partStart >= 0) {
                parts.add(part(lines, partStart, i, sourceLine, source));
                if (parts.size() > MAX_PARTS) {
                    throw new SipParseException(source, sourceLine.applyAsInt(i), 1, lines.line(i),
                            "more than " + MAX_PARTS + " body parts", "");
                }
            }
            partStart = i + 1;
            closed = kind == 2;
        }
        if (partStart < 0) {
            String first = lines.count() == 0 ? "" : lines.line(0);
            throw new SipParseException(source, sourceLine.applyAsInt(0), 1, first,
                    "multipart body without a delimiter line", delimiter);
        }
        if (!closed && partStart < lines.count()) {
            parts.add(part(lines, partStart, lines.count(), sourceLine, source));
        }
        return List.copyOf(parts);
    }

    /** 0: not a delimiter; 1: {@code --boundary}; 2: {@code --boundary--}; trailing whitespace allowed. */
    private static int delimiterKind(String text, int s, int e, String delimiter) {
        if (e - s < delimiter.length() || !text.startsWith(delimiter, s)) {
            return 0;
        }
        int i = s + delimiter.length();
        int kind = 1;
        if (i + 2 <= e && text.startsWith("--", i)) {
            kind = 2;
            i += 2;
        }
        for (; i < e; i++) {
            if (!SipSyntax.isWsp(text.charAt(i))) {
                return 0;
            }
        }
        return kind;
    }

    private static BodyPart part(TextLines lines, int from, int to, IntUnaryOperator sourceLine, String source) {
        HeaderBlock block;
        int contentLine;
        if (from < to && lines.isBlank(from)) {
            block = null; // no part headers: the content starts after the blank line
            contentLine = from + 1;
        } else if (from < to && SipSyntax.headerNameLength(lines.line(from)) < 0) {
            block = null; // no headers and no blank line: all content (tolerated)
            contentLine = from;
        } else {
            block = HeaderBlock.parse(lines, from, to, sourceLine, source, SipMessage.MAX_HEADERS);
            contentLine = block.bodyLine;
        }
        String content;
        if (contentLine >= to) {
            content = "";
        } else {
            // the CRLF before the next delimiter belongs to the delimiter (RFC 2046 §5.1.1)
            int endOffset = lines.end(to - 1);
            content = lines.text.substring(lines.start(contentLine), endOffset);
        }
        List<SipHeader> headers = block == null ? List.of() : block.headers;
        int base = contentLine;
        return new BodyPart(headers, content, k -> sourceLine.applyAsInt(base + k));
    }
}
