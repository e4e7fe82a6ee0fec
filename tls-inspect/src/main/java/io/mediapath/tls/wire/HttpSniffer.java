package io.mediapath.tls.wire;

import io.mediapath.tls.HttpAnswer;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises and reads a plaintext HTTP response where TLS was expected: the status line, the header fields that
 * name a proxy ({@code Proxy-Authenticate}, {@code Via}, {@code Server}, {@code X-Squid-Error}, {@code Location})
 * and the HTML {@code <title>}. Bounded: it looks at most at {@link #MAX_BYTES} bytes and keeps at most
 * {@link #MAX_HEADERS} headers.
 */
public final class HttpSniffer {

    /** Bytes examined at most. */
    public static final int MAX_BYTES = 64 * 1024;
    /** Header fields kept at most. */
    public static final int MAX_HEADERS = 64;
    private static final int MAX_LINE = 4096;
    private static final int MAX_TITLE = 200;

    private HttpSniffer() {
    }

    /** True when the bytes start like an HTTP response ({@code HTTP/}), or could still become one. */
    public static boolean mayBeHttp(byte[] b, int len) {
        byte[] p = "HTTP/".getBytes(StandardCharsets.US_ASCII);
        int n = Math.min(len, p.length);
        for (int i = 0; i < n; i++) {
            if (b[i] != p[i]) {
                return false;
            }
        }
        return true;
    }

    /** True when the bytes start with {@code HTTP/}. */
    public static boolean isHttp(byte[] b) {
        return b.length >= 5 && mayBeHttp(b, b.length);
    }

    /** Offset just past the blank line ending the header block, or -1 when it has not arrived. */
    public static int headerEnd(byte[] b, int len) {
        int n = Math.min(len, MAX_BYTES);
        for (int i = 0; i + 1 < n; i++) {
            if (b[i] == '\n' && b[i + 1] == '\n') {
                return i + 2;
            }
            if (i + 3 < n && b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    /** True when the response has fully arrived: headers ended and Content-Length bytes of body are present. */
    public static boolean complete(byte[] b) {
        int end = headerEnd(b, b.length);
        if (end < 0) {
            return false;
        }
        Optional<HttpAnswer> a = parse(b);
        if (a.isEmpty()) {
            return true;
        }
        Optional<String> cl = a.get().header("Content-Length");
        if (cl.isEmpty()) {
            return a.get().status() == 204 || a.get().status() == 304 || a.get().status() / 100 == 1;
        }
        try {
            long want = Long.parseLong(cl.get().trim());
            return want <= 0 || b.length - end >= Math.min(want, MAX_BYTES - end);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** Parses the response, or empty when the bytes do not start with {@code HTTP/}. */
    public static Optional<HttpAnswer> parse(byte[] b) {
        if (!isHttp(b)) {
            return Optional.empty();
        }
        int len = Math.min(b.length, MAX_BYTES);
        int end = headerEnd(b, len);
        int headLimit = end < 0 ? len : end;
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < headLimit; i++) {
            if (b[i] == '\n') {
                lines.add(text(b, start, i));
                start = i + 1;
            }
        }
        if (start < headLimit) {
            lines.add(text(b, start, headLimit)); // a partial last line
        }
        String statusLine = lines.isEmpty() ? "" : lines.get(0);
        int status = -1;
        String[] parts = statusLine.split(" ", 3);
        if (parts.length >= 2 && parts[1].length() == 3 && parts[1].chars().allMatch(Character::isDigit)) {
            status = Integer.parseInt(parts[1]);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.size() && headers.size() < MAX_HEADERS; i++) {
            String line = lines.get(i);
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.add(new AbstractMap.SimpleImmutableEntry<>(line.substring(0, colon).trim(),
                        line.substring(colon + 1).trim()));
            }
        }
        String title = end < 0 ? "" : title(b, end, len);
        return Optional.of(new HttpAnswer(statusLine, status, headers, title, end >= 0));
    }

    private static String title(byte[] b, int from, int to) {
        String body = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        String lower = body.toLowerCase(Locale.ROOT);
        int open = lower.indexOf("<title");
        if (open < 0) {
            return "";
        }
        int gt = lower.indexOf('>', open);
        if (gt < 0) {
            return "";
        }
        int close = lower.indexOf("</title", gt);
        String t = body.substring(gt + 1, close < 0 ? Math.min(body.length(), gt + 1 + MAX_TITLE) : close);
        t = printable(t).replaceAll("\\s+", " ").trim();
        return t.length() > MAX_TITLE ? t.substring(0, MAX_TITLE) : t;
    }

    private static String text(byte[] b, int from, int to) {
        int end = to;
        if (end > from && b[end - 1] == '\r') {
            end--;
        }
        end = Math.min(end, from + MAX_LINE);
        return printable(new String(b, from, end - from, StandardCharsets.ISO_8859_1));
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c == '\t' || c == '\n' || (c >= 0x20 && c < 0x7f) ? c : '?');
        }
        return sb.toString();
    }
}
