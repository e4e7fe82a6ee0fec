package io.mediapath.diagnose.capture;

import io.mediapath.diagnose.report.JsonOutput;
import io.mediapath.tls.TlsInspection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON report of a {@link CaptureDiagnosis} (schema {@code mediapath.capture/1}, docs/json-report.md). */
public final class CaptureJson {

    private CaptureJson() {
    }

    /** Renders {@code d} as indented JSON. */
    public static String render(CaptureDiagnosis d) {
        Map<String, Object> root = JsonOutput.document(JsonOutput.CAPTURE);
        root.put("source", d.source());
        root.put("format", d.format().name().toLowerCase(java.util.Locale.ROOT));
        root.put("frames", d.frames());
        List<Map<String, Object>> mods = new ArrayList<>();
        for (io.mediapath.diagnose.playbook.ModalityVerdict m : d.modalities()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", m.modality().label());
            x.put("verdict", m.support().name());
            x.put("path", m.path());
            x.put("why", m.why());
            mods.add(x);
        }
        root.put("modalities", mods);
        root.put("rootCause", JsonOutput.rootCause(d.rootCause()));
        root.put("findings", JsonOutput.findings(d.findings()));
        List<Map<String, Object>> flows = new ArrayList<>();
        for (RelayFlow r : d.flows()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("kind", r.kind().name());
            f.put("client", r.client().toString());
            f.put("server", r.server().toString());
            f.put("firstFrame", r.firstFrame());
            f.put("namedBy", r.namedBy());
            f.put("verdict", r.verdict());
            f.put("ok", r.ok());
            r.inspection().map(TlsInspection::confidence).ifPresent(c -> f.put("confidence", c.name()));
            f.put("findings", JsonOutput.findings(r.findings()));
            r.inspection().ifPresent(i -> f.put("timeline", JsonOutput.timeline(i.timeline())));
            flows.add(f);
        }
        root.put("flows", flows);
        root.put("moreFlows", new LinkedHashMap<>(d.moreFlows()));
        d.signalling().ifPresent(s -> root.put("signalling", io.mediapath.diagnose.report.JsonReport.tree(s)));
        root.put("exitCode", d.exitCode());
        return JsonOutput.write(root);
    }
}
