package io.mediapath.ice;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The outcome of an audit: the findings, worst first, and (for candidate audits) what was seen per media section.
 * Other modules may produce one with no media sections.
 *
 * @param subject  what was audited, e.g. {@code "INVITE sip:bob@example.com (client.log)"}
 * @param media    per media section; empty when the audit was not about SDP
 * @param findings every finding (those of the media sections and the session-wide ones), worst first
 */
public record AuditReport(String subject, List<MediaAudit> media, List<Finding> findings) {

    /** Orders findings worst first, then by code, so output is stable. */
    public static final Comparator<Finding> WORST_FIRST =
            Comparator.comparing(Finding::severity).reversed().thenComparing(Finding::code);

    public AuditReport {
        Objects.requireNonNull(subject, "subject");
        media = List.copyOf(media);
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(WORST_FIRST);
        findings = List.copyOf(sorted);
    }

    /** The worst severity, or {@link Severity#INFO} when there are no findings. */
    public Severity worstSeverity() {
        return findings.stream().map(Finding::severity).max(Enum::compareTo).orElse(Severity.INFO);
    }

    /** True when some finding is at least {@code severity}. */
    public boolean hasAtLeast(Severity severity) {
        return findings.stream().anyMatch(f -> f.severity().atLeast(severity));
    }

    /** The distinct finding codes, sorted. */
    public Set<String> codes() {
        Set<String> out = new TreeSet<>();
        findings.forEach(f -> out.add(f.code()));
        return out;
    }
}
