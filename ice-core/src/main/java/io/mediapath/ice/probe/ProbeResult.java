package io.mediapath.ice.probe;

import io.mediapath.ice.Finding;
import io.mediapath.ice.Severity;
import io.mediapath.ice.TransportAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a probe concluded about one target.
 *
 * @param probe    the probe's name, e.g. {@code turn}, {@code pseudo-tls}, {@code tls}
 * @param target   where it looked
 * @param verdict  the probe's one-word conclusion, e.g. {@code GENUINE_PSEUDO_TLS}, {@code ALLOCATED}, {@code INTERCEPTED}
 * @param passed   true when the verdict means the path works as it should
 * @param findings what it found, worst first
 * @param timeline what happened, in order
 * @param elapsed  how long the whole probe took
 */
public record ProbeResult(String probe, TransportAddress target, String verdict, boolean passed,
        List<Finding> findings, List<TimelineEvent> timeline, Duration elapsed) {

    public ProbeResult {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(verdict, "verdict");
        findings = List.copyOf(findings);
        timeline = List.copyOf(timeline);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** The worst severity among the findings, or {@link Severity#INFO} when there are none. */
    public Severity worstSeverity() {
        return findings.stream().map(Finding::severity).max(Enum::compareTo).orElse(Severity.INFO);
    }
}
