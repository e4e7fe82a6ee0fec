package io.mediapath.cli;

import static io.mediapath.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TlsCommandTest {

    /** A one-purpose in-process peer: answers the first read with {@code answer}, then waits for the client to close. */
    private static final class Peer implements AutoCloseable {
        final ServerSocket server;

        Peer(byte[] answer) throws IOException {
            server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        s.setSoTimeout(5000);
                        InputStream in = s.getInputStream();
                        byte[] buf = new byte[4096];
                        in.read(buf);
                        OutputStream out = s.getOutputStream();
                        out.write(answer);
                        out.flush();
                        in.read(buf);
                    } catch (IOException e) {
                        // next connection
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        String target() {
            return "127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** The relay's 83-byte answer (vectors/ms template with a random and session id filled in). */
    private static byte[] genuineAnswer() {
        byte[] a = new byte[83];
        byte[] head = {0x16, 0x03, 0x01, 0x00, 0x4e, 0x02, 0x00, 0x00, 0x46, 0x03, 0x01};
        System.arraycopy(head, 0, a, 0, head.length);
        new java.security.SecureRandom().nextBytes(a); // random and session id
        System.arraycopy(head, 0, a, 0, head.length);
        a[43] = 0x20;
        byte[] tail = {0x00, 0x18, 0x00, 0x0e, 0x00, 0x00, 0x00};
        System.arraycopy(tail, 0, a, 76, tail.length);
        return a;
    }

    @Test
    void genuinePseudoTlsExitsZeroInTextAndJson() throws IOException {
        try (Peer p = new Peer(genuineAnswer())) {
            CliRun text = run("tls", "--pseudo-tls", "--timeout", "5", p.target());
            assertThat(text.exit()).isZero();
            assertThat(text.out()).contains("GENUINE_PSEUDO_TLS").contains("ServerHello, ServerHelloDone");
            CliRun json = run("tls", "--pseudo-tls", "--json", p.target());
            assertThat(json.exit()).isZero();
            assertThat(json.out()).contains("\"verdict\" : \"GENUINE_PSEUDO_TLS\"").contains("\"genuine\" : true");
        }
    }

    @Test
    void proxyPageExitsOneAndNamesTheVerdict() throws IOException {
        byte[] page = ("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"gw\"\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (Peer p = new Peer(page)) {
            CliRun text = run("tls", "--pseudo-tls", p.target());
            assertThat(text.exit()).isEqualTo(1);
            assertThat(text.out()).contains("HTTP_PROXY_RESPONSE").contains("TCP_OPEN_TLS_BLOCKED").contains("bypass");
            CliRun json = run("tls", "--json", p.target());
            assertThat(json.exit()).isEqualTo(1);
            assertThat(json.out()).contains("\"verdict\" : \"HTTP_PROXY_RESPONSE\"").contains("\"status\" : 407");
            tools.jackson.databind.JsonNode j = tools.jackson.databind.json.JsonMapper.builder().build().readTree(json.out());
            assertThat(j.get("schema").asString()).isEqualTo("mediapath.tls/1");
            assertThat(j.get("timeline").size()).isPositive();
            assertThat(j.get("findings").get(0).get("evidence").size()).isPositive();
            assertThat(text.out()).contains("timeline:");
        }
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(run("tls", "--pin", "md5/xyz", "127.0.0.1:1").exit()).isEqualTo(2);
        assertThat(run("tls", "--trust", "/nonexistent/file.pem", "127.0.0.1:1").exit()).isEqualTo(2);
        assertThat(run("tls", "--timeout", "-1", "127.0.0.1:1").exit()).isEqualTo(2);
        CliRun noTarget = run("tls");
        assertThat(noTarget.exit()).isEqualTo(2);
    }
}
