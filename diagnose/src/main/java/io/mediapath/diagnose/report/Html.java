package io.mediapath.diagnose.report;

import io.mediapath.diagnose.RootCause;
import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.sdp.TerminalText;
import java.util.List;
import java.util.Locale;

/**
 * The page frame every HTML report shares: one self-contained document (inline CSS, inline SVG, no script, no
 * external resource, a Content-Security-Policy that forbids both), light and dark colour schemes, printable; and the
 * one escaping function everything from the network or the input goes through.
 */
final class Html {

    /**
     * No script, no fetch of any kind: a report is read offline and forwarded by mail, and whatever an attacker put in
     * a certificate subject, a page title or a SIP header stays inert even if some text escaped the escaping.
     */
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
            + "form-action 'none'";

    /** At most this many findings are listed per section; the rest are counted (the JSON report has them all). */
    static final int MAX_FINDINGS = 200;

    private static final String CSS = """
            :root{color-scheme:light dark;--fg:#1b1f23;--bg:#fff;--muted:#5a6270;--line:#d0d7de;--card:#f6f8fa;\
            --ok:#1a7f37;--okbg:#dafbe1;--warn:#9a6700;--warnbg:#fff8c5;--bad:#cf222e;--badbg:#ffebe9;--mark:#cf222e}
            @media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9da7b3;--line:#30363d;\
            --card:#161b22;--ok:#3fb950;--okbg:#12261e;--warn:#d29922;--warnbg:#272115;--bad:#f85149;--badbg:#2d1214;\
            --mark:#ff7b72}}
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);\
            margin:0 auto;max-width:1100px;padding:16px 24px}
            h1{font-size:20px;margin:8px 0}h2{font-size:17px;margin:22px 0 8px;border-bottom:1px solid var(--line)}\
            h3{font-size:15px;margin:16px 0 6px}
            code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;\
            overflow-wrap:anywhere}
            pre{background:var(--card);padding:8px;overflow-x:auto;white-space:pre-wrap;word-break:break-word}
            table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid var(--line);padding:4px 8px;\
            vertical-align:top;text-align:left}th{background:var(--card)}
            .cause{border-left:6px solid var(--bad);background:var(--badbg);padding:8px 12px}\
            .cause.NONE{border-color:var(--ok);background:var(--okbg)}
            .WORKS,.works,.INFO{background:var(--okbg)}.DEGRADED,.degraded,.WARNING{background:var(--warnbg)}\
            .FAILS,.fails,.ERROR,.CRITICAL{background:var(--badbg)}.UNKNOWN{background:var(--card)}
            .muted{color:var(--muted)}.mark{color:var(--mark);font-weight:600}
            .leg{break-inside:avoid;margin:10px 0 18px}
            svg.ladder{width:100%;height:auto;max-width:1000px;color:var(--fg);display:block}
            svg.ladder text{fill:currentColor;font:12px ui-monospace,Menlo,Consolas,monospace}
            svg.ladder .col{font-weight:700;font-family:system-ui,sans-serif}
            svg.ladder .life{stroke:var(--line);stroke-width:2}svg.ladder .arrow{stroke:currentColor;stroke-width:1.5}
            svg.ladder .lost{stroke-dasharray:5 4}svg.ladder path.arrow{fill:none}svg.ladder .head{fill:currentColor}
            svg.ladder line.bad,svg.ladder path.bad{stroke:var(--mark)}svg.ladder path.head.bad{fill:var(--mark);stroke:none}
            svg.ladder text.bad{fill:var(--mark);font-weight:600}
            svg.ladder .deadline{stroke:var(--mark);stroke-dasharray:8 4}svg.ladder text.time{fill:var(--muted)}
            .cards{display:flex;flex-wrap:wrap;gap:10px}.cert{border:1px solid var(--line);border-radius:6px;\
            background:var(--card);padding:8px 12px;flex:1 1 320px;break-inside:avoid}.cert.forged{border:2px solid var(--bad)}
            .cert dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:4px 0}.cert dt{color:var(--muted)}\
            .cert dd{margin:0;word-break:break-all}
            svg.figures{width:100%;max-width:600px;height:auto;color:var(--fg);display:block;margin:6px 0}\
            svg.figures text{fill:currentColor;font:12px ui-monospace,Menlo,Consolas,monospace}\
            svg.figures .bar.ok{fill:var(--ok)}svg.figures .bar.bad{fill:var(--bad)}\
            svg.figures .limit{stroke:currentColor;stroke-width:2;stroke-dasharray:4 3}svg.figures .p95{stroke:var(--fg);stroke-width:2}
            @media print{body{max-width:none;padding:0}a{color:inherit}.leg,.cert,table{break-inside:avoid}}
            """;

    private Html() {
    }

    /** Opens the document: doctype, charset, CSP, title, style; the caller appends the body and {@link #end}. */
    static StringBuilder begin(String title) {
        return new StringBuilder(16 * 1024).append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"generator\" content=\"mediapath\"><title>").append(esc(title))
                .append("</title>\n<style>\n").append(CSS).append("</style>\n</head><body>\n");
    }

    /** Closes the document. */
    static String end(StringBuilder sb) {
        return sb.append("</body></html>\n").toString();
    }

    /**
     * Text for HTML: controls made visible ({@link TerminalText}: the page may be read with {@code cat} too), then
     * the five characters that mean markup replaced by references. Safe in element content and in quoted attributes.
     */
    static String esc(String raw) {
        if (raw == null) {
            return "";
        }
        String s = TerminalText.escape(raw);
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (rep != null && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                sb.append(rep != null ? rep : String.valueOf(c));
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** A token usable as a class name or id: letters, digits, dash; anything else becomes a dash. */
    static String token(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length() && i < 64; i++) {
            char c = raw.charAt(i);
            sb.append(c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_') ? c : '-');
        }
        return sb.toString();
    }

    /** {@code text} cut to {@code max} characters with an ellipsis (before escaping). */
    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)) + "…";
    }

    /** The root cause box: code, product, one paragraph, the remedy, the evidence lines. */
    static void rootCause(StringBuilder sb, RootCause c) {
        sb.append("<div class=\"cause ").append(token(c.code().name())).append("\" id=\"root-cause\">\n")
                .append("<h2>Root cause: <code>").append(esc(c.code().name())).append("</code></h2>\n");
        c.product().ifPresent(p -> sb.append("<p>Product: <b>").append(esc(p)).append("</b></p>\n"));
        sb.append("<p>").append(esc(c.summary())).append("</p>\n");
        if (!c.remedy().isEmpty()) {
            sb.append("<p><b>Remedy:</b> ").append(esc(c.remedy())).append("</p>\n");
        }
        if (!c.evidence().isEmpty()) {
            sb.append("<ul>\n");
            for (Evidence e : c.evidence()) {
                sb.append("<li>").append(evidence(e)).append("</li>\n");
            }
            sb.append("</ul>\n");
        }
        sb.append("</div>\n");
    }

    static String evidence(Evidence e) {
        return "<span class=\"muted\">" + esc(e.source() + " " + e.location()) + ":</span> <code>" + esc(e.excerpt())
                + "</code>";
    }

    /** The findings table: severity, code, summary, evidence lines, remedy; bounded at {@link #MAX_FINDINGS}. */
    static void findings(StringBuilder sb, String heading, List<Finding> findings) {
        sb.append("<h2>").append(esc(heading)).append(" (").append(findings.size()).append(")</h2>\n");
        if (findings.isEmpty()) {
            sb.append("<p class=\"muted\">none</p>\n");
            return;
        }
        sb.append("<table class=\"findings\"><tr><th>severity</th><th>code</th><th>summary</th><th>evidence</th>"
                + "<th>remedy</th></tr>\n");
        int n = 0;
        for (Finding f : findings) {
            if (n++ == MAX_FINDINGS) {
                break;
            }
            sb.append("<tr class=\"").append(f.severity()).append("\"><td>").append(f.severity()).append("</td><td><code>")
                    .append(esc(f.code())).append("</code></td><td>").append(esc(f.summary())).append("</td><td>");
            for (Evidence e : f.evidence()) {
                sb.append(evidence(e)).append("<br>");
            }
            sb.append("</td><td>").append(esc(f.remedy())).append("</td></tr>\n");
        }
        sb.append("</table>\n");
        if (findings.size() > MAX_FINDINGS) {
            sb.append("<p class=\"muted\">").append(findings.size() - MAX_FINDINGS)
                    .append(" more findings not listed here (the JSON report has every one).</p>\n");
        }
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
