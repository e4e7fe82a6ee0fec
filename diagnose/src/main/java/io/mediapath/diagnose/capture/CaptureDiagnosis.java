package io.mediapath.diagnose.capture;

import io.mediapath.capture.CaptureFormat;
import io.mediapath.diagnose.RootCause;
import io.mediapath.ice.Finding;
import io.mediapath.ice.Severity;
import java.util.List;
import java.util.Map;
import io.mediapath.diagnose.playbook.ModalityVerdict;
import java.util.Objects;

/**
 * What one capture says about the media relays: every relay flow judged, capture-level findings (a file cut short,
 * no relay traffic), and one root cause in the vocabulary {@code analyze} and {@code edge} use.
 *
 * @param source       the file name
 * @param format       pcap or pcapng
 * @param frames       frames read
 * @param flows        the relay flows judged in detail, named relays first, then by first frame
 * @param moreFlows    relay flows judged beyond those kept in detail, counted per verdict
 * @param findings     capture-level findings
 * @param rootCause    the one cause the flows point to, by the edge playbook's combiner
 * @param modalities   audio / video / app sharing / file transfer as the capture shows them (the edge playbook's
 *                     table; a modality whose relay traffic is not in the capture is {@code UNKNOWN})
 * @param signalling   the unencrypted SIP in the capture read by the log reader ({@code analyze}'s
 *                     {@link io.mediapath.diagnose.Analyzer}: SDP candidates, ms-diagnostics, ICEWarn), if any
 */
public record CaptureDiagnosis(String source, CaptureFormat format, long frames, List<RelayFlow> flows,
        Map<String, Long> moreFlows, List<Finding> findings, RootCause rootCause, List<ModalityVerdict> modalities,
        java.util.Optional<io.mediapath.diagnose.Diagnosis> signalling) {

    public CaptureDiagnosis {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        flows = List.copyOf(flows);
        moreFlows = Map.copyOf(moreFlows);
        findings = List.copyOf(findings);
        Objects.requireNonNull(rootCause, "rootCause");
        modalities = List.copyOf(modalities);
        Objects.requireNonNull(signalling, "signalling");
    }

    /** A diagnosis without SIP in the capture. */
    public CaptureDiagnosis(String source, CaptureFormat format, long frames, List<RelayFlow> flows,
            Map<String, Long> moreFlows, List<Finding> findings, RootCause rootCause, List<ModalityVerdict> modalities) {
        this(source, format, frames, flows, moreFlows, findings, rootCause, modalities, java.util.Optional.empty());
    }

    /** A diagnosis without a modality table. */
    public CaptureDiagnosis(String source, CaptureFormat format, long frames, List<RelayFlow> flows,
            Map<String, Long> moreFlows, List<Finding> findings, RootCause rootCause) {
        this(source, format, frames, flows, moreFlows, findings, rootCause, List.of(), java.util.Optional.empty());
    }

    /** The worst severity of any finding, flow or capture level; INFO when there is none. */
    public Severity worstSeverity() {
        Severity w = Severity.INFO;
        for (Finding f : findings) {
            w = f.severity().compareTo(w) > 0 ? f.severity() : w;
        }
        for (RelayFlow r : flows) {
            for (Finding f : r.findings()) {
                w = f.severity().compareTo(w) > 0 ? f.severity() : w;
            }
        }
        if (signalling.isPresent() && signalling.get().worstSeverity().compareTo(w) > 0) {
            w = signalling.get().worstSeverity();
        }
        return w;
    }

    /** 0 when nothing is wrong, 1 when a finding of warning or worse was made (the CLI's exit code). */
    public int exitCode() {
        return worstSeverity().compareTo(Severity.WARNING) >= 0 ? 1 : 0;
    }
}
