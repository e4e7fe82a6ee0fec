package io.mediapath.cli;

import static io.mediapath.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.coturn.Coturn;
import io.mediapath.lab.coturn.EchoPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code mediapath nat} and {@code mediapath quality} against a real coturn on two loopback addresses and coturn's
 * echo peer: text and JSON (schemas {@code mediapath.nat/1}, {@code mediapath.quality/1}), exit codes, and the
 * password never printed.
 */
class PathCommandsIT {
    static Coturn turn;
    static EchoPeer peer;
    static int alt;

    @BeforeAll
    static void start() {
        alt = Coturn.freePort();
        turn = Coturn.builder().line("listening-ip=127.0.0.2").line("alt-listening-port=" + alt).start();
        peer = EchoPeer.start();
    }

    @AfterAll
    static void stop() {
        if (peer != null) {
            peer.close();
        }
        if (turn != null) {
            turn.close();
        }
    }

    @Test
    void natTextAndJson(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("nat.html");
        CliRun t = run("nat", "stun:127.0.0.1:" + turn.port(), "--html", page.toString());
        assertThat(t.exit()).as(t.out()).isZero();
        assertThat(t.out()).contains("mapping      no NAT", "filtering    endpoint-independent",
                "other address 127.0.0.2:" + alt, "filtering-2", "CHANGE-REQUEST[ip+port]", "NAT_NOT_PRESENT",
                "direct UDP works");
        // The page: the ICE outlook and direct-media table first, the transactions as a ladder and a table.
        String html = Files.readString(page);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("ICE outlook: <code>DIRECT_OPEN</code>",
                "id=\"modalities\"", "<td>audio</td><td>WORKS</td><td>direct UDP</td>", "data-leg=\"nat\"",
                "other address 127.0.0.2:" + alt, "CHANGE-REQUEST[ip+port]", "NAT_NOT_PRESENT");
        assertThat(html.indexOf("id=\"modalities\"")).isLessThan(html.indexOf("data-leg=\"nat\""));
        rendersCleanly(page, "nat");
        CliRun j = run("nat", "stun:127.0.0.1:" + turn.port(), "--json");
        assertThat(j.exit()).isZero();
        JsonNode n = JsonMapper.builder().build().readTree(j.out());
        assertThat(n.get("schema").asString()).isEqualTo("mediapath.nat/1");
        assertThat(n.get("mapping").asString()).isEqualTo("NO_NAT");
        assertThat(n.get("rfc5780").asBoolean()).isTrue();
        assertThat(n.get("transactions").size()).isGreaterThanOrEqualTo(3);
        assertThat(n.get("findings").get(0).get("code").asString()).isEqualTo("NAT_NOT_PRESENT");
    }

    @Test
    void natWithoutAnswerExitsOne() {
        CliRun r = run("nat", "stun:127.0.0.1:" + Coturn.freePort());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("NAT_DISCOVERY_FAILED");
    }

    @Test
    void natRefusesTurnUris() {
        assertThat(run("nat", "turn:127.0.0.1:" + turn.port()).exit()).isEqualTo(2);
    }

    @Test
    void qualityTextAndJson(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("quality.html");
        CliRun t = run("quality", "turn:127.0.0.1:" + turn.port(), "--username", turn.username(), "--password",
                turn.password(), "--peer", "127.0.0.1:" + peer.port(), "--duration", "2", "--html", page.toString());
        assertThat(t.exit()).as(t.out()).isZero();
        assertThat(t.out()).contains("100 sent, 100 back, 0 lost", "QUALITY_GOOD", "verdict: GOOD")
                .doesNotContain(turn.password());
        String html = Files.readString(page);
        assertThat(html).contains("Quality: <code>GOOD</code>", "<td>audio</td><td>WORKS</td><td>UDP relay</td>",
                "<svg class=\"figures\"", "<rect class=\"bar ok\"", "id=\"figures\"").doesNotContain(turn.password());
        rendersCleanly(page, "quality");
        CliRun j = run("quality", "turn:127.0.0.1:" + turn.port() + "?transport=tcp", "--username", turn.username(),
                "--password", turn.password(), "--peer", "127.0.0.1:" + peer.port(), "--duration", "1", "--size",
                "600", "--json");
        assertThat(j.exit()).as(j.out()).isZero();
        JsonNode n = JsonMapper.builder().build().readTree(j.out());
        assertThat(n.get("schema").asString()).isEqualTo("mediapath.quality/1");
        assertThat(n.get("path").asString()).startsWith("tcp ");
        assertThat(n.get("sent").asInt()).isEqualTo(50);
        assertThat(n.get("passed").asBoolean()).isTrue();
        assertThat(j.out()).doesNotContain(turn.password());
    }

    @Test
    void qualityWithWrongPasswordExitsOne() {
        CliRun r = run("quality", "turn:127.0.0.1:" + turn.port(), "--username", turn.username(), "--password",
                "wrong", "--peer", "127.0.0.1:" + peer.port(), "--duration", "1");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void qualityUsageErrors() {
        assertThat(run("quality", "stun:127.0.0.1:3478", "--username", "u", "--password", "p", "--peer",
                "127.0.0.1:9").exit()).isEqualTo(2);
        assertThat(run("quality", "turn:127.0.0.1:3478", "--username", "u", "--password", "p", "--peer",
                "127.0.0.1:9", "--size", "20").exit()).isEqualTo(2);
        assertThat(run("quality", "turn:127.0.0.1:3478", "--username", "u", "--password", "p").exit()).isEqualTo(2);
        assertThat(run("quality", "turn:127.0.0.1:3478", "--username", "u", "--password", "p", "--peer",
                "127.0.0.1:9", "--html", "/nonexistent/dir/q.html").exit()).isEqualTo(2);
        assertThat(run("nat", "stun:127.0.0.1:3478", "--html", "/nonexistent/dir/n.html").exit()).isEqualTo(2);
    }

    /** MS-TURN quality runs are refused with what is missing, before any prompt or packet. */
    @Test
    void qualityOverMsTurnIsRefusedWithTheReason() {
        CliRun r = run("quality", "turn:127.0.0.1:3478", "--ms-turn", "--username", "u", "--password", "secretpw",
                "--peer", "127.0.0.1:9");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--ms-turn", "Send requests (0x0004", "Data indications (0x0115)",
                "mediapath turn --ms-turn", "turn:HOST").doesNotContain("secretpw");
        CliRun e = run("edge", "--lab", "clean", "--quality", "3");
        assertThat(e.exit()).isEqualTo(2);
        assertThat(e.err()).contains("MS-TURN Edge (--lab)", "Data indications (0x0115)");
    }

    /** The page in headless Chromium: no console message, its SVG in the rendered DOM; the PNG kept as an artefact. */
    private static void rendersCleanly(Path page, String name) throws Exception {
        Path out = Files.createDirectories(HtmlReportBrowserIT.OUT);
        io.mediapath.lab.peers.Chromium.Rendering r = io.mediapath.lab.peers.Chromium.render(page,
                out.resolve(name + ".png"), 1100, 1200, java.time.Duration.ofSeconds(60));
        assertThat(r.console()).as("console messages of " + name).isEmpty();
        assertThat(r.dom()).contains("<svg", "id=\"modalities\"").doesNotContainPattern("(?i)<script");
    }
}
