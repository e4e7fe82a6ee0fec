package io.mediapath.sdp.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/** Parses a block of header lines (of a SIP message or a MIME part) up to the blank line that ends it. */
final class HeaderBlock {
    final List<SipHeader> headers;
    /** Index of the first line after the blank line (or {@code to} when there was none). */
    final int bodyLine;
    final boolean blankLineSeen;

    private HeaderBlock(List<SipHeader> headers, int bodyLine, boolean blankLineSeen) {
        this.headers = headers;
        this.bodyLine = bodyLine;
        this.blankLineSeen = blankLineSeen;
    }

    static HeaderBlock parse(TextLines lines, int from, int to, IntUnaryOperator sourceLine, String source,
            int maxHeaders) {
        List<SipHeader> headers = new ArrayList<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        int headerLine = 0;
        // whether the value so far is visibly unfinished, tracked incrementally (re-scanning would be quadratic)
        boolean inQuote = false;
        char last = 0;
        int i = from;
        for (; i < to; i++) {
            if (lines.isBlank(i)) {
                break;
            }
            String line = lines.line(i);
            char first = line.charAt(0);
            boolean folded = SipSyntax.isWsp(first);
            int nameLen = folded ? -1 : SipSyntax.headerNameLength(line);
            boolean open = inQuote || last == ',' || last == ';' || last == '=';
            if (folded || nameLen < 0 && name != null && open) {
                if (name == null) {
                    throw new SipParseException(source, sourceLine.applyAsInt(i), 1, line,
                            "continuation line before any header", "a header name followed by ':'");
                }
                String more = line.trim();
                if (!more.isEmpty()) {
                    if (value.length() > 0) {
                        value.append(' ');
                    }
                    value.append(more);
                    for (int k = 0; k < more.length(); k++) {
                        char c = more.charAt(k);
                        if (c == '"') {
                            inQuote = !inQuote;
                        }
                        if (!SipSyntax.isWsp(c)) {
                            last = c;
                        }
                    }
                }
                continue;
            }
            if (nameLen < 0) {
                throw new SipParseException(source, sourceLine.applyAsInt(i), 1, line,
                        "not a header line", "a header name followed by ':'");
            }
            if (name != null) {
                headers.add(new SipHeader(name, value.toString().trim(), headerLine));
            }
            if (headers.size() >= maxHeaders) {
                throw new SipParseException(source, sourceLine.applyAsInt(i), 1, line,
                        "more than " + maxHeaders + " headers", "");
            }
            name = SipSyntax.expandCompact(line.substring(0, nameLen));
            headerLine = sourceLine.applyAsInt(i);
            value.setLength(0);
            value.append(line, line.indexOf(':') + 1, line.length());
            String trimmed = value.toString().trim();
            value.setLength(0);
            value.append(trimmed);
            inQuote = false;
            last = 0;
            for (int k = 0; k < trimmed.length(); k++) {
                char c = trimmed.charAt(k);
                if (c == '"') {
                    inQuote = !inQuote;
                }
                if (!SipSyntax.isWsp(c)) {
                    last = c;
                }
            }
        }
        if (name != null) {
            headers.add(new SipHeader(name, value.toString().trim(), headerLine));
        }
        boolean blank = i < to;
        return new HeaderBlock(List.copyOf(headers), blank ? i + 1 : to, blank);
    }
}
