package io.mediapath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TurnCommandTest {

    static int run(ByteArrayOutputStream err, String... args) {
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return MediapathCli.execute(args);
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void badUsageExitsTwoWithTheReason() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(err, "turn", "http://example.org")).isEqualTo(MediapathCli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("scheme");
        err.reset();
        assertThat(run(err, "turn", "turn:127.0.0.1", "--username", "u")).isEqualTo(MediapathCli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--password");
        err.reset();
        assertThat(run(err, "turn", "turn:127.0.0.1", "--peer", "127.0.0.1")).isEqualTo(MediapathCli.USAGE);
        assertThat(run(err, "turn", "turns:127.0.0.1?transport=udp")).isEqualTo(MediapathCli.USAGE);
        assertThat(run(err, "turn")).isEqualTo(MediapathCli.USAGE);
        err.reset();
        // Documentation range (RFC 5737): never an address of this host; checked before anything binds.
        assertThat(run(err, "turn", "turn:127.0.0.1", "--local", "192.0.2.1")).isEqualTo(MediapathCli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--local 192.0.2.1: not an address of this host");
        err.reset();
        assertThat(run(err, "turn", "turn:127.0.0.1", "--local", "cafe")).isEqualTo(MediapathCli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("expected an IP address");
    }

    /** Issue 11 item 3: --local ::1 toward an IPv4 server was reported as TURN_CONNECTION_CLOSED after the attempt. */
    @Test
    void aLocalAddressOfTheOtherFamilyThanALiteralServerIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(err, "turn", "turn:127.0.0.1:3478", "--fast", "--local", "::1")).isEqualTo(MediapathCli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--local ::1 is IPv6 but the server 127.0.0.1 is IPv4")
                .doesNotContain("CONNECTION_CLOSED");
        err.reset();
        assertThat(run(err, "turn", "turn:[::1]:3478?transport=tcp", "--ms-turn", "--local", "127.0.0.1"))
                .isEqualTo(MediapathCli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is IPv4 but the server ::1 is IPv6");
    }
}
