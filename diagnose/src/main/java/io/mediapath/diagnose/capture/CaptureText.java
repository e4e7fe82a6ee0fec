package io.mediapath.diagnose.capture;

import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import java.util.Map;

/** The text report of a {@link CaptureDiagnosis}: root cause, then each relay flow with its findings and evidence. */
public final class CaptureText {

    private CaptureText() {
    }

    /** Renders {@code d} for a terminal. */
    public static String render(CaptureDiagnosis d) {
        StringBuilder sb = new StringBuilder();
        sb.append("capture ").append(d.source()).append(" (").append(d.format().name().toLowerCase(java.util.Locale.ROOT))
                .append(", ").append(d.frames()).append(" frames): ").append(d.flows().size()).append(" relay flow(s)\n");
        if (!d.modalities().isEmpty()) {
            sb.append(String.format(java.util.Locale.ROOT, "  %-13s %-9s %-28s %s%n", "MODALITY", "VERDICT", "PATH",
                    "WHY"));
            for (io.mediapath.diagnose.playbook.ModalityVerdict m : d.modalities()) {
                sb.append(String.format(java.util.Locale.ROOT, "  %-13s %-9s %-28s %s%n", m.modality().label(),
                        m.support(), m.path(), m.why()));
            }
        }
        sb.append("root cause: ").append(d.rootCause().code()).append(" — ").append(d.rootCause().summary()).append('\n');
        if (!d.rootCause().remedy().isEmpty()) {
            sb.append("  remedy: ").append(d.rootCause().remedy()).append('\n');
        }
        d.rootCause().product().ifPresent(p -> sb.append("  product: ").append(p).append('\n'));
        for (Finding f : d.findings()) {
            finding(sb, f, "");
        }
        for (RelayFlow r : d.flows()) {
            sb.append('\n').append(r.kind()).append(' ').append(r.describe()).append(" from frame ").append(r.firstFrame())
                    .append(r.namedBy().isEmpty() ? "" : " [relay named by " + r.namedBy() + "]").append(": ")
                    .append(r.verdict()).append(r.ok() ? " (ok)" : "").append('\n');
            for (Finding f : r.findings()) {
                finding(sb, f, "  ");
            }
        }
        for (Map.Entry<String, Long> e : d.moreFlows().entrySet()) {
            sb.append("\n+ ").append(e.getValue()).append(" more ").append(e.getKey()).append(" flow(s)");
        }
        d.signalling().ifPresent(s -> sb.append("\n\nSIP IN THE CAPTURE (read as analyze reads a log)\n")
                .append(io.mediapath.diagnose.report.TextReport.render(s)));
        return sb.append('\n').toString();
    }

    private static void finding(StringBuilder sb, Finding f, String indent) {
        sb.append(indent).append(f.severity()).append(' ').append(f.code()).append(": ").append(f.summary()).append('\n');
        for (Evidence e : f.evidence()) {
            sb.append(indent).append("    ").append(e.location().isEmpty() ? "" : e.location() + ": ").append(e.excerpt())
                    .append('\n');
        }
        if (f.remedy() != null && !f.remedy().isEmpty()) {
            sb.append(indent).append("    remedy: ").append(f.remedy()).append('\n');
        }
    }
}
