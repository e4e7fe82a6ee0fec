package io.mediapath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.coturn.Coturn;
import io.mediapath.lab.coturn.EchoPeer;
import io.mediapath.lab.edge.EmulatedEdge;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 10, the README's exit-code table: every command on a good input (0), a problem input (1), bad usage
 * (2) and unreadable input (2). The good and problem runs of {@code turn} and {@code tls} go to real peers: coturn
 * (lab launcher), the lab's emulated Edge (genuine pseudo-TLS), a silent UDP port and a closed TCP port; {@code edge}
 * runs its in-process lab topologies (clean, and the seed's web-security proxy).
 */
class ExitCodesIT {

    @Test
    void everyCommandFollowsTheTable(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.sdp");
        Files.writeString(good, HardeningTest.SDP);
        Path loose = dir.resolve("loose.sdp");
        Files.writeString(loose, HardeningTest.SDP + "a=rtpmap:0 PCMU/8000 \r\n"); // strict check: trailing blank
        String missing = dir.resolve("missing.file").toString();
        Map<String, Integer> seen = new TreeMap<>();
        int alt = Coturn.freePort();
        try (Coturn coturn = Coturn.builder().start();
                Coturn rfc5780 = Coturn.builder().line("listening-ip=127.0.0.2").line("alt-listening-port=" + alt)
                        .start();
                EchoPeer echo = EchoPeer.start();
                EmulatedEdge edge = EmulatedEdge.builder().msTurn("alice", "s3cret").start();
                DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Path pw = dir.resolve("pw");
            Files.writeString(pw, coturn.password() + "\n");
            int closed;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = s.getLocalPort();
            }
            Path goodList = dir.resolve("good.txt");
            Files.writeString(goodList, "# the lab Edge answers the genuine pseudo-TLS record\n127.0.0.1:"
                    + edge.address().port() + " pseudo_tls\n");
            Path badList = dir.resolve("bad.txt");
            Files.writeString(badList, "127.0.0.1:" + closed + " pseudo_tls\n");
            String[][][] table = {
                // command: good, problem, usage, unreadable
                {{"sdp", good.toString()}, {"sdp", "--check", loose.toString()}, {"sdp", "--no-such-option"},
                        {"sdp", missing}},
                {{"analyze", good.toString()}, {"analyze", "--sample", "seed-alf"}, {"analyze", "--caller", "mars",
                        good.toString()}, {"analyze", missing}},
                {{"turn", "turn:127.0.0.1:" + coturn.port(), "--username", coturn.username(), "--password-file",
                        pw.toString(), "--fast"},
                        {"turn", "turn:127.0.0.1:" + silent.getLocalPort(), "--fast", "--timeout", "3"},
                        {"turn", "http://127.0.0.1:" + coturn.port()},
                        {"turn", "turn:127.0.0.1:" + coturn.port(), "--username", "u", "--password-file", missing}},
                // a generous deadline: a loaded machine ran the clean lab past the 5 s default
                {{"edge", "--lab", "clean", "--timeout", "30"}, {"edge", "--lab", "websense", "--timeout", "30"},
                        {"edge"},
                        {"edge", "--lab", "clean", "--trust", missing}},
                {{"tls", "--pseudo-tls", "127.0.0.1:" + edge.address().port()},
                        {"tls", "127.0.0.1:" + closed, "--timeout", "3"},
                        {"tls", "127.0.0.1:0"},
                        {"tls", "127.0.0.1:" + edge.address().port(), "--trust", missing}},
                {{"nat", "stun:127.0.0.1:" + rfc5780.port()},
                        {"nat", "stun:127.0.0.1:" + silent.getLocalPort()},
                        {"nat", "turn:127.0.0.1:" + rfc5780.port()},
                        {"nat", "stun:127.0.0.1:" + rfc5780.port(), "--lifetime", "0"}},
                {{"quality", "turn:127.0.0.1:" + coturn.port(), "--username", coturn.username(), "--password-file",
                        pw.toString(), "--peer", "127.0.0.1:" + echo.port(), "--duration", "1"},
                        {"quality", "turn:127.0.0.1:" + coturn.port(), "--username", coturn.username(), "--password",
                                "wrong", "--peer", "127.0.0.1:" + echo.port(), "--duration", "1"},
                        {"quality", "stun:127.0.0.1:" + coturn.port(), "--username", "u", "--password", "p",
                                "--peer", "127.0.0.1:9"},
                        {"quality", "turn:127.0.0.1:" + coturn.port(), "--username", "u", "--password-file", missing,
                                "--peer", "127.0.0.1:9"}},
                // problem: the TCP port is taken (the emulated edge holds it), so a listener cannot bind
                {{"responder", "--udp", "127.0.0.1:0", "--tcp", "127.0.0.1:0", "--duration", "0.5"},
                        {"responder", "--udp", "127.0.0.1:0", "--tcp", "127.0.0.1:" + edge.address().port(),
                                "--duration", "0.5"},
                        {"responder", "--tcp", "not-an-address:443"},
                        {"responder", "--tcp", "127.0.0.1:0", "--token-file", missing}},
                {{"scan", goodList.toString(), "--timeout", "5"}, {"scan", badList.toString(), "--timeout", "3"},
                        {"scan", "--no-such-option"}, {"scan", missing}},
            };
            int[] expected = {MediapathCli.OK, MediapathCli.FOUND, MediapathCli.USAGE, MediapathCli.USAGE};
            String[] what = {"good", "problem", "usage", "unreadable"};
            for (String[][] row : table) {
                for (int i = 0; i < 4; i++) {
                    CliRun r = CliRun.run(row[i]);
                    assertThat(r.exit()).as(String.join(" ", row[i]) + " (" + what[i] + ")\n" + r.all())
                            .isEqualTo(expected[i]);
                    seen.merge(row[0][0], 1, Integer::sum);
                }
            }
        }
        // The exporter is a server with no "found" outcome: it runs (0, here for half a second), or cannot start (2).
        int free;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        String listen = "127.0.0.1:" + free;
        String[][] exporterRuns = {
            {"exporter", "--listen", listen, "--allow", "127.0.0.1", "--duration", "0.5"},
            {"exporter", "--listen", listen, "--no-such-option"},
            {"exporter", "--listen", listen, "--config", missing},
        };
        int[] exporterExpected = {MediapathCli.OK, MediapathCli.USAGE, MediapathCli.USAGE};
        for (int i = 0; i < exporterRuns.length; i++) {
            CliRun r = CliRun.run(exporterRuns[i]);
            assertThat(r.exit()).as(String.join(" ", exporterRuns[i]) + "\n" + r.all()).isEqualTo(exporterExpected[i]);
        }
        seen.put("exporter", exporterRuns.length);
        // Every command on main is in the table: a new one must be added here and to the README.
        assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(
                new picocli.CommandLine(new MediapathCli()).getSubcommands().keySet());
    }
}
