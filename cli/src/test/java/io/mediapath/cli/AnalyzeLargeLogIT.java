package io.mediapath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A 1 GB log must not need 1 GB of memory": the CLI, in a JVM of its own capped at a 64 MiB heap, analyzes a 1 GiB
 * client log (the seed's calls at the start, in the middle and at the end, client trace noise in between) and finds
 * what the seed's calls need found. The input is sixteen times the heap, so it can only have been streamed.
 */
class AnalyzeLargeLogIT {

    @TempDir
    Path dir;

    @Test
    void aOneGibLogIsAnalyzedInASixtyFourMibHeap() throws Exception {
        Path log = dir.resolve("huge.uccapilog");
        String seed = Samples.read("samples/seed-alf-appsharing.log");
        long target = 1L << 30;
        String noise = "11/21/2026|03:19:13.123 1A2B:3C4D INFO  :: CUccTraceComponent::TraceEvent - media stack "
                + "heartbeat, no signalling on this line, endpoint state nominal\n";
        try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            long written = 0;
            for (int part = 0; part < 3; part++) {
                String calls = seed.replaceAll("(?m)^Call-ID: (\\S+)", "Call-ID: $1-" + part);
                w.write(calls);
                w.write('\n');
                written += calls.length() + 1;
                long until = part == 2 ? written : target * (part + 1) / 2 - 4096;
                while (written < until) {
                    w.write(noise);
                    written += noise.length();
                }
            }
        }
        assertThat(Files.size(log)).isGreaterThanOrEqualTo(target - (1 << 20));

        Path out = dir.resolve("report.json");
        Path errFile = dir.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), MediapathCli.class.getName(), "analyze", "--json", log.toString())
                .redirectOutput(out.toFile()).redirectError(errFile.toFile()).start();
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("analysis finished within 240 s").isTrue();
        String err = Files.readString(errFile);
        assertThat(err).doesNotContain("OutOfMemoryError");
        assertThat(p.exitValue()).as("exit code (1: findings); stderr: %s", err).isEqualTo(1);

        String json = Files.readString(out);
        // each of the three copies of the seed's failed sharing session is diagnosed, with the voice call's UDP
        // relay as evidence that only the TCP allocation failed
        for (String part : List.of("-0", "-1", "-2")) {
            assertThat(json).contains(part + "\"");
        }
        assertThat(json).contains("NO_TCP_RELAY_CANDIDATE").contains("ICEWARN_PSEUDO_TLS_FAILURE")
                .contains("has a UDP relay");
    }
}
