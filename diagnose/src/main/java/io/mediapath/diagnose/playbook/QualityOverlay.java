package io.mediapath.diagnose.playbook;

import io.mediapath.ice.Finding;
import io.mediapath.turn.quality.QualityResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Folds a quality run through the relay's UDP path ({@link QualityResult}) into an edge report: when the figures fail
 * the thresholds, every modality that {@link Support#WORKS} over the UDP relay becomes {@link Support#DEGRADED} with
 * {@code quality:} and the failing figures as its reason (audio WORKS but will sound bad); the run's findings join the
 * report's. A run that passed changes no verdict. Pure: no network, no clock.
 */
public final class QualityOverlay {
    private QualityOverlay() {
    }

    /** The report with the quality run folded in. */
    public static EdgeReport apply(EdgeReport report, QualityResult quality) {
        List<ModalityVerdict> mods = new ArrayList<>();
        for (ModalityVerdict m : report.modalities()) {
            boolean overUdp = m.modality().usesUdp() && m.path().toUpperCase(java.util.Locale.ROOT).contains("UDP");
            if (!quality.passed() && m.support() == Support.WORKS && overUdp) {
                mods.add(new ModalityVerdict(m.modality(), Support.DEGRADED, m.path(),
                        "quality: " + String.join(", ", quality.failures())));
            } else {
                mods.add(m);
            }
        }
        List<Finding> findings = new ArrayList<>(report.findings());
        findings.addAll(quality.findings());
        findings.sort(Comparator.comparing(Finding::severity).reversed());
        return new EdgeReport(report.target(), report.legs(), mods, report.rootCause(), findings, report.timeline(),
                report.elapsed());
    }
}
