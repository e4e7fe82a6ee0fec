package io.mediapath.diagnose.report;

import io.mediapath.diagnose.RootCause;
import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.probe.ProbeResult;
import io.mediapath.ice.probe.TimelineEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON writer of mediapath's reports: every command's {@code --json} document is built from plain maps and
 * lists that start with {@link #document(String)} (its {@code "schema"} id) and is written by {@link #write(Object)}.
 * A {@link Finding}, its {@link Evidence}, a {@link RootCause}, a probe {@link TimelineEvent timeline} and a
 * {@link ProbeResult} have one JSON shape each, made here and nowhere else, so scripts read the same fields from
 * {@code analyze}, {@code turn}, {@code tls} and {@code edge}. The field names are a contract documented in {@code docs/json-report.md}: fields are
 * only ever added; a change of meaning gets a new schema id.
 */
public final class JsonOutput {

    /** Schema id of {@code mediapath sdp --json}. */
    public static final String SDP = "mediapath.sdp/1";
    /** Schema id of {@code mediapath turn --json} (RFC TURN and {@code --ms-turn}). */
    public static final String TURN = "mediapath.turn/1";
    /** Schema id of {@code mediapath tls --json}. */
    public static final String TLS = "mediapath.tls/1";
    /** Schema id of {@code mediapath analyze --json}. */
    public static final String ANALYZE = "mediapath.analyze/1";
    /** Schema id of {@code mediapath edge --json} and of each {@code probes[]} entry of {@code analyze --probe}. */
    public static final String EDGE = "mediapath.edge/1";
    /** Schema id of {@code mediapath analyze --json} on a pcap/pcapng capture. */
    public static final String CAPTURE = "mediapath.capture/1";
    /** Schema id of {@code mediapath nat --json} (RFC 5780 NAT behaviour). */
    public static final String NAT = "mediapath.nat/1";
    /** Schema id of {@code mediapath quality --json} (a quality run through a relay). */
    public static final String QUALITY = "mediapath.quality/1";

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private JsonOutput() {
    }

    /** A new document: an ordered map whose first field is {@code "schema": schema}. */
    public static Map<String, Object> document(String schema) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", schema);
        return root;
    }

    /**
     * The JSON text of a tree of maps, lists, strings, numbers, booleans and nulls (or a Jackson node), indented,
     * without a trailing newline.
     */
    public static String write(Object tree) {
        return MAPPER.writeValueAsString(tree);
    }

    /** A finding: {@code code, severity, summary, evidence[], remedy}. */
    public static Map<String, Object> finding(Finding f) {
        return finding(f, null);
    }

    /**
     * A finding that belongs to a dialog of a log: as {@link #finding(Finding)} with {@code callId} after the summary
     * (analyze's shape; {@code null} leaves the field out).
     */
    public static Map<String, Object> finding(Finding f, String callId) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("code", f.code());
        o.put("severity", f.severity().name());
        o.put("summary", f.summary());
        if (callId != null) {
            o.put("callId", callId);
        }
        o.put("evidence", f.evidence().stream().map(JsonOutput::evidence).toList());
        o.put("remedy", f.remedy());
        return o;
    }

    /**
     * A root cause: {@code code, summary, remedy, product} ({@code product} only when named) {@code , evidence[]}.
     * {@code analyze}'s {@code rootCause} and {@code edge}'s {@code rootCause} have this shape.
     */
    public static Map<String, Object> rootCause(RootCause c) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("code", c.code().name());
        o.put("summary", c.summary());
        o.put("remedy", c.remedy());
        c.product().ifPresent(p -> o.put("product", p));
        o.put("evidence", c.evidence().stream().map(JsonOutput::evidence).toList());
        return o;
    }

    /** Findings in their order. */
    public static List<Map<String, Object>> findings(List<Finding> findings) {
        return findings.stream().map(JsonOutput::finding).toList();
    }

    /** One piece of evidence: {@code source, location, excerpt} (already free of secrets, see {@link Evidence}). */
    public static Map<String, Object> evidence(Evidence e) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("source", e.source());
        o.put("location", e.location());
        o.put("excerpt", e.excerpt());
        return o;
    }

    /** A probe timeline: one {@code {offsetMillis, kind, detail}} per event, in order. */
    public static List<Map<String, Object>> timeline(List<TimelineEvent> events) {
        List<Map<String, Object>> list = new ArrayList<>(events.size());
        for (TimelineEvent e : events) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("offsetMillis", millis(e.offsetNanos()));
            o.put("kind", e.kind());
            o.put("detail", e.detail());
            list.add(o);
        }
        return list;
    }

    /**
     * A probe's result (a leg of the edge playbook, a product's own probe): {@code name, target, verdict, passed,
     * elapsedMillis, findings[], timeline[]}.
     */
    public static Map<String, Object> probeResult(ProbeResult r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", r.probe());
        o.put("target", r.target().toString());
        o.put("verdict", r.verdict());
        o.put("passed", r.passed());
        o.put("elapsedMillis", millis(r.elapsed().toNanos()));
        o.put("findings", findings(r.findings()));
        o.put("timeline", timeline(r.timeline()));
        return o;
    }

    /** Milliseconds with microsecond resolution, as every {@code …Millis} field is written. */
    public static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
