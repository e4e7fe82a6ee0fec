package io.mediapath.cli;

import static io.mediapath.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.coturn.Coturn;
import io.mediapath.lab.coturn.EchoPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code mediapath turn} against a real coturn: exit codes, failing step and STUN code in the output. */
class TurnCommandIT {
    static Coturn turn;
    static Coturn rest;
    static EchoPeer peer;

    @BeforeAll
    static void start() {
        turn = Coturn.builder().start();
        rest = Coturn.builder().authSecret("northsecret").start();
        peer = EchoPeer.start();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {peer, turn, rest}) {
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
    void everyStepPassesOverTls() {
        CliRun r = run("turn", "turns:127.0.0.1:" + turn.tlsPort(), "--username", turn.username(), "--password",
                turn.password(), "--peer", "127.0.0.1:" + peer.port(), "--ca", turn.certificate().toString(), "--fast");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("tls", "first-response", "relay-echo", "typ relay", "RELAY_ECHO_OK")
                .doesNotContain("FAILED");
    }

    /** {@code --tcp-peer}: RFC 6062 TCP relay to a bounded one-connection TCP echo on 127.0.0.1, and to a closed port. */
    @Test
    void tcpPeerRelaysOverRfc6062AndAClosedPortIs447() throws Exception {
        try (java.net.ServerSocket echo = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (java.net.Socket s = echo.accept()) {
                    s.setSoTimeout(10_000);
                    byte[] b = new byte[1024];
                    int n;
                    while ((n = s.getInputStream().read(b)) > 0) {
                        s.getOutputStream().write(b, 0, n);
                    }
                } catch (java.io.IOException ignored) {
                    // closed
                }
            });
            t.setDaemon(true);
            t.start();
            CliRun r = run("turn", "turn:127.0.0.1:" + turn.port() + "?transport=tcp", "--username", turn.username(),
                    "--password", turn.password(), "--tcp-peer", "127.0.0.1:" + echo.getLocalPort(), "--fast");
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.out()).contains("tcp-relay-echo", "TURN_TCP_RELAY_OK").doesNotContain("FAILED");
        }
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        CliRun bad = run("turn", "turn:127.0.0.1:" + turn.port() + "?transport=tcp", "--username", turn.username(),
                "--password", turn.password(), "--tcp-peer", "127.0.0.1:" + closed, "--fast", "--json");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.out()).contains("\"failedStep\" : \"tcp-relay-echo\"", "\"stunErrorCode\" : 447",
                "TURN_TCP_RELAY_FAILED");
    }

    @Test
    void wrongPasswordExitsOneNamingTheStepAndCode() {
        CliRun r = run("turn", "turn:127.0.0.1:" + turn.port(), "--username", turn.username(), "--password", "WRONG",
                "--fast", "--json");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("\"failedStep\" : \"allocate\"", "\"stunErrorCode\" : 401", "TURN_AUTH_FAILED");
        tools.jackson.databind.JsonNode j = tools.jackson.databind.json.JsonMapper.builder().build().readTree(r.out());
        assertThat(j.get("schema").asString()).isEqualTo("mediapath.turn/1");
        // The finding keeps its evidence (the failing step) and the probe's timeline is there.
        assertThat(j.get("findings").get(0).get("evidence").get(0).get("location").asString()).startsWith("step allocate");
        assertThat(j.get("timeline").size()).isPositive();
        assertThat(j.get("timeline").get(0).has("offsetMillis")).isTrue();
        assertThat(r.out()).doesNotContain("WRONG");
    }

    /** {@code --local}: the probe leaves from 127.0.0.2 and coturn's mapped address says so. */
    @Test
    void localAddressIsWhereTheProbeLeavesFrom() {
        for (String transport : new String[] {"udp", "tcp"}) {
            CliRun r = run("turn", "turn:127.0.0.1:" + turn.port() + "?transport=" + transport, "--username",
                    turn.username(), "--password", turn.password(), "--local", "127.0.0.2", "--fast");
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.out()).as(transport).contains("from /127.0.0.2:", "mapped /127.0.0.2:");
        }
        CliRun binding = run("turn", "stun:127.0.0.1:" + turn.port(), "--local", "127.0.0.3", "--fast");
        assertThat(binding.exit()).as(binding.out()).isZero();
        assertThat(binding.out()).contains("mapped address /127.0.0.3:");
    }

    @Test
    void restApiSecretAndStunBinding() {
        CliRun r = run("turn", "turn:127.0.0.1:" + rest.port() + "?transport=tcp", "--secret", "northsecret",
                "--username", "bob", "--peer", "127.0.0.1:" + peer.port(), "--fast");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("RELAY_ECHO_OK");
        CliRun wrong = run("turn", "turn:127.0.0.1:" + rest.port(), "--secret", "not-the-secret", "--fast");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.out()).contains("TURN_AUTH_FAILED", "[STUN 401]");
        CliRun stun = run("turn", "stun:127.0.0.1:" + turn.port(), "--fast");
        assertThat(stun.exit()).as(stun.out()).isZero();
        assertThat(stun.out()).contains("binding", "BINDING_OK");
    }
}
