package io.mediapath.diagnose.report;

import io.mediapath.diagnose.Diagnosis;
import io.mediapath.diagnose.RootCause;
import io.mediapath.ice.Evidence;
import io.mediapath.ice.Feasibility;
import io.mediapath.ice.Finding;
import io.mediapath.ice.MediaAudit;
import io.mediapath.sdp.TerminalText;
import io.mediapath.sdp.msdiag.IceWarnFlag;
import io.mediapath.ice.probe.TimelineEvent;
import java.util.List;
import java.util.Locale;

/** Renders a {@link Diagnosis} as the readable report {@code mediapath analyze} prints; controls escaped ({@link TerminalText}). */
public final class TextReport {

    private TextReport() {
    }

    /** The report. */
    public static String render(Diagnosis d) {
        StringBuilder sb = new StringBuilder();
        sb.append("mediapath analyze: ").append(d.source()).append(" (").append(kind(d)).append(")\n");
        rootCause(sb, d.rootCause(), d.findings().size());
        int n = 0;
        for (Diagnosis.DialogDiagnosis dd : d.dialogs()) {
            sb.append("\n== ").append(++n).append(". ").append(dd.title()).append('\n');
            if (!dd.callId().isEmpty()) {
                sb.append("   Call-ID ").append(dd.callId()).append('\n');
            }
            sb.append("   caller ").append(lower(dd.locations().caller())).append(", callee ")
                    .append(lower(dd.locations().callee())).append('\n');
            dd.audit().ifPresent(a -> {
                for (MediaAudit m : a.media()) {
                    sb.append("\n-- m=").append(m.mediaType()).append(' ').append(m.protocol()).append('\n');
                    sb.append("   offer candidates:\n").append(indent(m.offerMatrix().render(), "     "));
                    m.answerMatrix().ifPresent(x -> sb.append("   answer candidates:\n").append(indent(x.render(), "     ")));
                    if (m.answerMatrix().isPresent()) {
                        long ok = m.pairs().stream().filter(Feasibility.PairVerdict::feasible).count();
                        sb.append("   pairs (component 1): ").append(m.pairs().size()).append(" formed, ").append(ok)
                                .append(" could succeed\n");
                    }
                }
            });
            for (Diagnosis.IceWarnDecode w : dd.iceWarns()) {
                sb.append("\n-- ICEWarn ").append(w.mediaType()).append(" (").append(w.side()).append(") = ").append(w.hex())
                        .append("   [").append(w.evidence().location()).append("]\n");
                if (w.flags().isEmpty()) {
                    sb.append("   no warning bits set\n");
                }
                for (IceWarnFlag f : w.flags()) {
                    sb.append(String.format("   %-10s %-34s %s%n", f.hex(), f.name(), f.meaning()));
                }
            }
        }
        sb.append("\n== Supporting findings (").append(d.findings().size()).append(")\n");
        for (Finding f : d.findings()) {
            sb.append(String.format("%n%-8s %s%n", f.severity(), f.code()));
            sb.append("   ").append(f.summary()).append('\n');
            for (Evidence e : f.evidence()) {
                sb.append("   > ").append(e.source()).append(e.location().isEmpty() ? "" : " " + e.location()).append(": ")
                        .append(e.excerpt()).append('\n');
            }
            if (!f.remedy().isEmpty()) {
                sb.append("   remedy: ").append(f.remedy()).append('\n');
            }
        }
        sb.append("\nverdict: ").append(d.exitCode() == 0 ? "nothing wrong found" : "problems found, worst " + d.worstSeverity()
                + "; root cause " + d.rootCause().code()).append('\n');
        // Call-IDs, titles, excerpts and s= lines come from the input: no terminal control reaches the reader.
        return TerminalText.escape(sb.toString());
    }

    /**
     * A root cause block: code, summary, remedy, product, evidence. {@code analyze} leads with it; the edge playbook's
     * report prints the same block.
     */
    public static String rootCause(RootCause c) {
        StringBuilder sb = new StringBuilder();
        rootCause(sb, c, -1);
        return TerminalText.escape(sb.toString()); // product names and evidence come from the network or a log
    }

    private static void rootCause(StringBuilder sb, RootCause c, int findings) {
        sb.append("\n== Root cause: ").append(c.code()).append('\n');
        sb.append(wrap(c.summary(), "   ")).append('\n');
        c.product().ifPresent(p -> sb.append("   product: ").append(p).append('\n'));
        if (!c.remedy().isEmpty()) {
            sb.append(wrap("remedy: " + c.remedy(), "   ")).append('\n');
        }
        for (Evidence e : c.evidence()) {
            sb.append("   > ").append(e.source()).append(e.location().isEmpty() ? "" : " " + e.location()).append(": ")
                    .append(e.excerpt()).append('\n');
        }
        if (findings > 0) {
            sb.append("   supporting evidence: the ").append(findings).append(" finding(s) below\n");
        }
    }

    /** Wraps prose at 116 columns with the given indent (evidence lines are never wrapped: they are quotes). */
    private static String wrap(String text, String indent) {
        StringBuilder sb = new StringBuilder(indent);
        int col = indent.length();
        for (String word : text.split(" ")) {
            if (col > indent.length() && col + 1 + word.length() > 116) {
                sb.append('\n').append(indent);
                col = indent.length();
            } else if (col > indent.length()) {
                sb.append(' ');
                col++;
            }
            sb.append(word);
            col += word.length();
        }
        return sb.toString();
    }

    /**
     * A probe timeline, one line per event: offset since the probe started, kind, detail. Every command that runs a
     * probe prints its timeline this way.
     */
    public static String timeline(List<TimelineEvent> events, String indent) {
        StringBuilder sb = new StringBuilder();
        for (TimelineEvent e : events) {
            sb.append(indent).append(String.format(Locale.ROOT, "%+9.2f ms  %-18s %s", e.offsetNanos() / 1e6, e.kind(),
                    e.detail())).append('\n');
        }
        return TerminalText.escape(sb.toString());
    }

    private static String kind(Diagnosis d) {
        switch (d.kind()) {
            case SDP: return "bare SDP";
            case SIP: return "one SIP message";
            case LOG: return d.messages() + " SIP messages, " + d.dialogs().size() + " dialog(s) with media";
            default: return "diagnostics headers";
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String indent(String block, String prefix) {
        StringBuilder sb = new StringBuilder();
        for (String line : block.split("\n")) {
            sb.append(prefix).append(line).append('\n');
        }
        return sb.toString();
    }
}
