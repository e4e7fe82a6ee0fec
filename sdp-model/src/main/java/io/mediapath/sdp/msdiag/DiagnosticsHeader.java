package io.mediapath.sdp.msdiag;

import io.mediapath.sdp.sip.SipHeader;
import io.mediapath.sdp.sip.SipMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One diagnostics header found in a SIP message, parsed or with the reason it could not be.
 *
 * @param kind   which header it was
 * @param line   1-based source line of the header
 * @param value  the raw (unfolded) value
 * @param parsed the parsed value, when it parsed
 * @param error  why it did not parse, when it did not
 */
public record DiagnosticsHeader(Kind kind, int line, String value, Optional<MsDiagnostics> parsed,
        Optional<String> error) {

    public DiagnosticsHeader {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(parsed, "parsed");
        Objects.requireNonNull(error, "error");
    }

    /** The three diagnostics headers of Lync/SfB. */
    public enum Kind {
        /** {@code ms-diagnostics}: from a server, in responses. */
        MS_DIAGNOSTICS("ms-diagnostics"),
        /** {@code ms-client-diagnostics}: from a client (BYE, final responses), with the media debug. */
        MS_CLIENT_DIAGNOSTICS("ms-client-diagnostics"),
        /** {@code ms-diagnostics-public}: the part of a server diagnostic meant for other organisations. */
        MS_DIAGNOSTICS_PUBLIC("ms-diagnostics-public");

        private final String headerName;

        Kind(String headerName) {
            this.headerName = headerName;
        }

        /** The header name in lower case. */
        public String headerName() {
            return headerName;
        }

        /** The kind for a header name (case-insensitive). */
        public static Optional<Kind> of(String headerName) {
            String h = headerName.toLowerCase(Locale.ROOT);
            for (Kind k : values()) {
                if (k.headerName.equals(h)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** Every diagnostics header of {@code message}, in order; a value that does not parse is kept with its error. */
    public static List<DiagnosticsHeader> of(SipMessage message) {
        List<DiagnosticsHeader> out = new ArrayList<>();
        for (SipHeader h : message.headers()) {
            Optional<Kind> k = Kind.of(h.name());
            if (k.isEmpty()) {
                continue;
            }
            try {
                out.add(new DiagnosticsHeader(k.get(), h.line(), h.value(), Optional.of(MsDiagnostics.parse(h.value())),
                        Optional.empty()));
            } catch (MsDiagnosticsParseException e) {
                out.add(new DiagnosticsHeader(k.get(), h.line(), h.value(), Optional.empty(),
                        Optional.of(e.getMessage())));
            }
        }
        return out;
    }
}
