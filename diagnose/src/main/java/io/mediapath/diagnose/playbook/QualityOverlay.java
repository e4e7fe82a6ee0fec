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

    /**
     * What a quality run alone says per modality: audio and video over the relay path it measured work, or are
     * {@link Support#DEGRADED} with {@code quality:} and the failing figures (the rule {@link #apply} folds into an
     * edge report); nothing back is unknown (the echo peer or the relay's path to it); app sharing and file transfer
     * are not judged by a real-time run.
     */
    public static List<ModalityVerdict> modalities(QualityResult quality) {
        String path = quality.path().toLowerCase(java.util.Locale.ROOT).startsWith("tcp") ? "TCP relay" : "UDP relay";
        List<ModalityVerdict> mods = new ArrayList<>();
        for (Modality m : Modality.values()) {
            if (!m.usesUdp()) {
                mods.add(new ModalityVerdict(m, Support.UNKNOWN, "none", "a real-time quality run does not judge it"));
            } else if (!quality.echoed()) {
                mods.add(new ModalityVerdict(m, Support.UNKNOWN, path, "nothing came back from the echo peer"));
            } else if (quality.passed()) {
                mods.add(new ModalityVerdict(m, Support.WORKS, path, quality.figures().describe()));
            } else {
                mods.add(new ModalityVerdict(m, Support.DEGRADED, path, "quality: " + String.join(", ",
                        quality.failures())));
            }
        }
        return mods;
    }
}
