package io.mediapath.sdp.sip;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The streaming state machine behind {@link LogScanner}. Reads lines into one fixed char buffer (a line longer
 * than the buffer is cut and its rest skipped), looks for SIP start lines only in lines outside a message, and
 * copies only message lines into a bounded builder. Memory is O(buffer + one message), whatever the input size.
 */
final class ScanEngine {
    private enum State { IDLE, HEADERS, BODY, DETAIL }

    /** How log prefixes relate to the lines of the current message. */
    private enum Mode {
        /** No prefix before the start line: raw SIP text. */
        NONE,
        /** Prefix on the start line; not yet known whether the following lines carry it too. */
        UNDECIDED,
        /** Every line carries the prefix (pasted logs); a line without it ends the message. */
        EVERY_LINE,
        /** Only the first line carries it (UCCAPI); the next line that looks like a new log record ends it. */
        FIRST_ONLY,
        /** Lync/SfB server SIPStack record ({@code Start-Line:} … {@code Message-Body:} … {@code $$end_record}). */
        SIPSTACK
    }

    private final Reader in;
    private final String source;
    private final int maxMessageChars;
    private final Consumer<ScanProblem> problems;
    private final char[] buf;
    private int pos;
    private int lim;
    private boolean eof;
    private boolean skippingRest;

    // current line
    private int ls;
    private int le;
    private boolean truncated;
    private long lineNo;
    private long chars;

    // current message
    private State state = State.IDLE;
    private Mode mode;
    private String prefix = "";
    private String prefixTrimmed = "";
    private String tail = "";
    // the current message as plain chars: a StringBuilder would stay UTF-16 after the first non-Latin-1 message and
    // pay a compression attempt on every toString(); this buffer is copied once into the message String
    private char[] msg = new char[4096];
    private int msgLen;
    private int[] map = new int[128];
    private int mapLen;
    private long contentLength;
    private long remaining;
    private boolean multipart;
    private boolean messageBody;
    private boolean quoteOpen;
    private char lastChar;
    private int headerCount;
    private long startLine;
    private boolean overlong;
    private boolean followMode;

    // a message printed as a Wireshark packet-detail tree (tshark -V), rebuilt line by line
    private PacketDetail detail;

    final ArrayDeque<SipMessage> ready = new ArrayDeque<>();

    ScanEngine(Reader in, String source, int maxMessageChars, int maxLineChars, Consumer<ScanProblem> problems) {
        this.in = in;
        this.source = source;
        this.maxMessageChars = maxMessageChars;
        this.problems = problems;
        this.buf = new char[maxLineChars];
    }

    long lines() {
        return lineNo;
    }

    long chars() {
        return chars;
    }

    /** Reads until at least one message is ready or the input ends; false when nothing more will come. */
    boolean advance() throws IOException {
        while (ready.isEmpty()) {
            if (!nextLine()) {
                if (state != State.IDLE) {
                    finish();
                }
                return !ready.isEmpty();
            }
            process();
        }
        return true;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) {
            eof = true;
            return false;
        }
        chars += n;
        lim += n;
        return true;
    }

    private boolean nextLine() throws IOException {
        while (skippingRest) {
            for (int i = pos; i < lim; i++) {
                if (buf[i] == '\n') {
                    pos = i + 1;
                    skippingRest = false;
                    break;
                }
            }
            if (skippingRest) {
                pos = lim;
                if (!fill()) {
                    return false;
                }
            }
        }
        int scanFrom = pos;
        while (true) {
            final char[] b = buf;
            final int l = lim;
            for (int i = scanFrom; i < l; i++) {
                if (b[i] == '\n') {
                    ls = pos;
                    le = i > pos && b[i - 1] == '\r' ? i - 1 : i;
                    pos = i + 1;
                    truncated = false;
                    lineNo++;
                    return true;
                }
            }
            int searched = lim - pos;
            if (searched == buf.length) {
                // a line longer than the buffer: deliver its start, skip the rest
                ls = pos;
                le = lim;
                pos = lim;
                truncated = true;
                skippingRest = true;
                lineNo++;
                return true;
            }
            if (!fill()) {
                if (pos < lim) {
                    ls = pos;
                    le = buf[lim - 1] == '\r' ? lim - 1 : lim;
                    pos = lim;
                    truncated = false;
                    lineNo++;
                    return true;
                }
                return false;
            }
            scanFrom = pos + searched;
        }
    }

    private void process() {
        boolean again = true;
        while (again) {
            again = false;
            if (state == State.IDLE) {
                if (le - ls >= 8 && buf[ls] == 'F' && startsWith(ls, le, "Follow: ")) {
                    followMode = true; // tshark -z follow,...,ascii output: chunk sizes on lines of their own
                }
                int ind = ls;
                while (ind < le && buf[ind] == ' ') {
                    ind++;
                }
                if (ind < le && buf[ind] == 'S' && PacketDetail.isRoot(buf, ind, le)) {
                    detail = new PacketDetail(ind - ls, maxMessageChars);
                    state = State.DETAIL;
                    startLine = lineNo;
                    return;
                }
                int col = StartLines.find(buf, ls, le);
                if (col >= 0) {
                    begin(col);
                }
            } else if (state == State.DETAIL) {
                if (!detail.accept(buf, ls, le, lineNo)) {
                    finish();
                    again = true;
                }
            } else {
                again = continueMessage();
            }
        }
    }

    private void begin(int col) {
        prefix = new String(buf, ls, col - ls);
        prefixTrimmed = prefix.stripTrailing();
        int t = prefix.length();
        while (t > 0 && !Character.isLetterOrDigit(prefix.charAt(t - 1))) {
            t--;
        }
        tail = prefix.substring(t);
        if (prefix.isEmpty()) {
            mode = Mode.NONE;
        } else if (prefixTrimmed.endsWith("Start-Line:")) {
            mode = Mode.SIPSTACK;
        } else {
            mode = Mode.UNDECIDED;
        }
        state = State.HEADERS;
        msgLen = 0;
        mapLen = 0;
        contentLength = -1;
        remaining = 0;
        multipart = false;
        messageBody = false;
        quoteOpen = false;
        lastChar = 0;
        headerCount = 0;
        overlong = false;
        startLine = lineNo;
        if (truncated) {
            tooLong();
        }
        append(col, le);
    }

    /** Handles a line while inside a message; true when the line must be looked at again in IDLE state. */
    private boolean continueMessage() {
        int cs = ls;
        switch (mode) {
            case UNDECIDED: {
                int c = matchPrefix(ls, le);
                if (c >= 0) {
                    mode = Mode.EVERY_LINE;
                    cs = c;
                } else {
                    mode = Mode.FIRST_ONLY;
                }
                break;
            }
            case EVERY_LINE: {
                int c = matchPrefix(ls, le);
                if (c < 0) {
                    finish();
                    return true;
                }
                cs = c;
                break;
            }
            case FIRST_ONLY:
                if (matchPrefix(ls, le) >= 0) {
                    finish();
                    return true;
                }
                break;
            default:
                break;
        }
        if (truncated) {
            tooLong();
        }
        if (followMode && cs < le && allDigits(cs, le)) {
            return false; // tshark chunk length between segments
        }
        if (startsWith(cs, le, "$$end_record") || le - cs >= 10 && startsWith(cs, le, "==========")) {
            finish();
            return false;
        }
        if (state == State.HEADERS) {
            if (cs == le) {
                append(cs, le);
                if (contentLength == 0) {
                    finish();
                } else {
                    state = State.BODY;
                    remaining = contentLength;
                }
                return false;
            }
            if (mode == Mode.SIPSTACK && startsWith(cs, le, "Message-Body:")) {
                append(cs, cs); // the blank line the record format leaves out, mapped to this line
                state = State.BODY;
                remaining = contentLength;
                int b = cs + "Message-Body:".length();
                if (b < le && buf[b] == ' ') {
                    b++;
                }
                if (b < le) {
                    appendBody(b, le);
                }
                return false;
            }
            boolean folded = SipSyntax.isWsp(buf[cs]);
            int nameLen = folded ? -1 : SipSyntax.headerNameLength(buf, cs, le);
            if (nameLen < 0 && !folded && !(headerCount > 0 && (quoteOpen || lastChar == ',' || lastChar == ';'
                    || lastChar == '='))) {
                finish(); // not a header: the message had no blank line and no body
                return true;
            }
            int valueStart = cs;
            if (nameLen > 0) {
                headerCount++;
                quoteOpen = false;
                lastChar = 0;
                valueStart = indexOf(cs, le, ':') + 1;
                headerSeen(cs, nameLen, valueStart, le);
            }
            track(valueStart, le);
            append(cs, le);
            return false;
        }
        // BODY
        if (contentLength < 0) {
            if (cs == le && !multipart) {
                finish();
                return false;
            }
            if (StartLines.find(buf, cs, le) == cs) {
                finish();
                return true;
            }
            append(cs, le);
            return false;
        }
        if (!messageBody && StartLines.find(buf, cs, le) == cs) {
            // A start line where the body should go on: ending the message here keeps the rest of the input
            // (a Content-Length of 2^31 would otherwise swallow every later message). Bodies that are SIP text
            // themselves (message/sipfrag, message/sip) may hold start lines and are left alone.
            problems.accept(new ScanProblem(ScanProblem.Kind.BODY_SHORTER_THAN_CONTENT_LENGTH, source, startLine,
                    "SIP message starting at line " + startLine + " declares Content-Length " + contentLength
                            + " but a new message starts " + (contentLength - remaining) + " bytes into its body"));
            finish();
            return true;
        }
        appendBody(cs, le);
        return false;
    }

    private void headerSeen(int cs, int nameLen, int valueStart, int e) {
        boolean cl = nameLen == 1 ? (buf[cs] | 0x20) == 'l' : regionEqualsIgnoreCase(cs, nameLen, "Content-Length");
        if (cl) {
            long v = 0;
            int digits = 0;
            for (int i = valueStart; i < e; i++) {
                char c = buf[i];
                if (c >= '0' && c <= '9') {
                    if (digits++ < 10) {
                        v = v * 10 + (c - '0');
                    }
                } else if (c != ' ' && c != '\t') {
                    digits = -100; // not a number: leave it to the parser to complain
                }
            }
            if (digits > 0 && digits <= 10) {
                contentLength = v;
            }
            return;
        }
        boolean ct = nameLen == 1 ? (buf[cs] | 0x20) == 'c' : regionEqualsIgnoreCase(cs, nameLen, "Content-Type");
        if (ct) {
            String v = new String(buf, valueStart, e - valueStart).trim();
            String type = SipSyntax.mediaType(v);
            multipart = type.startsWith("multipart/");
            messageBody = type.startsWith("message/");
        }
    }

    private void track(int s, int e) {
        for (int i = s; i < e; i++) {
            char c = buf[i];
            if (c == '"') {
                quoteOpen = !quoteOpen;
            }
            if (c != ' ' && c != '\t') {
                lastChar = c;
            }
        }
    }

    private void appendBody(int s, int e) {
        append(s, e);
        if (contentLength >= 0) {
            long bytes = (long) (e - s) + 2;
            for (int i = s; i < e; i++) {
                char c = buf[i];
                if (c >= 0x80) {
                    bytes += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
                }
            }
            remaining -= bytes;
            if (remaining <= 0) {
                finish();
            }
        }
    }

    private void append(int s, int e) {
        if (overlong) {
            return;
        }
        int n = e - s;
        if (msgLen + n + 2 > maxMessageChars) {
            overlong = true;
            problems.accept(new ScanProblem(ScanProblem.Kind.MESSAGE_TOO_LONG, source, startLine,
                    "SIP message starting at line " + startLine + " is longer than " + maxMessageChars
                            + " characters; skipped"));
            msgLen = 0;
            return;
        }
        if (msgLen + n + 2 > msg.length) {
            msg = Arrays.copyOf(msg, Math.min(Math.max(msg.length * 2, msgLen + n + 2), maxMessageChars + 2));
        }
        System.arraycopy(buf, s, msg, msgLen, n);
        msgLen += n;
        msg[msgLen++] = '\r';
        msg[msgLen++] = '\n';
        if (mapLen == map.length) {
            map = Arrays.copyOf(map, mapLen * 2);
        }
        map[mapLen++] = (int) Math.min(lineNo, Integer.MAX_VALUE);
    }

    private void tooLong() {
        if (!overlong) {
            overlong = true;
            problems.accept(new ScanProblem(ScanProblem.Kind.LINE_TOO_LONG, source, lineNo,
                    "line " + lineNo + " inside the SIP message starting at line " + startLine + " is longer than "
                            + buf.length + " characters; message skipped"));
            msgLen = 0;
        }
    }

    private void finish() {
        State was = state;
        state = State.IDLE;
        if (was == State.DETAIL) {
            finishDetail();
            return;
        }
        if (was == State.IDLE || overlong || headerCount == 0) {
            return;
        }
        String text = new String(msg, 0, msgLen);
        int[] lineMap = Arrays.copyOf(map, mapLen);
        if (msg.length > 1 << 16) {
            msg = new char[4096]; // give back what one big message took
        }
        try {
            ready.add(SipMessage.parseMapped(text, source, lineMap));
        } catch (SipParseException e) {
            problems.accept(new ScanProblem(ScanProblem.Kind.UNPARSABLE, source, e.line(), e.getMessage()));
        }
    }

    private void finishDetail() {
        PacketDetail d = detail;
        detail = null;
        if (d.overlong()) {
            problems.accept(new ScanProblem(ScanProblem.Kind.MESSAGE_TOO_LONG, source, startLine,
                    "SIP dissection starting at line " + startLine + " is longer than " + maxMessageChars
                            + " characters; skipped"));
            return;
        }
        if (!d.complete()) {
            return;
        }
        if (d.truncatedFields() > 0) {
            problems.accept(new ScanProblem(ScanProblem.Kind.TRUNCATED_BY_DISSECTOR, source, d.firstTruncatedLine(),
                    "Wireshark printed " + d.truncatedFields() + " field(s) of the SIP message at line " + d.startLineNo()
                            + " cut short ([truncated], first at line " + d.firstTruncatedLine() + "); their values are "
                            + "incomplete — export the packet bytes or use Follow Stream for the full text"));
        }
        try {
            ready.add(SipMessage.parseMapped(d.text(), source, d.lineMap()));
        } catch (SipParseException e) {
            problems.accept(new ScanProblem(ScanProblem.Kind.UNPARSABLE, source, e.line(), e.getMessage()));
        }
    }

    // ---- prefix matching ----

    private static boolean hexish(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean sameShape(char p, char c) {
        return p == c || hexish(p) && hexish(c);
    }

    /**
     * Where the content starts if line {@code [s,e)} carries the start line's prefix (same shape: digits and hex
     * digits may differ, everything else must be equal), or -1. Falls back to "same head and the same delimiter
     * a little further" for prefixes with variable-width fields (thread names, log levels).
     */
    private int matchPrefix(int s, int e) {
        int n = prefix.length();
        if (e - s >= n) {
            boolean ok = true;
            for (int i = 0; i < n; i++) {
                if (!sameShape(prefix.charAt(i), buf[s + i])) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return s + n;
            }
        }
        int nt = prefixTrimmed.length();
        if (e - s == nt && (nt > 0 || n > 0)) {
            // a blank message line, printed as the prefix without its trailing blank
            boolean ok = true;
            for (int i = 0; i < nt; i++) {
                if (!sameShape(prefixTrimmed.charAt(i), buf[s + i])) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return e;
            }
        }
        if (n < 6 || tail.isEmpty()) {
            return -1;
        }
        int h = Math.min(Math.min(n, 10), e - s);
        if (h < Math.min(n, 10)) {
            return -1;
        }
        for (int i = 0; i < h; i++) {
            if (!sameShape(prefix.charAt(i), buf[s + i])) {
                return -1;
            }
        }
        int limit = Math.min(e, s + n + 32);
        int tl = tail.length();
        outer:
        for (int i = s + h; i + tl <= limit; i++) {
            for (int k = 0; k < tl; k++) {
                if (buf[i + k] != tail.charAt(k)) {
                    continue outer;
                }
            }
            return i + tl;
        }
        return -1;
    }

    // ---- small char helpers ----

    private boolean startsWith(int s, int e, String what) {
        int n = what.length();
        if (e - s < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (buf[s + i] != what.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean regionEqualsIgnoreCase(int s, int len, String what) {
        if (len != what.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (Character.toLowerCase(buf[s + i]) != Character.toLowerCase(what.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean allDigits(int s, int e) {
        for (int i = s; i < e; i++) {
            if (buf[i] < '0' || buf[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private int indexOf(int s, int e, char c) {
        for (int i = s; i < e; i++) {
            if (buf[i] == c) {
                return i;
            }
        }
        return e;
    }
}
