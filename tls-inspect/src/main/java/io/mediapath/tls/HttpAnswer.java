package io.mediapath.tls;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A plaintext HTTP response received where a TLS answer was expected (or in answer to a CONNECT).
 *
 * @param statusLine the first line, as received (printable ASCII only)
 * @param status     the status code, or -1 when the status line did not carry one
 * @param headers    header fields in arrival order (name as received, value trimmed)
 * @param title      the HTML {@code <title>} text with whitespace collapsed, or empty
 * @param complete   true when the header block ended (blank line) within what was read
 */
public record HttpAnswer(String statusLine, int status, List<Map.Entry<String, String>> headers, String title,
        boolean complete) {

    public HttpAnswer {
        Objects.requireNonNull(statusLine, "statusLine");
        headers = List.copyOf(headers);
        Objects.requireNonNull(title, "title");
    }

    /** The first value of a header, matched case-insensitively. */
    public Optional<String> header(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return headers.stream().filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(n)).map(Map.Entry::getValue)
                .findFirst();
    }

    /** One line for reports: status line plus the headers that usually name the product. */
    public String describe() {
        StringBuilder sb = new StringBuilder(statusLine);
        for (String h : List.of("Proxy-Authenticate", "Location", "Server", "Via", "X-Squid-Error")) {
            header(h).ifPresent(v -> sb.append("; ").append(h).append(": ").append(v));
        }
        if (!title.isEmpty()) {
            sb.append("; title: ").append(title);
        }
        return sb.toString();
    }
}
