package io.mediapath.turn.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A proxy's answer to {@code CONNECT}: the status line and headers up to the empty line (RFC 9110 §9.3.6, RFC 9112
 * §4). Parsing is bounded ({@link #MAX_HEAD} bytes, {@link #MAX_HEADERS} headers) and never throws anything but
 * {@link Malformed}.
 *
 * @param status      the status code (100..999)
 * @param reason      the reason phrase (may be empty), printable ASCII only
 * @param headers     the header fields, in order, names as sent
 * @param headLength  the bytes the head took, empty line included (what follows belongs to the tunnel)
 */
public record ConnectResponse(int status, String reason, List<Header> headers, int headLength) {

    /** The largest head accepted; a proxy's 407 page header is far smaller. */
    public static final int MAX_HEAD = 16 * 1024;
    /** The most header fields accepted. */
    public static final int MAX_HEADERS = 100;

    /** One header field. */
    public record Header(String name, String value) {
    }

    /** The answer is not an HTTP/1.x response head. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    public ConnectResponse {
        headers = List.copyOf(headers);
    }

    /** True for 2xx: the tunnel is open. */
    public boolean established() {
        return status >= 200 && status < 300;
    }

    /** The first value of a header (case-insensitive name). */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }

    /**
     * Parses the head from {@code buf[0..len)}.
     *
     * @return the response, or empty when the empty line has not arrived yet (and {@code len < MAX_HEAD})
     * @throws Malformed when the bytes are not an HTTP/1.x response head, or the head exceeds the bounds
     */
    public static Optional<ConnectResponse> parse(byte[] buf, int len) throws Malformed {
        if (len < 0 || len > buf.length) {
            throw new IllegalArgumentException("len: " + len + " (expected: 0 ~ " + buf.length + ")");
        }
        // An early look at the first bytes: anything but "HTTP/" is not a proxy's answer (a TLS alert, a relay).
        String prefix = "HTTP/";
        for (int i = 0; i < Math.min(len, prefix.length()); i++) {
            if (buf[i] != prefix.charAt(i)) {
                throw new Malformed("not an HTTP answer (first bytes " + printable(buf, Math.min(len, 16)) + ")");
            }
        }
        int end = -1;
        for (int i = 0; i + 1 < len && i < MAX_HEAD; i++) {
            if (buf[i] == '\n' && (buf[i + 1] == '\n' || (buf[i + 1] == '\r' && i + 2 < len && buf[i + 2] == '\n'))) {
                end = buf[i + 1] == '\n' ? i + 2 : i + 3;
                break;
            }
        }
        if (end < 0) {
            if (len >= MAX_HEAD) {
                throw new Malformed("response head longer than " + MAX_HEAD + " bytes");
            }
            return Optional.empty();
        }
        String head = new String(buf, 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r?\n", -1);
        String statusLine = lines[0];
        // HTTP/1.x SP 3DIGIT SP reason
        if (!statusLine.matches("HTTP/1\\.[0-9] [0-9]{3}( .*)?")) {
            throw new Malformed("bad status line: " + printable(statusLine));
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        if (status < 100) {
            throw new Malformed("bad status code: " + status);
        }
        String reason = statusLine.length() > 13 ? printable(statusLine.substring(13)) : "";
        List<Header> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            if (l.isEmpty()) {
                continue;
            }
            int colon = l.indexOf(':');
            if (colon <= 0) {
                throw new Malformed("bad header line: " + printable(l));
            }
            if (headers.size() >= MAX_HEADERS) {
                throw new Malformed("more than " + MAX_HEADERS + " header fields");
            }
            String name = l.substring(0, colon).strip();
            if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
                throw new Malformed("bad header name: " + printable(name));
            }
            headers.add(new Header(name, printable(l.substring(colon + 1).strip())));
        }
        return Optional.of(new ConnectResponse(status, reason, headers, end));
    }

    private static String printable(byte[] b, int n) {
        return printable(new String(b, 0, n, StandardCharsets.ISO_8859_1));
    }

    /** Printable ASCII only, at most 200 characters: what a proxy sends may be shown in findings. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), 200));
        for (int i = 0; i < s.length() && out.length() < 200; i++) {
            char c = s.charAt(i);
            out.append(c >= ' ' && c < 127 ? c : '.');
        }
        return out.toString();
    }
}
