package io.mediapath.sdp.sip;

import java.util.Objects;

/**
 * Something the {@link LogScanner} found but could not turn into a {@link SipMessage}.
 *
 * @param kind   what went wrong
 * @param source the source name given to the scanner
 * @param line   1-based line in the source (the message's start line, or the offending line)
 * @param detail a human-readable explanation
 */
public record ScanProblem(Kind kind, String source, long line, String detail) {

    public ScanProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(detail, "detail");
    }

    /** Kinds of scan problems. */
    public enum Kind {
        /** A message grew past the scanner's per-message limit; it was skipped, not buffered. */
        MESSAGE_TOO_LONG,
        /** A line inside a message was longer than the scanner's line buffer; the message was skipped. */
        LINE_TOO_LONG,
        /** Text that started like a SIP message did not parse; {@link #detail()} has the parser's reason. */
        UNPARSABLE,
        /**
         * The message was rebuilt from Wireshark packet-detail text in which Wireshark printed some fields cut short
         * ({@code [truncated]}); the message is kept, but those values are incomplete.
         */
        TRUNCATED_BY_DISSECTOR,
        /**
         * A new SIP message started inside a body before the body reached its Content-Length (a body cut short when
         * pasted, or a Content-Length that lies): the message was ended there, so what follows is still read.
         */
        BODY_SHORTER_THAN_CONTENT_LENGTH
    }
}
