package io.mediapath.cli;

import static io.mediapath.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code mediapath edge}: the lab scenarios in process, the JSON schema, exit codes, no password in any output. */
class EdgeCommandTest {

    @Test
    void theSeedLiveLeadsWithModalitiesAndRootCause() {
        CliRun r = run("edge", "--lab", "websense", "--timeout", "8");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("MODALITY").contains("ROOT CAUSE TLS_INTERCEPTED (Websense");
        assertThat(r.out().indexOf("MODALITY")).isLessThan(r.out().indexOf("ROOT CAUSE"));
        assertThat(r.out().indexOf("ROOT CAUSE")).isLessThan(r.out().indexOf("LEGS"));
        assertThat(r.out()).containsPattern("appsharing +FAILS").containsPattern("audio +WORKS");
    }

    @Test
    void jsonSchemaAndNoPassword() {
        CliRun r = run("edge", "--lab", "clean", "--json", "--timeout", "8", "--username", "lab-user",
                "--password", "lab-password");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out() + r.err()).doesNotContain("lab-password");
        JsonNode n = JsonMapper.builder().build().readTree(r.out());
        assertThat(n.get("schema").asString()).isEqualTo("mediapath.edge/1");
        assertThat(n.get("rootCause").get("code").asString()).isEqualTo("NONE");
        assertThat(n.get("modalities")).hasSize(4);
        assertThat(n.get("modalities").get(2).get("name").asString()).isEqualTo("appsharing");
        assertThat(n.get("legs").get(1).get("name").asString()).isEqualTo("udp-relay");
        assertThat(n.get("legs").get(1).get("verdict").asString()).isEqualTo("ALLOCATED");
        assertThat(n.get("legs").get(1).has("timeline")).isTrue();
        assertThat(n.get("legs").get(1).has("elapsedMillis")).isTrue();
        assertThat(n.get("legs").get(1).has("findings")).isTrue();
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(run("edge").exit()).isEqualTo(2);
        assertThat(run("edge", "relay.example", "--dialect", "sip").exit()).isEqualTo(2);
        assertThat(run("edge", "relay.example", "--username", "u").exit()).isEqualTo(2);
        assertThat(run("edge", "relay.example", "--udp-port", "0").exit()).isEqualTo(2);
        assertThat(run("edge", "relay.example", "--location", "moon").exit()).isEqualTo(2);
        CliRun instead = run("edge", "relay.example", "--receipt-instead");
        assertThat(instead.exit()).isEqualTo(2);
        assertThat(instead.err()).contains("--receipt-instead is for --responder RHOST");
    }
}
