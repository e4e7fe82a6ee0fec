package io.mediapath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.edge.EmulatedEdge;
import io.mediapath.lab.proxy.InterceptingProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code mediapath turn --ms-turn} against the lab's emulated Lync Edge (pseudo-TLS on TCP, MS-TURN Allocate) and
 * against an intercepting proxy standing where the seeds' web-security proxy stood.
 */
class MsTurnCommandIT {

    @Test
    void allocatesThroughTheEdgeOverPseudoTlsAndUdp(@TempDir Path dir) throws Exception {
        try (EmulatedEdge edge = EmulatedEdge.builder().msTurn("alice", "s3cret").msTurnRealm("SIP Communications Service")
                .start()) {
            Path page = dir.resolve("ms-turn.html");
            CliRun tcp = CliRun.run("turn", "--ms-turn", "turn:127.0.0.1:" + edge.address().port()
                    + "?transport=tcp", "--username", "alice", "--password", "s3cret", "--timeout", "10", "--html",
                    page.toString());
            assertThat(tcp.exit()).as(tcp.out()).isZero();
            assertThat(tcp.out()).contains("pseudo-tls   PASS", "challenge    PASS  401 from realm \"SIP Communications Service\"",
                    "allocate     PASS  relayed 127.0.0.1:", "verdict: ALLOCATED").doesNotContain("s3cret");
            // The page: the one leg's conclusion (TCP modalities work, UDP not probed) and the exchange's ladder.
            String html = Files.readString(page);
            assertThat(html).startsWith("<!DOCTYPE html>").contains("Root cause: <code>NONE</code>",
                    "id=\"modalities\"", "<tr class=\"WORKS\"><td>app sharing</td>", "<tr class=\"UNKNOWN\"><td>audio</td>",
                    "Probe verdict: <code>ALLOCATED</code>", "data-leg=\"ms-turn\"", "<svg").doesNotContain("s3cret");

            CliRun fromLocal = CliRun.run("turn", "--ms-turn", "turn:127.0.0.1:"
                    + edge.address().port() + "?transport=tcp", "--username", "alice", "--password", "s3cret",
                    "--local", "127.0.0.2", "--timeout", "10");
            assertThat(fromLocal.exit()).as(fromLocal.out()).isZero();
            assertThat(fromLocal.out()).contains("reflexive 127.0.0.2:");

            CliRun udp = CliRun.run("turn", "--ms-turn", "turn:127.0.0.1:"
                    + edge.udpAddress().orElseThrow().port(), "--username", "alice", "--password", "s3cret", "--json",
                    "--timeout", "10");
            assertThat(udp.exit()).as(udp.out()).isZero();
            JsonNode j = JsonMapper.builder().build().readTree(udp.out());
            assertThat(j.get("transport").asString()).isEqualTo("UDP");
            assertThat(j.get("verdict").asString()).isEqualTo("ALLOCATED");
            assertThat(j.get("relayed").asString()).startsWith("127.0.0.1:");
            assertThat(j.get("schema").asString()).isEqualTo("mediapath.turn/1");
            assertThat(j.get("dialect").asString()).isEqualTo("ms-turn");
            assertThat(j.get("findings").get(0).get("code").asString()).isEqualTo("TURN_ALLOCATED");
            assertThat(j.get("findings").get(0).get("evidence").get(0).get("location").asString()).startsWith("step allocate");
            assertThat(udp.out()).doesNotContain("s3cret");

            CliRun wrong = CliRun.run("turn", "--ms-turn", "turn:127.0.0.1:" + edge.address().port()
                    + "?transport=tcp", "--username", "alice", "--password", "wrong", "--timeout", "10");
            assertThat(wrong.exit()).as(wrong.out()).isEqualTo(MediapathCli.FOUND);
            assertThat(wrong.out()).contains("challenge    PASS").contains("AUTH_FAILED").doesNotContain("ALLOCATED");
        }
    }

    @Test
    void anInterceptorIsNamedAndNoCredentialIsSent(@TempDir Path dir) throws Exception {
        try (InterceptingProxy proxy = InterceptingProxy.start(InterceptingProxy.Mode.FORGE)) {
            CliRun r = CliRun.run("turn", "--ms-turn", "turn:127.0.0.1:" + proxy.address().port()
                    + "?transport=tcp", "--username", "alice", "--password", "s3cret", "--timeout", "10");
            assertThat(r.exit()).as(r.out()).isEqualTo(MediapathCli.FOUND);
            assertThat(r.out()).contains("pseudo-tls   FAIL", "no credentials were sent", "by IP",
                    "verdict: PSEUDO_TLS_INTERCEPTED", "CRITICAL TURN_PSEUDO_TLS_INTERCEPTED");
            Path page = dir.resolve("intercepted.html");
            CliRun json = CliRun.run("turn", "--ms-turn", "turn:127.0.0.1:" + proxy.address().port()
                    + "?transport=tcp", "--username", "alice", "--password", "s3cret", "--timeout", "10", "--json",
                    "--html", page.toString());
            assertThat(Files.readString(page)).contains("Root cause: <code>TLS_INTERCEPTED</code>",
                    "<tr class=\"FAILS\"><td>file transfer</td>", "data-leg=\"ms-turn\"").doesNotContain("s3cret");
            JsonNode j = JsonMapper.builder().build().readTree(json.out());
            assertThat(j.get("findings").get(0).get("code").asString()).isEqualTo("TURN_PSEUDO_TLS_INTERCEPTED");
            assertThat(j.get("findings").get(0).get("remedy").asString()).contains("by IP address");
            assertThat(json.out()).doesNotContain("s3cret");
        }
    }

    @Test
    void turnsAndSecretsAreBadUsageWithMsTurn() {
        assertThat(CliRun.run("turn", "--ms-turn", "turns:127.0.0.1:443").exit()).isEqualTo(MediapathCli.USAGE);
    }
}
