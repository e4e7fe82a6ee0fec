package io.mediapath.diagnose.report;

import io.mediapath.diagnose.Diagnosis;
import io.mediapath.ice.AuditReport;
import io.mediapath.ice.Feasibility;
import io.mediapath.ice.Finding;
import io.mediapath.ice.IceCandidate;
import io.mediapath.ice.MediaAudit;
import io.mediapath.sdp.msdiag.IceWarnFlag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link Diagnosis} as JSON for scripts. Field names are a contract, documented in
 * {@code docs/json-report.md}; {@value #SCHEMA} names this version of it.
 */
public final class JsonReport {

    /** The schema identifier written as {@code "schema"}. */
    public static final String SCHEMA = JsonOutput.ANALYZE;

    private JsonReport() {
    }

    /** The JSON text. */
    public static String render(Diagnosis d) {
        return JsonOutput.write(tree(d));
    }

    /** The JSON as plain maps and lists, in field order. */
    public static Map<String, Object> tree(Diagnosis d) {
        Map<String, Object> root = JsonOutput.document(SCHEMA);
        root.put("source", d.source());
        root.put("input", d.kind().name().toLowerCase(Locale.ROOT));
        root.put("messages", d.messages());
        root.put("worstSeverity", d.worstSeverity().name());
        root.put("exitCode", d.exitCode());
        root.put("rootCause", JsonOutput.rootCause(d.rootCause()));
        List<Object> dialogs = new ArrayList<>();
        List<Object> findings = new ArrayList<>();
        for (Diagnosis.DialogDiagnosis dd : d.dialogs()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("callId", dd.callId());
            o.put("title", dd.title());
            o.put("callerLocation", dd.locations().caller().name().toLowerCase(Locale.ROOT));
            o.put("calleeLocation", dd.locations().callee().name().toLowerCase(Locale.ROOT));
            List<Object> media = new ArrayList<>();
            dd.audit().map(AuditReport::media).orElse(List.of()).forEach(m -> media.add(media(m)));
            o.put("media", media);
            List<Object> warns = new ArrayList<>();
            for (Diagnosis.IceWarnDecode w : dd.iceWarns()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("side", w.side());
                x.put("mediaType", w.mediaType());
                x.put("value", w.hex());
                List<Object> flags = new ArrayList<>();
                for (IceWarnFlag f : w.flags()) {
                    Map<String, Object> fl = new LinkedHashMap<>();
                    fl.put("bit", f.hex());
                    fl.put("name", f.name());
                    fl.put("meaning", f.meaning());
                    fl.put("informational", f.informational());
                    flags.add(fl);
                }
                x.put("flags", flags);
                x.put("evidence", JsonOutput.evidence(w.evidence()));
                warns.add(x);
            }
            o.put("iceWarn", warns);
            o.put("findingCodes", dd.findings().stream().map(Finding::code).distinct().toList());
            dialogs.add(o);
            for (Finding f : dd.findings()) {
                findings.add(JsonOutput.finding(f, dd.callId()));
            }
        }
        // Input-level findings (not part of any dialog).
        // By identity: the diagnosis lists the dialogs' own Finding objects again (a list's contains() here was
        // quadratic, 40 s for a log of many media lines).
        java.util.Set<Finding> inDialogs = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        d.dialogs().forEach(x -> inDialogs.addAll(x.findings()));
        for (Finding f : d.findings()) {
            if (!inDialogs.contains(f)) {
                findings.add(JsonOutput.finding(f, ""));
            }
        }
        root.put("dialogs", dialogs);
        root.put("findings", findings);
        return root;
    }

    private static Map<String, Object> media(MediaAudit m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("index", m.index());
        o.put("type", m.mediaType());
        o.put("protocol", m.protocol());
        o.put("offerMatrix", m.offerMatrix().asMap());
        o.put("answerMatrix", m.answerMatrix().map(x -> (Object) x.asMap()).orElse(null));
        Map<String, Object> pairs = new LinkedHashMap<>();
        pairs.put("formed", m.pairs().size());
        pairs.put("feasible", m.pairs().stream().filter(Feasibility.PairVerdict::feasible).count());
        o.put("pairs", pairs);
        o.put("offerCandidates", m.offerCandidates().stream().map(JsonReport::candidate).toList());
        o.put("answerCandidates", m.answerCandidates().stream().map(JsonReport::candidate).toList());
        return o;
    }

    private static Map<String, Object> candidate(IceCandidate c) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("line", c.lineNumber());
        o.put("foundation", c.foundation());
        o.put("component", c.component());
        o.put("transport", c.transport().label());
        o.put("type", c.effectiveType().token());
        o.put("declaredType", c.type().token());
        o.put("priority", c.priority());
        o.put("typePreference", c.priorityParts().map(p -> (Object) p.typePreference()).orElse(null));
        o.put("localPreference", c.priorityParts().map(p -> (Object) p.localPreference()).orElse(null));
        o.put("address", c.address());
        o.put("port", c.port());
        o.put("addressClass", c.addressClass().name());
        o.put("relatedAddress", c.relatedAddress().map(Object::toString).orElse(null));
        o.put("inferred", c.inferred());
        o.put("inference", c.inference());
        return o;
    }
}
