package io.mediapath.cli;

import static io.mediapath.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.SeedTopology;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code mediapath scan} against the lab's in-process peers (a genuine emulated Edge, the same Edge behind the
 * Websense-named intercepting proxy) and a UDP socket that never answers: one result line per target, the summary
 * per cause, plain progress lines when stderr is not a terminal, and the exit codes of the other commands.
 */
class ScanCommandTest {

    @Test
    void scansAListWithModulesCommentsAndCauses(@TempDir Path dir) throws Exception {
        try (SeedTopology clean = SeedTopology.msTurnEdge(null, "clean");
                SeedTopology websense = SeedTopology.websense();
                DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Path list = Files.writeString(dir.resolve("targets.txt"), """
                    # site list
                    %s                      # the genuine Edge, default module
                    %s pseudo_tls            # behind the intercepting proxy

                    127.0.0.1:%d stun_udp    # nothing answers
                    """.formatted(clean.clientTarget(), websense.clientTarget(), silent.getLocalPort()));
            Path page = dir.resolve("scan.html");
            CliRun r = run("scan", list.toString(), "--module", "pseudo_tls", "--timeout", "4", "--concurrency", "2",
                    "--progress", "lines", "--html", page.toString());
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            List<JsonNode> rows = r.out().lines().map(l -> JsonMapper.builder().build().readTree(l)).toList();
            assertThat(rows).hasSize(3);
            JsonNode genuine = rows.stream().filter(j -> j.get("line").asInt() == 2).findFirst().orElseThrow();
            assertThat(genuine.get("success").asBoolean()).as(r.out()).isTrue();
            assertThat(genuine.get("cause").asString()).isEqualTo("OK");
            JsonNode intercepted = rows.stream().filter(j -> j.get("line").asInt() == 3).findFirst().orElseThrow();
            assertThat(intercepted.get("success").asBoolean()).isFalse();
            assertThat(intercepted.get("cause").asString()).isEqualTo("INTERCEPTED");
            assertThat(intercepted.get("intercepted").asBoolean()).isTrue();
            assertThat(intercepted.get("product").asString()).contains("Websense");
            JsonNode silentRow = rows.stream().filter(j -> j.get("line").asInt() == 5).findFirst().orElseThrow();
            assertThat(silentRow.get("failure").get("reason").asString()).isEqualTo("timeout");
            assertThat(r.err()).contains("mediapath scan: 3/~5 done, 2 failed").contains("CAUSE")
                    .containsPattern("INTERCEPTED +1  " + websense.clientTarget())
                    .containsPattern("OK +1  " + clean.clientTarget());
            // The page: the same counts per cause, and a row for each failing target (the genuine Edge has none).
            String html = Files.readString(page);
            assertThat(html).startsWith("<!DOCTYPE html>").contains("id=\"causes\"", "id=\"modalities\"",
                    "<code>INTERCEPTED</code></td><td>1</td><td>" + websense.clientTarget(),
                    "Targets that failed (2)", "Websense").doesNotContain("<script");
            assertThat(html.split("<tr class=\"FAILS target\"><td>", -1)).hasSize(3);
        }
    }

    @Test
    void csvAndAllPassingExit0(@TempDir Path dir) throws Exception {
        try (SeedTopology clean = SeedTopology.msTurnEdge(null, "clean")) {
            Path list = Files.writeString(dir.resolve("t.txt"), clean.clientTarget() + " pseudo_tls\r\n"
                    + clean.clientTarget() + " pseudo_tls\r\n");
            CliRun r = run("scan", list.toString(), "--format", "csv", "--progress", "none");
            assertThat(r.exit()).as(r.err()).isEqualTo(0);
            List<String> lines = r.out().lines().toList();
            assertThat(lines.get(0)).startsWith("line,target,module,success,duration_ms,cause");
            assertThat(lines).hasSize(3);
            assertThat(lines.get(1)).contains("," + clean.clientTarget() + ",pseudo_tls,1,").contains(",OK,");
        }
    }

    @Test
    void malformedLinesAreReportedAndExit2(@TempDir Path dir) throws Exception {
        Path list = Files.writeString(dir.resolve("bad.txt"), "http://relay.example.net/\n127.0.0.1:0\n"
                + "relay.example.net nosuchmodule\n" + "x".repeat(5000) + "\n");
        CliRun r = run("scan", list.toString(), "--progress", "lines");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out().lines()).hasSize(4).allMatch(l -> l.contains("\"cause\":\"INVALID_LINE\""));
        assertThat(r.err()).contains("line 1: ").contains("a URL").contains("line 2: ").contains("port 0")
                .contains("unknown module nosuchmodule").contains("longer than 1024");
    }

    @Test
    void stdinIsStreamed() throws Exception {
        CliRun r = CliRun.runWithStdin("# nothing to probe\n\n".getBytes(StandardCharsets.UTF_8), "scan", "-",
                "--progress", "none");
        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("0 done, 0 failed");
    }

    @Test
    void badUsageExits2(@TempDir Path dir) throws Exception {
        assertThat(run("scan", dir.resolve("none.txt").toString()).err()).contains("no such file");
        assertThat(run("scan", dir.toString()).exit()).isEqualTo(2);
        Path list = Files.writeString(dir.resolve("t.txt"), "127.0.0.1\n");
        assertThat(run("scan", list.toString(), "--format", "xml").err()).contains("--format xml");
        assertThat(run("scan", list.toString(), "--concurrency", "0").exit()).isEqualTo(2);
        assertThat(run("scan", list.toString(), "--module", "http_2xx").err()).contains("--module http_2xx: unknown");
        Path binary = Files.write(dir.resolve("b.bin"), new byte[] {1, 0, 2, 0});
        assertThat(run("scan", binary.toString()).exit()).isEqualTo(2);
    }
}
