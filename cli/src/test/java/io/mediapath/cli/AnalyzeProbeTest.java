package io.mediapath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.SeedTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code mediapath analyze --probe} on a client log naming the lab's websense Edge (MRAS answer and LocalMR). */
class AnalyzeProbeTest {

    private static final String PASSWORD = "CliMrasPassw0rd+Secret=";

    @Test
    void probeConfirmsTheLogLiveInJsonAndText(@TempDir Path dir) throws Exception {
        try (SeedTopology lab = SeedTopology.websense()) {
            String host = lab.clientTarget().host();
            int udp = lab.udpAddress().orElseThrow().port();
            String text = "SIP/2.0 200 OK\r\nCall-ID: m1\r\nCSeq: 1 SERVICE\r\nFrom: <sip:a@lab.example>;tag=1\r\n"
                    + "To: <sip:fe@lab.example>;tag=2\r\n\r\n<response><credentialsResponse><credentials><username>u"
                    + "</username><password>" + PASSWORD + "</password></credentials><mediaRelayList><mediaRelay>"
                    + "<location>intranet</location><hostName>" + host + "</hostName><udpPort>" + udp + "</udpPort>"
                    + "<tcpPort>" + lab.clientTarget().port() + "</tcpPort></mediaRelay></mediaRelayList>"
                    + "</credentialsResponse></response>\r\n"
                    + "BYE sip:d@lab.example SIP/2.0\r\nCall-ID: c1\r\nCSeq: 2 BYE\r\nFrom: <sip:a@lab.example>;tag=a\r\n"
                    + "To: <sip:d@lab.example>;tag=b\r\nms-client-diagnostics: 23;reason=\"media\";CallerMediaDebug="
                    + "\"application-sharing:ICEWarn=0x800000,LocalMR=" + host + ":" + udp + ",LocalLocation=2,"
                    + "RemoteLocation=1\"\r\nContent-Length: 0\r\n\r\n";
            Path log = dir.resolve("client.log");
            Files.writeString(log, text);
            AnalyzeCommandTest.Run json = AnalyzeCommandTest.run("analyze", "--probe", "--json", log.toString());
            assertThat(json.exit()).as(json.err()).isEqualTo(1);
            JsonNode root = JsonMapper.builder().build().readTree(json.out());
            assertThat(root.get("schema").asString()).isEqualTo("mediapath.analyze/1");
            assertThat(root.get("rootCause").get("code").asString()).isEqualTo("TLS_INTERCEPTED");
            assertThat(root.get("rootCause").get("summary").asString()).contains("confirmed");
            assertThat(root.get("offlineRootCause").get("code").asString()).isEqualTo("TLS_INTERCEPTED");
            assertThat(root.get("probes")).hasSize(1);
            assertThat(root.get("probes").get(0).get("schema").asString()).isEqualTo("mediapath.edge/1");
            assertThat(root.get("relays").get(0).get("source").asString()).isEqualTo("mras");
            assertThat(json.out()).doesNotContain(PASSWORD);
            assertThat(lab.edge().usernamesSeen()).isZero();

            Path page = dir.resolve("probed.html");
            AnalyzeCommandTest.Run plain = AnalyzeCommandTest.run("analyze", "--probe", "--html", page.toString(),
                    log.toString());
            assertThat(plain.out()).startsWith("mediapath analyze --probe: client.log")
                    .contains("== Root cause: TLS_INTERCEPTED", "== Relay " + host, "== The log (offline analysis)")
                    .doesNotContain(PASSWORD);
            // The page leads with the merged cause (not the log's suspicion alone) and draws the relay's live run.
            String html = Files.readString(page);
            assertThat(html).contains("mediapath analyze --probe: client.log", "TLS_INTERCEPTED", "confirmed",
                    "Relay " + host, "id=\"modalities\"", "<svg", "The log alone suggested: TLS_INTERCEPTED")
                    .doesNotContain(PASSWORD);
            assertThat(html.indexOf("confirmed")).isLessThan(html.indexOf("mediapath analyze: client.log"));
        }
    }

    @Test
    void logCredentialsGoWithProbe() {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", "--use-log-credentials", "--sample", "seed-alf");
        assertThat(r.exit()).isEqualTo(MediapathCli.USAGE);
        assertThat(r.err()).contains("--use-log-credentials goes with --probe");
    }
}
