package io.mediapath.diagnose.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.Severity;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.ProbeResult;
import io.mediapath.ice.probe.TimelineEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonOutputTest {

    private static final Finding FINDING = Finding.builder("TCP_OPEN_TLS_BLOCKED", Severity.CRITICAL)
            .summary("TCP connect worked, the hello was answered by someone else")
            .evidence(Evidence.step("probe pseudo-tls 192.0.2.7:443", "connect", Duration.ofMillis(3), "connected"))
            .evidence(Evidence.line("trace.log", 12, "a=ice-pwd:hunter2hunter2hunter2"))
            .remedy("bypass by IP").build();

    private static JsonNode parse(Object tree) {
        return JsonMapper.builder().build().readTree(JsonOutput.write(tree));
    }

    @Test
    void aDocumentStartsWithItsSchema() {
        var doc = JsonOutput.document(JsonOutput.EDGE);
        doc.put("target", "edge.example.org");
        assertThat(JsonOutput.write(doc)).startsWith("{\n  \"schema\" : \"mediapath.edge/1\"");
        assertThat(List.of(JsonOutput.SDP, JsonOutput.TURN, JsonOutput.TLS, JsonOutput.ANALYZE, JsonOutput.EDGE))
                .allMatch(s -> s.matches("mediapath\\.[a-z]+/1")).doesNotHaveDuplicates();
    }

    @Test
    void aFindingKeepsItsEvidenceAndNeverAPassword() {
        JsonNode f = parse(JsonOutput.finding(FINDING));
        assertThat(f.propertyNames()).containsExactly("code", "severity", "summary", "evidence", "remedy");
        assertThat(f.get("evidence")).hasSize(2);
        assertThat(f.get("evidence").get(0).get("location").asString()).isEqualTo("step connect (3 ms)");
        assertThat(f.get("evidence").get(1).get("location").asString()).isEqualTo("line 12");
        assertThat(JsonOutput.write(JsonOutput.finding(FINDING))).doesNotContain("hunter2");
        JsonNode withCall = parse(JsonOutput.finding(FINDING, "abc"));
        assertThat(withCall.propertyNames()).containsExactly("code", "severity", "summary", "callId", "evidence", "remedy");
    }

    @Test
    void aProbeResultCarriesItsFindingsAndTimeline() {
        ProbeResult r = new ProbeResult("pseudo-tls", TransportAddress.parse("192.0.2.7:443", 443), "INTERCEPTED", false,
                List.of(FINDING), List.of(new TimelineEvent(0, "connect.start", "192.0.2.7:443"),
                        new TimelineEvent(1_234_567, "bytes.received", "1203 bytes")), Duration.ofMillis(42));
        JsonNode n = parse(JsonOutput.probeResult(r));
        assertThat(n.propertyNames()).containsExactly("name", "target", "verdict", "passed", "elapsedMillis", "findings",
                "timeline");
        assertThat(n.get("name").asString()).isEqualTo("pseudo-tls");
        assertThat(n.get("passed").asBoolean()).isFalse();
        assertThat(n.get("elapsedMillis").asDouble()).isEqualTo(42.0);
        assertThat(n.get("findings").get(0).get("code").asString()).isEqualTo("TCP_OPEN_TLS_BLOCKED");
        assertThat(n.get("timeline").get(1).get("offsetMillis").asDouble()).isEqualTo(1.235);
        assertThat(n.get("timeline").get(1).get("kind").asString()).isEqualTo("bytes.received");
        assertThat(TextReport.timeline(r.timeline(), "  ")).contains("+1.23 ms  bytes.received").contains("connect.start");
    }
}
