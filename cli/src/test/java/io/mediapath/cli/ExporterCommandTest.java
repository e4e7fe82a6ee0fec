package io.mediapath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mediapath exporter} refuses to start, with exit 2 and one line, on every bad option or config. */
class ExporterCommandTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MediapathCli.execute(out, err, args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void badOptionsAndConfigsExit2WithTheReason(@TempDir Path dir) throws Exception {
        Run missing = run("exporter", "--config", dir.resolve("nope.yml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("not a regular file");

        Path typo = Files.writeString(dir.resolve("typo.yml"), "alow: [10.0.0.0/8]\n");
        Run t = run("exporter", "--config", typo.toString());
        assertThat(t.code()).isEqualTo(2);
        assertThat(t.err()).contains("alow: unknown key");

        Path secret = Files.writeString(dir.resolve("secret.yml"),
                "modules: {a: {prober: turn_udp, credentials: {username: u, password: hunter2}}}\n");
        Run s = run("exporter", "--config", secret.toString());
        assertThat(s.code()).isEqualTo(2);
        assertThat(s.err()).contains("never written in the config").doesNotContain("hunter2");

        Run allow = run("exporter", "--allow", "10.0.0.0/40");
        assertThat(allow.code()).isEqualTo(2);
        assertThat(allow.err()).contains("prefix length");

        Run listen = run("exporter", "--listen", "http://0.0.0.0:9115");
        assertThat(listen.code()).isEqualTo(2);
        assertThat(listen.err()).contains("a URL");
    }

    @Test
    void anAddressInUseExits2(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run r = run("exporter", "--listen", "127.0.0.1:" + taken.getLocalPort(), "--allow", "127.0.0.1");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("cannot listen on");
        }
    }
}
