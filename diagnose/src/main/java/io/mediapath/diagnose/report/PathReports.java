package io.mediapath.diagnose.report;

import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.turn.nat.BindingLifetime;
import io.mediapath.turn.nat.NatReport;
import io.mediapath.turn.nat.NatTransaction;
import io.mediapath.turn.quality.QualityFigures;
import io.mediapath.turn.quality.QualityResult;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reports of what the path does once reached: RFC 5780 NAT behaviour ({@link NatReport}, JSON
 * {@value JsonOutput#NAT}) and a quality run through a relay ({@link QualityResult}, JSON
 * {@value JsonOutput#QUALITY}), as text and as JSON trees for {@link JsonOutput#write}. Field names are documented in
 * {@code docs/json-report.md}.
 */
public final class PathReports {
    private PathReports() {
    }

    /** The NAT report as text. */
    public static String natText(NatReport r) {
        StringBuilder b = new StringBuilder();
        b.append("mediapath nat ").append(hostPort(r.server())).append('\n');
        b.append("  local        ").append(hostPort(r.local())).append('\n');
        b.append("  mapped       ").append(r.mapped().map(PathReports::hostPort).orElse("(no answer)")).append('\n');
        b.append("  RFC 5780     ").append(r.otherAddress().map(o -> "yes, other address " + hostPort(o))
                .orElse("no (the server sent no OTHER-ADDRESS)")).append('\n');
        b.append("  mapping      ").append(r.mapping().label()).append('\n');
        b.append("  filtering    ").append(r.filtering().label()).append('\n');
        b.append("  hairpinning  ").append(r.hairpinning().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .append('\n');
        r.lifetime().ifPresent(l -> b.append("  binding      ").append(l.describe()).append('\n'));
        b.append("  ICE          ").append(r.iceOutlook().meaning()).append('\n');
        b.append("  transactions:\n");
        for (NatTransaction t : r.transactions()) {
            b.append("    ").append(t.describe()).append('\n');
        }
        findingsText(b, r.findings());
        return b.toString();
    }

    /** The NAT report as a {@value JsonOutput#NAT} document. */
    public static Map<String, Object> natJson(NatReport r) {
        Map<String, Object> root = JsonOutput.document(JsonOutput.NAT);
        root.putAll(natTree(r));
        return root;
    }

    /** The NAT report's fields without the schema (what other reports embed). */
    public static Map<String, Object> natTree(NatReport r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("server", hostPort(r.server()));
        o.put("local", hostPort(r.local()));
        o.put("mapped", r.mapped().map(PathReports::hostPort).orElse(null));
        o.put("rfc5780", r.rfc5780());
        o.put("otherAddress", r.otherAddress().map(PathReports::hostPort).orElse(null));
        o.put("mapping", r.mapping().name());
        o.put("filtering", r.filtering().name());
        o.put("hairpinning", r.hairpinning().name());
        o.put("iceOutlook", r.iceOutlook().name());
        o.put("iceMeaning", r.iceOutlook().meaning());
        r.lifetime().ifPresent(l -> o.put("bindingLifetime", lifetime(l)));
        o.put("transactions", r.transactions().stream().map(PathReports::transaction).toList());
        o.put("strayPackets", r.strayPackets());
        o.put("findings", JsonOutput.findings(r.findings()));
        return o;
    }

    private static Map<String, Object> lifetime(BindingLifetime l) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("aliveAfterMillis", l.aliveAfter().toMillis());
        o.put("expiredAfterMillis", l.expiredAfter().map(d -> (Object) d.toMillis()).orElse(null));
        o.put("summary", l.describe());
        return o;
    }

    private static Map<String, Object> transaction(NatTransaction t) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("test", t.test());
        o.put("local", hostPort(t.local()));
        o.put("destination", hostPort(t.destination()));
        o.put("changeRequest", t.changeRequest().map(c -> (c.changeIp() ? "ip" : "") + (c.changeIp() && c.changePort()
                ? "+" : "") + (c.changePort() ? "port" : "")).orElse(null));
        o.put("transactionId", t.transactionId());
        o.put("answered", t.answered());
        o.put("mapped", t.mapped().map(PathReports::hostPort).orElse(null));
        o.put("source", t.source().map(PathReports::hostPort).orElse(null));
        o.put("responseOrigin", t.responseOrigin().map(PathReports::hostPort).orElse(null));
        o.put("otherAddress", t.otherAddress().map(PathReports::hostPort).orElse(null));
        o.put("elapsedMillis", JsonOutput.millis(t.elapsed().toNanos()));
        o.put("requestsSent", t.requestsSent());
        o.put("error", t.error().orElse(null));
        return o;
    }

    /** The quality result as text. */
    public static String qualityText(QualityResult r) {
        QualityFigures f = r.figures();
        StringBuilder b = new StringBuilder();
        b.append("mediapath quality ").append(r.path()).append('\n');
        b.append(String.format(Locale.ROOT, "  packets      %d sent, %d back, %d lost (%.2f %%; %d burst%s, longest %d)%n",
                f.sent(), f.received(), f.lost(), f.lossPercent(), f.lossBursts(), f.lossBursts() == 1 ? "" : "s",
                f.longestBurst()));
        b.append(String.format(Locale.ROOT, "  RTT          min %.1f ms, median %.1f ms, p95 %.1f ms%n", f.rttMinMs(),
                f.rttMedianMs(), f.rttP95Ms()));
        b.append(String.format(Locale.ROOT, "  jitter       %.1f ms (RFC 3550)%n", f.jitterMs()));
        b.append(String.format(Locale.ROOT, "  order        %d reordered, %d duplicates, %d stray%n", f.reordered(),
                f.duplicates(), f.foreign() + f.badSequence()));
        b.append(String.format(Locale.ROOT, "  thresholds   loss < %s %%, RTT < %d ms, jitter < %d ms%n",
                num(r.thresholds().lossPercent()), r.thresholds().rtt().toMillis(), r.thresholds().jitter().toMillis()));
        findingsText(b, r.findings());
        b.append("verdict: ").append(r.passed() ? "GOOD" : "DEGRADED (" + String.join(", ", r.failures()) + ")")
                .append('\n');
        return b.toString();
    }

    /** The quality result as a {@value JsonOutput#QUALITY} document. */
    public static Map<String, Object> qualityJson(QualityResult r) {
        Map<String, Object> root = JsonOutput.document(JsonOutput.QUALITY);
        root.putAll(qualityTree(r));
        return root;
    }

    /** The quality result's fields without the schema (what other reports embed). */
    public static Map<String, Object> qualityTree(QualityResult r) {
        QualityFigures f = r.figures();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("path", r.path());
        o.put("passed", r.passed());
        o.put("failures", r.failures());
        o.put("sent", f.sent());
        o.put("received", f.received());
        o.put("lost", f.lost());
        o.put("lossPercent", round(f.lossPercent()));
        o.put("lossBursts", f.lossBursts());
        o.put("longestBurst", f.longestBurst());
        o.put("rttMinMillis", round(f.rttMinMs()));
        o.put("rttMedianMillis", round(f.rttMedianMs()));
        o.put("rttP95Millis", round(f.rttP95Ms()));
        o.put("jitterMillis", round(f.jitterMs()));
        o.put("reordered", f.reordered());
        o.put("duplicates", f.duplicates());
        o.put("foreign", f.foreign());
        o.put("badSequence", f.badSequence());
        o.put("sendDeviationP99Millis", round(f.sendDeviationP99Ms()));
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("lossPercent", r.thresholds().lossPercent());
        t.put("rttMillis", r.thresholds().rtt().toMillis());
        t.put("jitterMillis", r.thresholds().jitter().toMillis());
        o.put("thresholds", t);
        o.put("findings", JsonOutput.findings(r.findings()));
        return o;
    }

    private static Object round(double d) {
        return Double.isNaN(d) ? null : Math.round(d * 1000) / 1000.0;
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static void findingsText(StringBuilder b, List<Finding> findings) {
        for (Finding f : findings) {
            b.append("  ").append(f.severity()).append(' ').append(f.code()).append(": ").append(f.summary()).append('\n');
            for (Evidence e : f.evidence()) {
                b.append("      > ").append(e.location()).append(": ").append(e.excerpt()).append('\n');
            }
            if (!f.remedy().isEmpty()) {
                b.append("      remedy: ").append(f.remedy()).append('\n');
            }
        }
    }

    static String hostPort(InetSocketAddress a) {
        String h = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + a.getPort();
    }
}
