package io.mediapath.sdp.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

/**
 * One SIP request or response (RFC 3261 §7), parsed leniently enough for what logs and web pages contain and
 * strictly enough to say where a broken one breaks.
 *
 * <ul>
 *   <li>Start line: {@code METHOD Request-URI SIP/2.0} or {@code SIP/2.0 code [reason]} (the reason phrase may be
 *       missing, as in some client logs). Leading empty lines are skipped (RFC 3261 §7.5).</li>
 *   <li>Headers in order; compact forms expanded ({@code i} → {@code Call-ID}, {@code m} → {@code Contact}, …);
 *       folded lines (leading whitespace) unfolded; a line that is not a header but follows a visibly unfinished
 *       value (open quote, trailing {@code , ; =}) is joined too, because logs wrap long
 *       {@code ms-client-diagnostics} values that way. Lookup ignores case and accepts compact names.</li>
 *   <li>Body: {@code Content-Length} bytes (UTF-8) after the blank line, or the rest of the text when the header is
 *       absent. Because logs often store CRLF as LF, a body that is too short by exact count is measured again with
 *       each bare LF counted as CRLF; if it is still short it is kept and a {@link #warnings() warning} says so.</li>
 * </ul>
 *
 * <p>Every message knows where it came from ({@link #sourceName()}, {@link #firstLine()}), and every header and body
 * part knows its line in that source, so findings can cite lines. Instances are immutable; {@link #bodyParts()} is
 * computed on first use.
 */
public final class SipMessage {
    /** Headers allowed in one message (a defence against pathological input, far above real messages). */
    static final int MAX_HEADERS = 1024;

    private final String text;
    private final String sourceName;
    private final int firstLine;
    private final int[] lineMap;
    private final boolean request;
    private final String method;
    private final String requestUri;
    private final String version;
    private final int statusCode;
    private final String reasonPhrase;
    private final List<SipHeader> headers;
    private final String body;
    private final int bodyLineIndex;
    private final List<String> warnings;
    private volatile List<BodyPart> parts;

    private SipMessage(String text, String sourceName, int[] lineMap) {
        this.text = text;
        this.sourceName = sourceName;
        this.lineMap = lineMap;
        TextLines lines = new TextLines(text);
        IntUnaryOperator map = this::sourceLine;
        int i = 0;
        while (i < lines.count() && lines.line(i).isBlank()) {
            i++;
        }
        if (i == lines.count()) {
            throw new SipParseException(sourceName, map.applyAsInt(0), 1, "", "empty message",
                    "a request line or a status line");
        }
        this.firstLine = map.applyAsInt(i);
        String start = lines.line(i);
        List<String> warn = new ArrayList<>();
        if (start.startsWith("SIP/")) {
            // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
            int sp = start.indexOf(' ');
            this.version = sp < 0 ? start : start.substring(0, sp);
            checkVersion(version, start, i, map);
            if (sp < 0 || start.length() < sp + 4) {
                throw new SipParseException(sourceName, map.applyAsInt(i), Math.min(start.length(), sp < 0 ? start.length() : sp + 2) + 1,
                        start, "status line without a status code", "a three-digit status code");
            }
            int code = 0;
            for (int k = sp + 1; k < sp + 4; k++) {
                char c = start.charAt(k);
                if (c < '0' || c > '9') {
                    throw new SipParseException(sourceName, map.applyAsInt(i), k + 1, start,
                            "status code is not three digits", "a three-digit status code");
                }
                code = code * 10 + (c - '0');
            }
            if (code < 100 || code > 699 || start.length() > sp + 4 && start.charAt(sp + 4) != ' ') {
                throw new SipParseException(sourceName, map.applyAsInt(i), sp + 2, start,
                        "bad status code", "a status code from 100 to 699");
            }
            this.request = false;
            this.statusCode = code;
            this.reasonPhrase = start.length() > sp + 5 ? start.substring(sp + 5).trim() : "";
            this.method = "";
            this.requestUri = "";
        } else {
            // Request-Line = Method SP Request-URI SP SIP-Version
            int sp1 = start.indexOf(' ');
            int sp2 = sp1 < 0 ? -1 : start.indexOf(' ', sp1 + 1);
            if (sp1 <= 0) {
                throw new SipParseException(sourceName, map.applyAsInt(i), 1, start, "not a SIP start line",
                        "'METHOD Request-URI SIP/2.0' or 'SIP/2.0 code reason'");
            }
            for (int k = 0; k < sp1; k++) {
                if (!SipSyntax.isTokenChar(start.charAt(k))) {
                    throw new SipParseException(sourceName, map.applyAsInt(i), k + 1, start,
                            "method is not a token", "a method such as INVITE");
                }
            }
            if (sp2 < 0 || sp2 == sp1 + 1) {
                throw new SipParseException(sourceName, map.applyAsInt(i), sp1 + 2, start,
                        "request line without Request-URI and version", "'Request-URI SIP/2.0'");
            }
            this.version = start.substring(sp2 + 1).trim();
            checkVersion(version, start, i, map);
            this.request = true;
            this.method = start.substring(0, sp1);
            this.requestUri = start.substring(sp1 + 1, sp2);
            this.statusCode = 0;
            this.reasonPhrase = "";
        }
        HeaderBlock block = HeaderBlock.parse(lines, i + 1, lines.count(), map, sourceName, MAX_HEADERS);
        this.headers = block.headers;
        this.bodyLineIndex = block.bodyLine;
        int restStart = block.blankLineSeen && block.bodyLine < lines.count() ? lines.start(block.bodyLine)
                : text.length();
        Optional<SipHeader> cl = firstHeader("Content-Length");
        if (cl.isPresent()) {
            long length = parseContentLength(cl.get());
            int cut = cut(text, restStart, length, false);
            if (cut < 0) {
                cut = cut(text, restStart, length, true);
            }
            if (cut < 0) {
                this.body = text.substring(restStart);
                warn.add("Content-Length is " + length + " but only " + utf8Length(body)
                        + " bytes follow (message truncated?)");
            } else {
                this.body = text.substring(restStart, cut);
                if (!isBlank(text, cut)) {
                    warn.add((text.length() - cut) + " characters after the Content-Length body ignored");
                }
            }
        } else {
            this.body = text.substring(restStart);
        }
        this.warnings = List.copyOf(warn);
    }

    private void checkVersion(String v, String start, int i, IntUnaryOperator map) {
        if (!isSipVersion(v)) {
            throw new SipParseException(sourceName, map.applyAsInt(i), Math.max(1, start.indexOf(v) + 1), start,
                    "bad SIP version '" + v + "'", "SIP/2.0");
        }
    }

    /** {@code SIP/d.d} with 1–3 digits each side (no regex: this runs once per message of a 1 GB log). */
    private static boolean isSipVersion(String v) {
        if (!v.startsWith("SIP/")) {
            return false;
        }
        int dot = v.indexOf('.', 4);
        return dot > 4 && dot - 4 <= 3 && v.length() - dot - 1 >= 1 && v.length() - dot - 1 <= 3
                && digits(v, 4, dot) && digits(v, dot + 1, v.length());
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private long parseContentLength(SipHeader h) {
        String v = h.value().trim();
        if (v.isEmpty() || v.length() > 10 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SipParseException(sourceName, h.line(), 1, h.name() + ": " + h.value(),
                    "bad Content-Length '" + v + "'", "a non-negative decimal number");
        }
        return Long.parseLong(v);
    }

    private static boolean isBlank(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Index where {@code length} UTF-8 bytes of {@code s} from {@code from} end, or -1 when it is shorter. */
    private static int cut(String s, int from, long length, boolean bareLfIsCrlf) {
        long bytes = 0;
        int i = from;
        int n = s.length();
        while (i < n && bytes < length) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += c == '\n' && bareLfIsCrlf && (i == from || s.charAt(i - 1) != '\r') ? 2 : 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
            i++;
        }
        return bytes >= length ? i : -1;
    }

    private static long utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Parses one SIP message; source name {@code "<string>"}, first line 1. */
    public static SipMessage parse(String text) {
        return parse(text, "<string>", 1);
    }

    /** Parses one SIP message from UTF-8 bytes (invalid sequences are replaced, never fatal). */
    public static SipMessage parse(byte[] bytes) {
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * Parses one SIP message that was found in {@code sourceName} starting at 1-based line {@code firstLine}.
     *
     * @throws SipParseException when the start line or a header line is malformed or Content-Length is not a number
     */
    public static SipMessage parse(String text, String sourceName, int firstLine) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sourceName, "sourceName");
        if (firstLine < 1) {
            throw new IllegalArgumentException("firstLine must be >= 1: " + firstLine);
        }
        return new SipMessage(text, sourceName, new int[] {-firstLine});
    }

    /** For the log scanner: the i-th line of {@code text} came from source line {@code lineMap[i]}. */
    static SipMessage parseMapped(String text, String sourceName, int[] lineMap) {
        return new SipMessage(text, sourceName, lineMap);
    }

    /** 1-based source line of the 0-based line {@code index} of {@link #text()}. */
    int sourceLine(int index) {
        if (lineMap.length == 1 && lineMap[0] < 0) {
            return -lineMap[0] + index;
        }
        if (lineMap.length == 0) {
            return 1 + index;
        }
        // lines past the map (e.g. a trailing empty line) continue from the last mapped one
        return index < lineMap.length ? lineMap[index] : lineMap[lineMap.length - 1] + (index - lineMap.length + 1);
    }

    /** The message text as parsed (for messages found in logs: with prefixes removed and CRLF line endings). */
    public String text() {
        return text;
    }

    /** Where the message came from: a file name, {@code "-"} for stdin, or {@code "<string>"}. */
    public String sourceName() {
        return sourceName;
    }

    /** 1-based line of the start line in the source. */
    public int firstLine() {
        return firstLine;
    }

    /** Whether this is a request (otherwise a response). */
    public boolean isRequest() {
        return request;
    }

    /**
     * The request method ({@code INVITE}); for a response, the method of its {@code CSeq} (so a 200 to an INVITE
     * says {@code INVITE}), or empty when that is missing.
     */
    public String method() {
        if (request) {
            return method;
        }
        return cseq().map(CSeq::method).orElse("");
    }

    /** The Request-URI of a request; empty for a response. */
    public String requestUri() {
        return requestUri;
    }

    /** The SIP version as written ({@code SIP/2.0}). */
    public String version() {
        return version;
    }

    /** The status code of a response; 0 for a request. */
    public int statusCode() {
        return statusCode;
    }

    /** The reason phrase of a response (possibly empty); empty for a request. */
    public String reasonPhrase() {
        return reasonPhrase;
    }

    /** The start line, rebuilt ({@code INVITE sip:bob@example.com SIP/2.0}, {@code SIP/2.0 200 OK}). */
    public String startLine() {
        return request ? method + " " + requestUri + " " + version
                : version + " " + statusCode + (reasonPhrase.isEmpty() ? "" : " " + reasonPhrase);
    }

    /** All headers in order. */
    public List<SipHeader> headers() {
        return headers;
    }

    /** Value of the first header called {@code name} (case-insensitive; compact forms accepted). */
    public Optional<String> header(String name) {
        return firstHeader(name).map(SipHeader::value);
    }

    /** The first header called {@code name}, with its line (case-insensitive; compact forms accepted). */
    public Optional<SipHeader> firstHeader(String name) {
        String full = SipSyntax.expandCompact(name);
        for (SipHeader h : headers) {
            if (h.name().equalsIgnoreCase(full)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    /** Values of every header called {@code name}, in order (case-insensitive; compact forms accepted). */
    public List<String> headers(String name) {
        String full = SipSyntax.expandCompact(name);
        List<String> out = new ArrayList<>();
        for (SipHeader h : headers) {
            if (h.name().equalsIgnoreCase(full)) {
                out.add(h.value());
            }
        }
        return out;
    }

    /** The {@code Call-ID}, if present. */
    public Optional<String> callId() {
        return header("Call-ID");
    }

    /** The {@code CSeq}, if present and well formed. */
    public Optional<CSeq> cseq() {
        Optional<String> v = header("CSeq");
        if (v.isEmpty()) {
            return Optional.empty();
        }
        String s = v.get().trim();
        int sp = s.indexOf(' ');
        if (sp <= 0 || sp > 10) {
            return Optional.empty();
        }
        String number = s.substring(0, sp);
        if (!number.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        long seq = Long.parseLong(number);
        String m = s.substring(sp + 1).trim();
        if (seq > 0xFFFF_FFFFL || m.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CSeq(seq, m));
    }

    /** The {@code Content-Type} value, if present. */
    public Optional<String> contentType() {
        return header("Content-Type");
    }

    /** The body (possibly empty), cut at Content-Length. */
    public String body() {
        return body;
    }

    /** 1-based source line of the first body line (the line after the blank line). */
    public int bodyFirstLine() {
        return sourceLine(bodyLineIndex);
    }

    /**
     * Things that were tolerated while parsing (truncated body, data after the body); empty for a clean message.
     */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The body as MIME parts. A {@code multipart/*} body (RFC 2046; Lync's {@code multipart/alternative} offer,
     * {@code multipart/mixed}) is split by its boundary, nested multiparts are flattened to their leaves (depth
     * at most {@value Multipart#MAX_DEPTH}); any other non-empty body is one part carrying the message's
     * Content-Type. An empty body gives an empty list.
     *
     * @throws SipParseException when a multipart body has no boundary parameter or no delimiter line
     */
    public List<BodyPart> bodyParts() {
        List<BodyPart> p = parts;
        if (p == null) {
            p = computeParts();
            parts = p;
        }
        return p;
    }

    private List<BodyPart> computeParts() {
        if (body.isEmpty()) {
            return List.of();
        }
        IntUnaryOperator bodyLines = k -> sourceLine(bodyLineIndex + k);
        Optional<SipHeader> ct = firstHeader("Content-Type");
        List<SipHeader> partHeaders = new ArrayList<>();
        ct.ifPresent(partHeaders::add);
        firstHeader("Content-Disposition").ifPresent(partHeaders::add);
        BodyPart whole = new BodyPart(partHeaders, body, bodyLines);
        if (ct.isPresent() && SipSyntax.mediaType(ct.get().value()).startsWith("multipart/")) {
            return Multipart.leaves(whole, sourceName, ct.get().line(), 0);
        }
        return List.of(whole);
    }

    /**
     * The SDP bodies: every {@code application/sdp} part (both parts of a Lync two-part offer, in order — the
     * MS-ICE draft-6 one is {@link BodyPart#isMsProxy2007Fallback() marked}); a body without Content-Type that
     * starts with {@code v=} counts as SDP too.
     *
     * @throws SipParseException when a multipart body is malformed
     */
    public List<BodyPart> sdpBodies() {
        List<BodyPart> out = new ArrayList<>();
        boolean typed = contentType().isPresent();
        for (BodyPart p : bodyParts()) {
            if (p.isSdp() || !typed && p.body().stripLeading().startsWith("v=")) {
                out.add(p);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "SipMessage[" + startLine() + " @ " + sourceName + ":" + firstLine + "]";
    }
}
