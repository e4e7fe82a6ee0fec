package io.mediapath.cli;

import static io.mediapath.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mediapath exporter} refuses to start, with exit 2 and one line, on every bad option or config. */
class ExporterCommandTest {

    @Test
    void badOptionsAndConfigsExit2WithTheReason(@TempDir Path dir) throws Exception {
        CliRun missing = run("exporter", "--config", dir.resolve("nope.yml").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("not a regular file");

        Path typo = Files.writeString(dir.resolve("typo.yml"), "alow: [10.0.0.0/8]\n");
        CliRun t = run("exporter", "--config", typo.toString());
        assertThat(t.exit()).isEqualTo(2);
        assertThat(t.err()).contains("alow: unknown key");

        Path secret = Files.writeString(dir.resolve("secret.yml"),
                "modules: {a: {prober: turn_udp, credentials: {username: u, password: hunter2}}}\n");
        CliRun s = run("exporter", "--config", secret.toString());
        assertThat(s.exit()).isEqualTo(2);
        assertThat(s.err()).contains("never written in the config").doesNotContain("hunter2");

        CliRun allow = run("exporter", "--allow", "10.0.0.0/40");
        assertThat(allow.exit()).isEqualTo(2);
        assertThat(allow.err()).contains("prefix length");

        CliRun listen = run("exporter", "--listen", "http://0.0.0.0:9115");
        assertThat(listen.exit()).isEqualTo(2);
        assertThat(listen.err()).contains("a URL");
    }

    @Test
    void anAddressInUseExits2(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun r = run("exporter", "--listen", "127.0.0.1:" + taken.getLocalPort(), "--allow", "127.0.0.1");
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("cannot listen on");
        }
    }
}
