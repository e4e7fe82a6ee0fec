package io.mediapath.diagnose.report;

import io.mediapath.diagnose.playbook.EdgeReport;
import io.mediapath.diagnose.playbook.EdgeTarget;
import io.mediapath.diagnose.playbook.LegResult;
import io.mediapath.diagnose.playbook.ModalityVerdict;
import io.mediapath.diagnose.playbook.PlaybookEvent;
import io.mediapath.ice.Finding;
import io.mediapath.ice.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders an {@link EdgeReport}: text that starts with the modality table and the root cause, then the legs; and
 * JSON of schema {@value #SCHEMA} (fields in {@code docs/json-report.md}). Neither ever shows a password: the
 * target's password is not rendered, and every excerpt passed through {@link io.mediapath.ice.Evidence}.
 */
public final class EdgeReports {
    /** The JSON schema name of the edge report ({@link JsonOutput#EDGE}). */
    public static final String SCHEMA = JsonOutput.EDGE;

    private EdgeReports() {
    }

    /** The report as text. */
    public static String text(EdgeReport r) {
        StringBuilder b = new StringBuilder();
        EdgeTarget t = r.target();
        b.append("mediapath edge ").append(t.host()).append(" — ")
                .append(t.dialect().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .append(", UDP ").append(t.udpPort()).append(", TCP ").append(t.tcpPort())
                .append(t.sni().map(s -> ", SNI " + s).orElse(""))
                .append(t.location() == io.mediapath.diagnose.playbook.ClientLocation.UNKNOWN ? ""
                        : ", client on the " + t.location().name().toLowerCase(Locale.ROOT))
                .append(", ").append(r.elapsed().toMillis()).append(" ms\n\n");
        b.append(String.format(Locale.ROOT, "  %-13s %-9s %-28s %s%n", "MODALITY", "VERDICT", "PATH", "WHY"));
        for (ModalityVerdict m : r.modalities()) {
            b.append(String.format(Locale.ROOT, "  %-13s %-9s %-28s %s%n", m.modality().label(), m.support(),
                    m.path(), m.why()));
        }
        b.append("\nROOT CAUSE ").append(r.rootCause().code())
                .append(r.rootCause().product().map(p -> " (" + p + ")").orElse("")).append('\n');
        b.append("  ").append(r.rootCause().summary()).append('\n');
        if (!r.rootCause().remedy().isEmpty()) {
            b.append("  remedy: ").append(r.rootCause().remedy()).append('\n');
        }
        b.append("\nLEGS\n");
        for (LegResult l : r.legs()) {
            b.append(String.format(Locale.ROOT, "  %-15s %-11s %6d ms  %s%n", l.name(), l.status(),
                    l.result().elapsed().toMillis(), l.detail()));
        }
        List<Finding> notable = r.findings().stream().filter(f -> f.severity().atLeast(Severity.WARNING)).toList();
        if (!notable.isEmpty()) {
            b.append("\nFINDINGS\n");
            for (Finding f : notable) {
                b.append("  ").append(f.severity()).append(' ').append(f.code()).append(": ").append(f.summary())
                        .append('\n');
            }
        }
        return b.toString();
    }

    /** The report as JSON of schema {@value #SCHEMA}. */
    public static String json(EdgeReport r) {
        return JsonOutput.write(tree(r));
    }

    /** The JSON tree (maps and lists) of the report, for embedding in other reports ({@code analyze --probe}). */
    public static Map<String, Object> tree(EdgeReport r) {
        Map<String, Object> o = JsonOutput.document(SCHEMA);
        EdgeTarget t = r.target();
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("host", t.host());
        target.put("udpPort", t.udpPort());
        target.put("tcpPort", t.tcpPort());
        target.put("dialect", t.dialect().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        target.put("sni", t.sni().orElse(null));
        target.put("proxy", t.proxy().map(Object::toString).orElse(null));
        target.put("location", t.location().name().toLowerCase(Locale.ROOT));
        target.put("username", t.username().orElse(null)); // never the password
        o.put("target", target);
        List<Map<String, Object>> mods = new ArrayList<>();
        for (ModalityVerdict m : r.modalities()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", m.modality().label());
            x.put("verdict", m.support().name());
            x.put("path", m.path());
            x.put("why", m.why());
            mods.add(x);
        }
        o.put("modalities", mods);
        o.put("rootCause", JsonOutput.rootCause(r.rootCause()));
        List<Map<String, Object>> legs = new ArrayList<>();
        for (LegResult l : r.legs()) {
            // The probe's own shape, with the leg's name first and what the playbook read from it.
            Map<String, Object> probe = JsonOutput.probeResult(l.result());
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", l.name());
            x.put("status", l.status().name());
            x.put("probe", probe.remove("name"));
            x.putAll(probe);
            x.put("detail", l.detail());
            l.product().ifPresent(p -> x.put("product", p));
            x.put("addresses", l.addresses());
            legs.add(x);
        }
        o.put("legs", legs);
        r.legs().stream().filter(l -> l.kind() == io.mediapath.diagnose.playbook.LegKind.NAT && l.ran()).findFirst()
                .ifPresent(l -> o.put("nat", nat(l)));
        o.put("findings", JsonOutput.findings(r.findings()));
        List<Map<String, Object>> timeline = new ArrayList<>();
        for (PlaybookEvent e : r.timeline()) {
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("offsetMillis", JsonOutput.millis(e.offsetNanos()));
            ev.put("leg", e.leg());
            ev.put("kind", e.kind());
            ev.put("detail", e.detail());
            timeline.add(ev);
        }
        o.put("timeline", timeline);
        o.put("elapsedMillis", JsonOutput.millis(r.elapsed().toNanos()));
        o.put("allWork", r.allWork());
        return o;
    }

    /**
     * The NAT leg as an object: {@code rfc5780} (whether the server supports it), and when it does, {@code mapping},
     * {@code filtering}, {@code hairpinning} (the behaviour names) and {@code iceOutlook} with its {@code meaning},
     * read from the leg's timeline (see {@link io.mediapath.turn.nat.NatProbe}).
     */
    private static Map<String, Object> nat(LegResult l) {
        Map<String, Object> n = new LinkedHashMap<>();
        boolean supported = !l.result().verdict().equals(io.mediapath.turn.nat.NatProbe.RFC5780_UNSUPPORTED);
        n.put("rfc5780", supported);
        for (io.mediapath.ice.probe.TimelineEvent e : l.result().timeline()) {
            switch (e.kind()) {
                case "nat.mapping" -> n.put("mapping", e.detail());
                case "nat.filtering" -> n.put("filtering", e.detail());
                case "nat.hairpinning" -> n.put("hairpinning", e.detail());
                case "nat.outlook" -> {
                    int sp = e.detail().indexOf(' ');
                    n.put("iceOutlook", sp < 0 ? e.detail() : e.detail().substring(0, sp));
                    n.put("meaning", sp < 0 ? "" : e.detail().substring(sp + 1));
                }
                default -> { }
            }
        }
        n.put("detail", l.detail());
        return n;
    }
}
