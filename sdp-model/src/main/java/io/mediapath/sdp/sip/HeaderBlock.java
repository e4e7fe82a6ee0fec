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
        String text = lines.text;
        String name = null;
        String value = null;           // the value while it has no continuation (the common case: no copy)
        StringBuilder joined = null;   // used only once a continuation line arrives
        int headerLine = 0;
        // whether the value so far is visibly unfinished, tracked incrementally (re-scanning would be quadratic)
        boolean inQuote = false;
        char last = 0;
        int i = from;
        for (; i < to; i++) {
            int s = lines.start(i);
            int e = lines.end(i);
            if (s == e) {
                break;
            }
            boolean folded = SipSyntax.isWsp(text.charAt(s));
            int nameLen = folded ? -1 : nameLength(text, s, e);
            boolean open = inQuote || last == ',' || last == ';' || last == '=';
            if (folded || nameLen < 0 && name != null && open) {
                if (name == null) {
                    throw new SipParseException(source, sourceLine.applyAsInt(i), 1, lines.line(i),
                            "continuation line before any header", "a header name followed by ':'");
                }
                int ts = trimStart(text, s, e);
                int te = trimEnd(text, ts, e);
                if (ts < te) {
                    if (joined == null) {
                        joined = new StringBuilder(value);
                    }
                    if (joined.length() > 0) {
                        joined.append(' ');
                    }
                    joined.append(text, ts, te);
                    for (int k = ts; k < te; k++) {
                        char c = text.charAt(k);
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
                throw new SipParseException(source, sourceLine.applyAsInt(i), 1, lines.line(i),
                        "not a header line", "a header name followed by ':'");
            }
            if (name != null) {
                headers.add(new SipHeader(name, joined != null ? joined.toString() : value, headerLine));
            }
            if (headers.size() >= maxHeaders) {
                throw new SipParseException(source, sourceLine.applyAsInt(i), 1, lines.line(i),
                        "more than " + maxHeaders + " headers", "");
            }
            name = SipSyntax.expandCompact(text.substring(s, s + nameLen));
            headerLine = sourceLine.applyAsInt(i);
            int colon = text.indexOf(':', s + nameLen);
            int vs = trimStart(text, colon + 1, e);
            int ve = trimEnd(text, vs, e);
            value = text.substring(vs, ve);
            joined = null;
            inQuote = false;
            last = 0;
            for (int k = vs; k < ve; k++) {
                char c = text.charAt(k);
                if (c == '"') {
                    inQuote = !inQuote;
                }
                if (!SipSyntax.isWsp(c)) {
                    last = c;
                }
            }
        }
        if (name != null) {
            headers.add(new SipHeader(name, joined != null ? joined.toString() : value, headerLine));
        }
        boolean blank = i < to;
        return new HeaderBlock(List.copyOf(headers), blank ? i + 1 : to, blank);
    }

    private static int nameLength(String text, int s, int e) {
        int i = s;
        while (i < e && SipSyntax.isTokenChar(text.charAt(i))) {
            i++;
        }
        int nameEnd = i;
        if (nameEnd == s) {
            return -1;
        }
        while (i < e && SipSyntax.isWsp(text.charAt(i))) {
            i++;
        }
        return i < e && text.charAt(i) == ':' ? nameEnd - s : -1;
    }

    private static int trimStart(String text, int s, int e) {
        while (s < e && Character.isWhitespace(text.charAt(s))) {
            s++;
        }
        return s;
    }

    private static int trimEnd(String text, int s, int e) {
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        return e;
    }
}
