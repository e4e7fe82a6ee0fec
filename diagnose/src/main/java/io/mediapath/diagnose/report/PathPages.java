package io.mediapath.diagnose.report;

import io.mediapath.diagnose.playbook.Modality;
import io.mediapath.diagnose.playbook.ModalityVerdict;
import io.mediapath.diagnose.playbook.QualityOverlay;
import io.mediapath.diagnose.playbook.Support;
import io.mediapath.ice.Finding;
import io.mediapath.ice.Severity;
import io.mediapath.turn.nat.IceOutlook;
import io.mediapath.turn.nat.NatReport;
import io.mediapath.turn.nat.NatTransaction;
import io.mediapath.turn.quality.QualityFigures;
import io.mediapath.turn.quality.QualityResult;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTML pages of what the path does once reached, in the frame every page shares: {@code nat} (RFC 5780 NAT
 * behaviour, the transactions that prove each result as a ladder and a table, the ICE outlook) and {@code quality}
 * (the figures against the thresholds, as a table and a small inline SVG). The same {@link NatReport} and
 * {@link QualityResult} the text and JSON reports ({@link PathReports}) read.
 */
final class PathPages {

    private PathPages() {
    }

    // ---- nat ----

    static String nat(NatReport r) {
        String server = PathReports.hostPort(r.server());
        StringBuilder sb = Html.begin("mediapath nat " + server);
        sb.append("<h1>mediapath nat ").append(Html.esc(server)).append("</h1>\n<p class=\"muted\">")
                .append(Html.esc("from " + PathReports.hostPort(r.local()) + ", mapped "
                        + r.mapped().map(PathReports::hostPort).orElse("(no answer)") + ", RFC 5780 "
                        + r.otherAddress().map(o -> "yes (other address " + PathReports.hostPort(o) + ")")
                                .orElse("no (no OTHER-ADDRESS)")))
                .append("</p>\n");
        IceOutlook o = r.iceOutlook();
        boolean ok = o == IceOutlook.DIRECT_OPEN || o == IceOutlook.DIRECT_AFTER_CHECKS;
        Optional<Finding> worst = r.findings().stream().max(java.util.Comparator.comparing(Finding::severity));
        sb.append("<div class=\"cause").append(ok ? " NONE" : "").append("\" id=\"root-cause\">\n<h2>ICE outlook: <code>")
                .append(Html.esc(o.name())).append("</code></h2>\n<p>").append(Html.esc(o.meaning())).append(".</p>\n");
        worst.filter(f -> f.severity().atLeast(Severity.WARNING)).ifPresent(f -> {
            sb.append("<p>").append(Html.esc(f.code() + ": " + f.summary())).append("</p>\n");
            if (!f.remedy().isEmpty()) {
                sb.append("<p><b>Remedy:</b> ").append(Html.esc(f.remedy())).append("</p>\n");
            }
        });
        sb.append("</div>\n");
        HtmlReport.modalities(sb, "Direct media (without the relay)", natModalities(r));
        sb.append("<h2>Behaviour</h2>\n<table class=\"nat\" id=\"nat\"><tr><th>test</th><th>result</th>"
                + "<th>proved by</th></tr>\n");
        row(sb, "mapping", r.mapping().label(), r.proof("mapping"));
        row(sb, "filtering", r.filtering().label(), r.proof("filtering"));
        row(sb, "hairpinning", r.hairpinning().name().toLowerCase(Locale.ROOT).replace('_', ' '), r.proof("hairpin"));
        r.lifetime().ifPresent(l -> row(sb, "binding lifetime", l.describe(), r.proof("lifetime")));
        sb.append("</table>\n");
        if (r.strayPackets() > 0) {
            sb.append("<p class=\"muted\">").append(r.strayPackets())
                    .append(" datagram(s) that answered no transaction of this run were counted and left out.</p>\n");
        }
        sb.append("<h2>The transactions</h2>\n<section class=\"leg\" id=\"leg-nat\">\n");
        Ladder l = natLadder(r);
        sb.append("<figure class=\"ladder\">").append(l.svg()).append("<figcaption class=\"muted\">Each transaction's "
                + "own duration, laid end to end (the tests run one after the other).");
        if (!l.marks().isEmpty()) {
            sb.append("<ul class=\"marks\">\n");
            for (String m : l.marks()) {
                sb.append("<li class=\"mark\">").append(Html.esc(m)).append("</li>\n");
            }
            sb.append("</ul>");
        }
        sb.append("</figcaption></figure>\n</section>\n");
        sb.append("<table class=\"transactions\"><tr><th>test</th><th>from</th><th>to</th><th>CHANGE-REQUEST</th>"
                + "<th>answer</th><th>ms</th><th>sent</th><th>transaction</th></tr>\n");
        int n = 0;
        for (NatTransaction t : r.transactions()) {
            if (n++ == Ladder.MAX_STEPS) {
                sb.append("<tr><td colspan=\"8\" class=\"muted\">").append(r.transactions().size() - Ladder.MAX_STEPS)
                        .append(" more (the JSON report has every one)</td></tr>\n");
                break;
            }
            sb.append("<tr class=\"").append(t.answered() ? "WORKS" : "UNKNOWN").append("\"><td>").append(Html.esc(t.test()))
                    .append("</td><td>").append(Html.esc(PathReports.hostPort(t.local()))).append("</td><td>")
                    .append(Html.esc(PathReports.hostPort(t.destination()))).append("</td><td>")
                    .append(Html.esc(t.changeRequest().map(Object::toString).orElse(""))).append("</td><td>")
                    .append(Html.esc(answer(t))).append("</td><td>").append(t.elapsed().toMillis()).append("</td><td>")
                    .append(t.requestsSent()).append("</td><td><code>").append(Html.esc(t.transactionId()))
                    .append("</code></td></tr>\n");
        }
        sb.append("</table>\n");
        Html.findings(sb, "Findings", r.findings());
        sb.append("<details><summary>The text report</summary>\n<pre>").append(Html.esc(PathReports.natText(r)))
                .append("</pre></details>\n");
        return Html.end(sb);
    }

    /**
     * What the NAT means for media that does not take the relay: audio and video go direct over UDP when ICE can
     * pair the reflexive candidates, else every call is relayed; the TCP-only modalities are not decided by a UDP
     * test.
     */
    static List<ModalityVerdict> natModalities(NatReport r) {
        IceOutlook o = r.iceOutlook();
        List<ModalityVerdict> out = new ArrayList<>();
        for (Modality m : Modality.values()) {
            if (!m.usesUdp()) {
                out.add(new ModalityVerdict(m, Support.UNKNOWN, "relay (TCP)", "a UDP NAT test does not decide it"));
                continue;
            }
            out.add(switch (o) {
                case DIRECT_OPEN, DIRECT_AFTER_CHECKS -> new ModalityVerdict(m, Support.WORKS, "direct UDP",
                        o.meaning());
                case RELAY_REQUIRED -> new ModalityVerdict(m, Support.DEGRADED, "relay only", o.meaning());
                case UNKNOWN -> new ModalityVerdict(m, Support.UNKNOWN, "unknown", o.meaning());
            });
        }
        return out;
    }

    private static void row(StringBuilder sb, String test, String result, List<NatTransaction> proof) {
        sb.append("<tr><td>").append(Html.esc(test)).append("</td><td>").append(Html.esc(result)).append("</td><td>");
        if (proof.isEmpty()) {
            sb.append("<span class=\"muted\">not run</span>");
        }
        int n = 0;
        for (NatTransaction t : proof) {
            if (n++ == 8) {
                sb.append("… ").append(proof.size() - 8).append(" more");
                break;
            }
            sb.append("<code>").append(Html.esc(t.test())).append("</code> ").append(Html.esc(answer(t))).append("<br>");
        }
        sb.append("</td></tr>\n");
    }

    private static String answer(NatTransaction t) {
        if (!t.answered()) {
            return "no answer after " + t.requestsSent() + " request(s)" + t.error().map(e -> " (" + e + ")").orElse("");
        }
        return "mapped " + t.mapped().map(PathReports::hostPort).orElse("?")
                + t.source().map(s -> ", from " + PathReports.hostPort(s)).orElse("")
                + t.error().map(e -> " (" + e + ")").orElse("");
    }

    /**
     * The transactions as a ladder: client, the server's primary address, its other address (RFC 5780). A request
     * to the client's own mapped address (hairpinning) is drawn as a note; an answer that never came as a lost
     * reply and the deadline. A mapped address different from the first test's is marked: it is what proves a
     * mapping that depends on the destination.
     */
    static Ladder natLadder(NatReport r) {
        String primary = r.server().getAddress() == null ? "" : r.server().getAddress().getHostAddress();
        String other = r.otherAddress().map(a -> a.getAddress() == null ? "" : a.getAddress().getHostAddress())
                .orElse(null);
        List<Ladder.Step> steps = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        long at = 0;
        int omitted = 0;
        for (NatTransaction t : r.transactions()) {
            if (steps.size() >= Ladder.MAX_STEPS - 2) {
                omitted++;
                continue;
            }
            int to = column(t.destination(), primary, other);
            String request = "Binding " + t.test() + (t.changeRequest().map(c -> " " + c).orElse("")) + " → "
                    + PathReports.hostPort(t.destination()) + (t.requestsSent() > 1 ? " ×" + t.requestsSent() : "");
            if (to < 0) {
                steps.add(new Ladder.Note(at, Ladder.CLIENT, request + " (from " + PathReports.hostPort(t.local())
                        + ", through the NAT back to itself)", "", false));
            } else {
                steps.add(new Ladder.Arrow(at, Ladder.CLIENT, to, request, "", false));
            }
            at += t.elapsed().toNanos();
            if (t.answered() && to < 0) {
                steps.add(new Ladder.Note(at, Ladder.CLIENT, t.test() + " answered through the NAT: " + answer(t), "",
                        false));
            } else if (t.answered()) {
                int from = t.source().map(s -> column(s, primary, other)).filter(c -> c >= 0).orElse(Math.max(to, 1));
                String mark = "";
                if (t.test().startsWith("mapping") && r.mapped().isPresent() && t.mapped().isPresent()
                        && !t.mapped().equals(r.mapped())) {
                    mark = t.test() + ": mapped " + PathReports.hostPort(t.mapped().get()) + ", not "
                            + PathReports.hostPort(r.mapped().get()) + " as for the first destination";
                    marks.add(mark);
                }
                steps.add(new Ladder.Arrow(at, from, Ladder.CLIENT, "answer: " + answer(t), mark, false));
            } else {
                steps.add(new Ladder.Note(at, Ladder.CLIENT, t.test() + ": " + answer(t), "", true));
            }
        }
        return new Ladder("nat", List.of("client " + PathReports.hostPort(r.local()), "server "
                + PathReports.hostPort(r.server()), r.otherAddress().map(a -> "other address "
                + PathReports.hostPort(a)).orElse("other address: none")), steps, marks, omitted);
    }

    private static int column(InetSocketAddress a, String primary, String other) {
        String ip = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        if (other != null && ip.equals(other) && !Objects.equals(other, primary)) {
            return Ladder.RELAY;
        }
        if (ip.equals(primary)) {
            // same IP as the primary: the other port of the same address still draws at the primary's column
            return Ladder.BETWEEN;
        }
        return -1;
    }

    // ---- quality ----

    static String quality(QualityResult r) {
        QualityFigures f = r.figures();
        StringBuilder sb = Html.begin("mediapath quality " + r.path());
        sb.append("<h1>mediapath quality</h1>\n<p class=\"muted\">").append(Html.esc(r.path())).append("</p>\n");
        String verdict = r.passed() ? "GOOD" : "DEGRADED";
        sb.append("<div class=\"cause").append(r.passed() ? " NONE" : "").append("\" id=\"root-cause\">\n")
                .append("<h2>Quality: <code>").append(verdict).append("</code></h2>\n<p>")
                .append(Html.esc(r.passed() ? "Loss, RTT and jitter through the relay are below the thresholds: "
                        + f.describe() + "."
                        : "Failing: " + String.join(", ", r.failures()) + ". " + f.describe() + "."))
                .append("</p>\n");
        r.findings().stream().filter(x -> !x.remedy().isEmpty()).findFirst().ifPresent(x -> sb
                .append("<p><b>Remedy:</b> ").append(Html.esc(x.remedy())).append("</p>\n"));
        sb.append("</div>\n");
        HtmlReport.modalities(sb, "Modalities (over this relay path)", QualityOverlay.modalities(r));
        sb.append("<h2>Figures against the thresholds</h2>\n").append(figuresSvg(r));
        sb.append("<table class=\"figures\" id=\"figures\"><tr><th>figure</th><th>measured</th><th>threshold</th>"
                + "<th>verdict</th></tr>\n");
        boolean echoed = r.echoed();
        figure(sb, "loss", String.format(Locale.ROOT, "%.2f %% (%d of %d; %d burst%s, longest %d)", f.lossPercent(),
                f.lost(), f.sent(), f.lossBursts(), f.lossBursts() == 1 ? "" : "s", f.longestBurst()),
                "< " + trim(r.thresholds().lossPercent()) + " %", echoed ? f.lossPercent() < r.thresholds().lossPercent()
                        : null);
        figure(sb, "RTT", String.format(Locale.ROOT, "min %.1f, median %.1f, p95 %.1f ms", f.rttMinMs(),
                f.rttMedianMs(), f.rttP95Ms()), "median < " + r.thresholds().rtt().toMillis() + " ms",
                echoed ? f.rttMedianMs() < r.thresholds().rtt().toMillis() : null);
        figure(sb, "jitter", String.format(Locale.ROOT, "%.1f ms (RFC 3550)", f.jitterMs()),
                "< " + r.thresholds().jitter().toMillis() + " ms", echoed ? f.jitterMs() < r.thresholds().jitter().toMillis()
                        : null);
        figure(sb, "reordering", f.reordered() + " packet(s)", "reported", null);
        figure(sb, "duplicates", f.duplicates() + " packet(s)", "reported", null);
        figure(sb, "stray", (f.foreign() + f.badSequence()) + " datagram(s) not of this run (kept out of the figures)",
                "reported", null);
        figure(sb, "send timer", String.format(Locale.ROOT, "p99 deviation %.2f ms", f.sendDeviationP99Ms()),
                "reported", null);
        sb.append("</table>\n");
        Html.findings(sb, "Findings", r.findings());
        sb.append("<details><summary>The text report</summary>\n<pre>").append(Html.esc(PathReports.qualityText(r)))
                .append("</pre></details>\n");
        return Html.end(sb);
    }

    private static void figure(StringBuilder sb, String name, String measured, String threshold, Boolean passed) {
        String cls = passed == null ? "UNKNOWN" : passed ? "WORKS" : "FAILS";
        sb.append("<tr class=\"").append(cls).append("\"><td>").append(Html.esc(name)).append("</td><td>")
                .append(Html.esc(measured)).append("</td><td>").append(Html.esc(threshold)).append("</td><td>")
                .append(passed == null ? "" : passed ? "pass" : "FAIL").append("</td></tr>\n");
    }

    /**
     * Loss, median RTT (with p95 as a tick) and jitter as bars, each against its threshold (a dashed line): the
     * scale of each bar is its own (the larger of the figure and 1.5 × the threshold).
     */
    static String figuresSvg(QualityResult r) {
        QualityFigures f = r.figures();
        double[][] rows = {
            {f.lossPercent(), r.thresholds().lossPercent(), Double.NaN},
            {f.rttMedianMs(), r.thresholds().rtt().toMillis(), f.rttP95Ms()},
            {f.jitterMs(), r.thresholds().jitter().toMillis(), Double.NaN},
        };
        String[] names = {"loss %", "RTT ms", "jitter ms"};
        int left = 90;
        int width = 420;
        StringBuilder sb = new StringBuilder("<svg class=\"figures\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(left + width + 90).append(" 100\" role=\"img\" aria-label=\"quality figures against the "
                        + "thresholds\">\n<title>quality figures against the thresholds</title>\n");
        for (int i = 0; i < rows.length; i++) {
            double v = rows[i][0];
            double limit = rows[i][1];
            double p95 = rows[i][2];
            double max = Math.max(limit * 1.5, Math.max(Double.isNaN(v) ? 0 : v, Double.isNaN(p95) ? 0 : p95));
            int y = 10 + i * 30;
            int w = Double.isNaN(v) || !r.echoed() ? 0 : (int) Math.round(width * v / max);
            int lx = left + (int) Math.round(width * limit / max);
            boolean bad = r.echoed() && !Double.isNaN(v) && v >= limit;
            sb.append("<text x=\"0\" y=\"").append(y + 14).append("\">").append(names[i]).append("</text>")
                    .append("<rect class=\"bar ").append(bad ? "bad" : "ok").append("\" x=\"").append(left)
                    .append("\" y=\"").append(y).append("\" width=\"").append(w).append("\" height=\"18\"/>")
                    .append("<line class=\"limit\" x1=\"").append(lx).append("\" y1=\"").append(y - 3)
                    .append("\" x2=\"").append(lx).append("\" y2=\"").append(y + 21).append("\"/>");
            if (!Double.isNaN(p95) && r.echoed()) {
                int px = left + (int) Math.round(width * p95 / max);
                sb.append("<line class=\"p95\" x1=\"").append(px).append("\" y1=\"").append(y + 2).append("\" x2=\"")
                        .append(px).append("\" y2=\"").append(y + 16).append("\"><title>p95</title></line>");
            }
            sb.append("<text x=\"").append(left + width + 6).append("\" y=\"").append(y + 14).append("\">")
                    .append(r.echoed() && !Double.isNaN(v) ? String.format(Locale.ROOT, "%.1f", v) : "–")
                    .append(" / ").append(trim(limit)).append("</text>\n");
        }
        return sb.append("</svg>\n").toString();
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
