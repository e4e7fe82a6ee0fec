package io.mediapath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.coturn.Coturn;
import io.mediapath.lab.coturn.EchoPeer;
import io.mediapath.lab.peers.SquidConnectProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mediapath turn --proxy} (and {@code edge --proxy-user}): real coturn behind real squid demanding Basic authentication; the proxy password
 * comes from a file (never the command line), the relayed echo passes through the tunnel, a wrong proxy password exits
 * 1 with TURN_PROXY_AUTH_REQUIRED, and no output holds either password.
 */
class TurnProxyCommandIT {
    private static final String PROXY_PASSWORD = "cli-Pr0xy-pass";

    static Coturn turn;
    static EchoPeer peer;
    static SquidConnectProxy squid;

    @BeforeAll
    static void start() {
        turn = Coturn.builder().start();
        peer = EchoPeer.start();
        squid = SquidConnectProxy.builder().allowPorts(turn.port(), turn.tlsPort()).basicAuth("dave", PROXY_PASSWORD)
                .start();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {squid, peer, turn}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void relayedEchoThroughTheProxyOverTls(@TempDir Path dir) throws Exception {
        Path pw = Files.writeString(dir.resolve("proxy-pw"), PROXY_PASSWORD + "\n");
        CliRun r = CliRun.run("turn", "turns:127.0.0.1:" + turn.tlsPort(), "--username",
                turn.username(), "--password", turn.password(), "--peer", "127.0.0.1:" + peer.port(), "--ca",
                turn.certificate().toString(), "--fast", "--proxy", squid.address().toString(), "--proxy-user", "dave",
                "--proxy-password-file", pw.toString());
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("RELAY_ECHO_OK").doesNotContain(PROXY_PASSWORD);
        assertThat(squid.accessLog()).anyMatch(l -> l.contains("CONNECT 127.0.0.1:" + turn.tlsPort())
                && l.contains("/200 "));
    }

    @Test
    void aWrongProxyPasswordIsTheProxys407(@TempDir Path dir) throws Exception {
        Path pw = Files.writeString(dir.resolve("proxy-pw"), "not-" + PROXY_PASSWORD + "\n");
        CliRun r = CliRun.run("turn", "turn:127.0.0.1:" + turn.port() + "?transport=tcp",
                "--username", turn.username(), "--password", turn.password(), "--fast", "--json", "--proxy",
                squid.address().toString(), "--proxy-user", "dave", "--proxy-password-file", pw.toString());
        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("TURN_PROXY_AUTH_REQUIRED").doesNotContain("TURN_AUTH_FAILED")
                .doesNotContain(PROXY_PASSWORD).doesNotContain(turn.password());
    }

    @Test
    void proxyOptionsAreCheckedBeforeAnythingIsSent() {
        assertThat(CliRun.run("turn", "turn:127.0.0.1:" + turn.port(), "--proxy", squid.address().toString())
                .exit()).as("UDP never goes through a proxy").isEqualTo(2);
        assertThat(CliRun.run("turn", "turn:127.0.0.1:" + turn.port() + "?transport=tcp", "--proxy",
                squid.address().toString(), "--proxy-user", "dave").exit()).as("user without password").isEqualTo(2);
        assertThat(CliRun.run("turn", "turn:127.0.0.1:" + turn.port() + "?transport=tcp", "--proxy", "nohost")
                .exit()).isEqualTo(2);
    }

    @Test
    void edgeTakesTheProxyPathAndNeverPrintsTheProxyPassword(@TempDir Path dir) throws Exception {
        Path pw = Files.writeString(dir.resolve("proxy-pw"), PROXY_PASSWORD + "\n");
        CliRun r = CliRun.run("edge", "127.0.0.1", "--dialect", "turn", "--udp-port",
                Integer.toString(turn.port()), "--tcp-port", Integer.toString(turn.port()), "--proxy",
                squid.address().toString(), "--proxy-user", "dave", "--proxy-password-file", pw.toString(), "--json",
                "--timeout", "15");
        assertThat(r.out()).contains("\"proxy-relay\"").doesNotContain(PROXY_PASSWORD);
        assertThat(squid.accessLog()).anyMatch(l -> l.contains("CONNECT 127.0.0.1:" + turn.port())
                && l.contains("/200 ") && l.contains(" dave "));
    }
}
