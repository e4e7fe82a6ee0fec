package io.mediapath.diagnose.playbook;

import io.mediapath.diagnose.RootCause;
import io.mediapath.ice.Finding;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The result of one edge run: per modality what works, the one root cause, the legs it rests on, contributing
 * findings and the run's timeline. Immutable; never holds a password.
 *
 * @param target     what was diagnosed
 * @param legs       every leg, in a fixed order (custom legs last)
 * @param modalities audio, video, appsharing, filetransfer
 * @param rootCause  the conclusion
 * @param findings   contributing findings of every leg and of the combiner, worst first
 * @param timeline   every leg's events on the run's clock, in time order
 * @param elapsed    how long the run took
 */
public record EdgeReport(EdgeTarget target, List<LegResult> legs, List<ModalityVerdict> modalities,
        RootCause rootCause, List<Finding> findings, List<PlaybookEvent> timeline, Duration elapsed) {

    public EdgeReport {
        Objects.requireNonNull(target, "target");
        legs = List.copyOf(legs);
        modalities = List.copyOf(modalities);
        Objects.requireNonNull(rootCause, "rootCause");
        findings = List.copyOf(findings);
        timeline = List.copyOf(timeline);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** True when every modality {@link Support#WORKS}. */
    public boolean allWork() {
        return modalities.stream().allMatch(m -> m.support() == Support.WORKS);
    }

    /** The verdict of one modality. */
    public ModalityVerdict modality(Modality m) {
        return modalities.stream().filter(v -> v.modality() == m).findFirst().orElseThrow();
    }

    /** The first leg of this kind, if it is part of the run. */
    public java.util.Optional<LegResult> leg(LegKind kind) {
        return legs.stream().filter(l -> l.kind() == kind).findFirst();
    }
}
