package io.mediapath.diagnose.report;

import io.mediapath.diagnose.Diagnosis;
import io.mediapath.diagnose.RootCause;
import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.sdp.TerminalText;
import java.util.List;

/** Renders diagnoses as one self-contained HTML page: per input a section with a findings table, then the text report. */
public final class HtmlReport {

    private HtmlReport() {
    }

    /** The page of one diagnosis. */
    public static String render(Diagnosis d) {
        return render(List.of(d));
    }

    /** One page for several inputs: a section per diagnosis (one HTML document, whatever the number of inputs). */
    public static String render(List<Diagnosis> diagnoses) {
        String title = diagnoses.size() == 1 ? diagnoses.get(0).source() : diagnoses.size() + " inputs";
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>mediapath analyze: ")
                .append(esc(title)).append("</title>\n<style>body{font-family:sans-serif}td,th{border:1px solid #ccc;"
                        + "padding:4px;vertical-align:top}table{border-collapse:collapse}.CRITICAL{background:#f8c0c0}"
                        + ".ERROR{background:#fbd9b0}.WARNING{background:#fff3b0}pre{background:#f6f6f6;padding:8px}</style>"
                        + "</head><body>\n");
        for (Diagnosis d : diagnoses) {
            sb.append("<section>\n<h1>mediapath analyze: ").append(esc(d.source())).append("</h1>\n");
            RootCause c = d.rootCause();
            sb.append("<h2>Root cause: <code>").append(esc(c.code().name())).append("</code></h2>\n<p>")
                    .append(esc(c.summary())).append("</p>\n");
            c.product().ifPresent(p -> sb.append("<p>Product: ").append(esc(p)).append("</p>\n"));
            if (!c.remedy().isEmpty()) {
                sb.append("<p><b>Remedy:</b> ").append(esc(c.remedy())).append("</p>\n");
            }
            if (!c.evidence().isEmpty()) {
                sb.append("<ul>\n");
                for (Evidence e : c.evidence()) {
                    sb.append("<li>").append(esc(e.source() + " " + e.location() + ": " + e.excerpt())).append("</li>\n");
                }
                sb.append("</ul>\n");
            }
            sb.append("<h2>Supporting findings (").append(d.findings().size()).append(")</h2>\n<table><tr><th>severity</th>"
                    + "<th>code</th><th>summary</th><th>evidence</th><th>remedy</th></tr>\n");
            for (Finding f : d.findings()) {
                sb.append("<tr class=\"").append(f.severity()).append("\"><td>").append(f.severity()).append("</td><td>")
                        .append(esc(f.code())).append("</td><td>").append(esc(f.summary())).append("</td><td>");
                for (Evidence e : f.evidence()) {
                    sb.append(esc(e.source() + " " + e.location() + ": " + e.excerpt())).append("<br>");
                }
                sb.append("</td><td>").append(esc(f.remedy())).append("</td></tr>\n");
            }
            sb.append("</table>\n<pre>").append(esc(TextReport.render(d))).append("</pre>\n</section>\n");
        }
        sb.append("</body></html>\n");
        return sb.toString();
    }

    private static String esc(String raw) {
        String s = TerminalText.escape(raw); // the page may be read with cat or less too
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '&': sb.append("&amp;"); break;
                case '"': sb.append("&quot;"); break;
                default: sb.append(c);
            }
        }
        return sb.toString();
    }
}
