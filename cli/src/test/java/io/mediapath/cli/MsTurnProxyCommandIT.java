package io.mediapath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.edge.EmulatedEdge;
import io.mediapath.lab.peers.SquidConnectProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mediapath turn --ms-turn --proxy}: lab's emulated Edge behind real squid demanding Basic authentication; the
 * pseudo-TLS hello and the Allocates go through the tunnel and the Edge allocates; a wrong proxy password exits 1 with
 * TURN_PROXY_AUTH_REQUIRED (the proxy's 407, not the Edge's authentication); no output holds either password.
 */
class MsTurnProxyCommandIT {
    private static final String USER = "bob@lab.test";
    private static final String PASS = "edge-s3cret";
    private static final String PROXY_PASSWORD = "cli-ms-Pr0xy-pass";

    static EmulatedEdge edge;
    static SquidConnectProxy squid;

    @BeforeAll
    static void start() {
        edge = EmulatedEdge.builder().msTurn(USER, PASS).start();
        squid = SquidConnectProxy.builder().allowPorts(edge.address().port()).basicAuth("erin", PROXY_PASSWORD).start();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {squid, edge}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    private static CliRun run(Path dir, String proxyPassword) throws Exception {
        Path pw = Files.writeString(dir.resolve("proxy-pw"), proxyPassword + "\n");
        Path edgePw = Files.writeString(dir.resolve("edge-pw"), PASS + "\n");
        return CliRun.run("turn", "turn:127.0.0.1:" + edge.address().port() + "?transport=tcp", "--ms-turn",
                "--username", USER, "--password-file", edgePw.toString(), "--fast", "--json", "--proxy",
                squid.address().toString(), "--proxy-user", "erin", "--proxy-password-file", pw.toString());
    }

    @Test
    void allocatesOnTheEdgeThroughTheProxy(@TempDir Path dir) throws Exception {
        CliRun r = run(dir, PROXY_PASSWORD);
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("ALLOCATED").doesNotContain(PROXY_PASSWORD).doesNotContain(PASS);
        assertThat(squid.accessLog()).anyMatch(l -> l.contains("CONNECT 127.0.0.1:" + edge.address().port())
                && l.contains("/200 "));
    }

    @Test
    void aWrongProxyPasswordIsTheProxys407(@TempDir Path dir) throws Exception {
        CliRun r = run(dir, "not-" + PROXY_PASSWORD);
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("TURN_PROXY_AUTH_REQUIRED").doesNotContain("TURN_AUTH_FAILED")
                .doesNotContain(PROXY_PASSWORD).doesNotContain(PASS);
    }
}
