package io.mediapath.diagnose.report;

import io.mediapath.diagnose.playbook.EdgeReport;
import io.mediapath.diagnose.playbook.EdgeTarget;
import io.mediapath.diagnose.playbook.LegResult;
import io.mediapath.diagnose.playbook.ModalityVerdict;
import io.mediapath.diagnose.playbook.PlaybookEvent;
import io.mediapath.ice.Finding;
import io.mediapath.ice.Severity;
import io.mediapath.ice.probe.TimelineEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders an {@link EdgeReport}: text that starts with the modality table and the root cause, then the legs; and
 * JSON of schema {@value #SCHEMA} (fields in {@code docs/json-report.md}). Neither ever shows a password: the
 * target's password is not rendered, and every excerpt passed through {@link io.mediapath.ice.Evidence}.
 */
public final class EdgeReports {
    /** The JSON schema name of the edge report. */
    public static final String SCHEMA = "mediapath.edge/1";

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

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
        return MAPPER.writeValueAsString(tree(r));
    }

    /** The JSON tree (maps and lists) of the report, for embedding in other reports. */
    public static Map<String, Object> tree(EdgeReport r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("schema", SCHEMA);
        EdgeTarget t = r.target();
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("host", t.host());
        target.put("udpPort", t.udpPort());
        target.put("tcpPort", t.tcpPort());
        target.put("dialect", t.dialect().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        target.put("sni", t.sni().orElse(null));
        target.put("proxy", t.proxy().map(Object::toString).orElse(null));
        target.put("location", t.location().name().toLowerCase(Locale.ROOT));
        target.put("username", t.username().orElse(null));
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
        Map<String, Object> cause = new LinkedHashMap<>();
        cause.put("code", r.rootCause().code().name());
        cause.put("summary", r.rootCause().summary());
        cause.put("remedy", r.rootCause().remedy());
        r.rootCause().product().ifPresent(p -> cause.put("product", p));
        cause.put("evidence", r.rootCause().evidence());
        o.put("rootCause", cause);
        List<Map<String, Object>> legs = new ArrayList<>();
        for (LegResult l : r.legs()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", l.name());
            x.put("status", l.status().name());
            x.put("verdict", l.result().verdict());
            x.put("passed", l.result().passed());
            x.put("elapsedMillis", l.result().elapsed().toNanos() / 1e6);
            x.put("detail", l.detail());
            l.product().ifPresent(p -> x.put("product", p));
            x.put("addresses", l.addresses());
            x.put("findings", l.result().findings().stream().map(JsonReport::finding).toList());
            List<Map<String, Object>> tl = new ArrayList<>();
            for (TimelineEvent e : l.result().timeline()) {
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("offsetMillis", e.offsetNanos() / 1e6);
                ev.put("kind", e.kind());
                ev.put("detail", e.detail());
                tl.add(ev);
            }
            x.put("timeline", tl);
            legs.add(x);
        }
        o.put("legs", legs);
        o.put("findings", r.findings().stream().map(JsonReport::finding).toList());
        List<Map<String, Object>> timeline = new ArrayList<>();
        for (PlaybookEvent e : r.timeline()) {
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("offsetMillis", e.offsetNanos() / 1e6);
            ev.put("leg", e.leg());
            ev.put("kind", e.kind());
            ev.put("detail", e.detail());
            timeline.add(ev);
        }
        o.put("timeline", timeline);
        o.put("elapsedMillis", r.elapsed().toNanos() / 1e6);
        o.put("allWork", r.allWork());
        return o;
    }
}
