package io.mediapath.diagnose;

import io.mediapath.ice.AuditReport;
import io.mediapath.ice.DiagnosticsAudit;
import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.Severity;
import io.mediapath.sdp.msdiag.IceWarnFlag;
import io.mediapath.sdp.msdiag.MediaDebug;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Analyzer} concluded about one input: per dialog, the candidate audit and the decoded diagnostics,
 * and every finding, worst first.
 *
 * @param source   the input's name (file name, {@code -}, {@code sample:<name>})
 * @param kind     what the input was
 * @param messages how many SIP messages were found (0 for a bare SDP)
 * @param dialogs  one entry per dialog (Call-ID) that had something to analyze, in input order
 * @param findings every finding of every dialog plus input-level ones, worst first
 */
public record Diagnosis(String source, InputKind kind, int messages, List<DialogDiagnosis> dialogs, List<Finding> findings) {

    public Diagnosis {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        dialogs = List.copyOf(dialogs);
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(AuditReport.WORST_FIRST);
        findings = List.copyOf(sorted);
    }

    /** What an input turned out to be. */
    public enum InputKind {
        /** A bare session description. */
        SDP,
        /** One SIP message. */
        SIP,
        /** Text with several SIP messages inside (client/server log, trace, paste). */
        LOG,
        /** Text with diagnostics headers but no SIP message. */
        DIAGNOSTICS
    }

    /** The worst severity, or INFO when nothing was found. */
    public Severity worstSeverity() {
        return findings.stream().map(Finding::severity).max(Enum::compareTo).orElse(Severity.INFO);
    }

    /**
     * The one cause this diagnosis leads with, in the edge playbook's vocabulary; every finding is its supporting
     * evidence. Offline it is a suspicion: its remedy says how to confirm it live ({@code mediapath edge}).
     */
    public RootCause rootCause() {
        return OfflineRootCause.of(this);
    }

    /** The command-line exit code: 1 when some finding is WARNING or worse, 0 otherwise. */
    public int exitCode() {
        return findings.stream().anyMatch(f -> f.severity().atLeast(Severity.WARNING)) ? 1 : 0;
    }

    /**
     * One dialog (or the single SDP of a bare input).
     *
     * @param callId    the Call-ID; empty for a bare SDP or headers without a message
     * @param title     a one-line description, e.g. {@code INVITE sip:alice@example.com → 200 OK}
     * @param locations where caller and callee sit, as far as the messages say
     * @param audit     the candidate audit, when there was an SDP
     * @param iceWarns  every decoded ICEWarn value
     * @param findings  this dialog's findings, worst first
     */
    public record DialogDiagnosis(String callId, String title, DiagnosticsAudit.Locations locations,
            Optional<AuditReport> audit, List<IceWarnDecode> iceWarns, List<Finding> findings) {
        public DialogDiagnosis {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(locations, "locations");
            Objects.requireNonNull(audit, "audit");
            iceWarns = List.copyOf(iceWarns);
            List<Finding> sorted = new ArrayList<>(findings);
            sorted.sort(AuditReport.WORST_FIRST);
            findings = List.copyOf(sorted);
        }
    }

    /**
     * One ICEWarn value with its bits.
     *
     * @param side      {@code caller}, {@code callee} or {@code unknown}
     * @param mediaType the media it is about ({@code audio}, {@code application-sharing}, …)
     * @param value     the value
     * @param flags     one per set bit
     * @param evidence  the header line
     * @param debug     the whole media debug section the value came from (LocalMR, MrDnsU, locations, …)
     */
    public record IceWarnDecode(String side, String mediaType, long value, List<IceWarnFlag> flags, Evidence evidence,
            MediaDebug debug) {
        public IceWarnDecode {
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(mediaType, "mediaType");
            flags = List.copyOf(flags);
            Objects.requireNonNull(evidence, "evidence");
            Objects.requireNonNull(debug, "debug");
        }

        /** True when the bit of this flag name (e.g. {@code PSEUDO_TLS_FAILURE}) is set. */
        public boolean has(String flagName) {
            return flags.stream().anyMatch(f -> f.name().equals(flagName));
        }

        /** {@code 0x…}. */
        public String hex() {
            return "0x" + Long.toHexString(value);
        }
    }
}
