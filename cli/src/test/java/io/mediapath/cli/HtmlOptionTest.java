package io.mediapath.cli;

import static io.mediapath.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --html FILE} on the probe commands: an unwritable path is a usage error before any probe runs (exit 2, no
 * report), and a run writes one self-contained page with the exchange's ladder, also when nothing answered (a closed
 * TCP port for {@code tls}; a UDP socket this test holds open and never reads, for {@code turn}).
 */
class HtmlOptionTest {

    @Test
    void anUnwritablePathIsAUsageErrorBeforeAnyProbe(@TempDir Path dir) {
        String bad = dir.resolve("no/such/dir/out.html").toString();
        for (String[] args : new String[][] {{"edge", "--lab", "clean", "--html", bad},
            {"tls", "127.0.0.1:9", "--html", bad}, {"turn", "turn:127.0.0.1:9", "--html", bad},
            {"tls", "127.0.0.1:9", "--html", dir.toString()}}) {
            CliRun r = run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(MediapathCli.USAGE);
            assertThat(r.out()).as("no report when it cannot be written").isEmpty();
            assertThat(r.err()).contains("--html");
        }
    }

    @Test
    void tlsToAClosedPortWritesAPageWithTheConnectThatGotNoAnswer(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again below: nothing listens there during the probe
        }
        Path page = dir.resolve("tls.html");
        CliRun r = run("tls", "127.0.0.1:" + port, "--timeout", "3", "--html", page.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(MediapathCli.FOUND);
        String html = Files.readString(page);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("Probe verdict: <code>CONNECT_FAILED</code>")
                .contains("Root cause: <code>TCP_BLOCKED</code>").contains("id=\"modalities\"")
                .contains("data-leg=\"tls\"").contains("class=\"arrow lost\"").doesNotContain("<script");
    }

    @Test
    void turnToASilentPortWritesAPageWithItsRetransmissionsAndTheDeadline(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("turn.html");
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            CliRun r = run("turn", "turn:127.0.0.1:" + silent.getLocalPort(), "--fast", "--timeout", "3", "--html",
                    page.toString());
            assertThat(r.exit()).as(r.err()).isEqualTo(MediapathCli.FOUND);
        }
        String html = Files.readString(page);
        assertThat(html).contains("data-leg=\"turn\"", "class=\"arrow lost\"", "class=\"deadline\"",
                "Root cause: <code>UDP_BLOCKED</code>", "id=\"modalities\"")
                .containsPattern("retransmit: ");
    }
}
