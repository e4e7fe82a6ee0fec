package io.mediapath.diagnose;

import io.mediapath.ice.FindingCode;
import io.mediapath.ice.Severity;
import java.util.List;

/**
 * diagnose's finding catalogue: the codes {@link Analyzer} reports about its input itself (the audits' own codes
 * come from ice-core's, turn-client's and tls-inspect's catalogues). {@code docs/findings.md} lists exactly these.
 */
public final class DiagnoseFindingCodes {
    private DiagnoseFindingCodes() {
    }

    /** A body or diagnostics header that does not parse. */
    public static final FindingCode MALFORMED_BODY = FindingCode.of("MALFORMED_BODY", Severity.WARNING,
            "An SDP body or multipart body does not parse; the rest is still analyzed",
            "Only what parses can be audited; check that the log was not cut inside the body.");

    /** A diagnostics header whose value does not parse. */
    public static final FindingCode MS_DIAG_UNPARSABLE = FindingCode.of("MS_DIAG_UNPARSABLE", Severity.INFO,
            "A diagnostics header value does not parse", "");

    /** A part of the input the log scanner skipped (too long, not a SIP message), or rebuilt from truncated fields. */
    public static final FindingCode LOG_SCAN_PROBLEM = FindingCode.of("LOG_SCAN_PROBLEM", Severity.INFO,
            "The log scanner skipped part of the input, or rebuilt a message from Wireshark packet-detail text whose "
                    + "fields were printed [truncated]", "");

    /** An MRAS answer in the log that {@link RelayExtractor} could not read (cut, too large, not XML, bad host). */
    public static final FindingCode MRAS_UNREADABLE = FindingCode.of("MRAS_UNREADABLE", Severity.INFO,
            "An MRAS answer in the log could not be read; the relays it names are not probed",
            "Give the relays with `mediapath edge HOST`.");

    /**
     * A streamed log had more dialogs with findings than a report lists; the rest are counted per code. Reported
     * with the worst severity seen for the code and the first example's remedy.
     */
    public static final FindingCode MORE_DIALOGS = FindingCode.of("MORE_DIALOGS", Severity.INFO,
            "More dialogs with findings than a streamed report lists; the further ones are counted per code",
            "Split the log or filter it by Call-ID for details.");

    private static final List<FindingCode> ALL = List.of(MALFORMED_BODY, MS_DIAG_UNPARSABLE, LOG_SCAN_PROBLEM,
            MRAS_UNREADABLE, MORE_DIALOGS);

    /** Every entry, in the order of {@code docs/findings.md}. */
    public static List<FindingCode> all() {
        return ALL;
    }
}
