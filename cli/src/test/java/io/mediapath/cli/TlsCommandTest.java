package io.mediapath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
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

    private record Run(int code, String out, String err) { }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = MediapathCli.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void genuinePseudoTlsExitsZeroInTextAndJson() throws IOException {
        try (Peer p = new Peer(genuineAnswer())) {
            Run text = run("tls", "--pseudo-tls", "--timeout", "5", p.target());
            assertThat(text.code()).isZero();
            assertThat(text.out()).contains("GENUINE_PSEUDO_TLS").contains("ServerHello, ServerHelloDone");
            Run json = run("tls", "--pseudo-tls", "--json", p.target());
            assertThat(json.code()).isZero();
            assertThat(json.out()).contains("\"verdict\" : \"GENUINE_PSEUDO_TLS\"").contains("\"genuine\" : true");
        }
    }

    @Test
    void proxyPageExitsOneAndNamesTheVerdict() throws IOException {
        byte[] page = ("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"gw\"\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (Peer p = new Peer(page)) {
            Run text = run("tls", "--pseudo-tls", p.target());
            assertThat(text.code()).isEqualTo(1);
            assertThat(text.out()).contains("HTTP_PROXY_RESPONSE").contains("TCP_OPEN_TLS_BLOCKED").contains("bypass");
            Run json = run("tls", "--json", p.target());
            assertThat(json.code()).isEqualTo(1);
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
        assertThat(run("tls", "--pin", "md5/xyz", "127.0.0.1:1").code()).isEqualTo(2);
        assertThat(run("tls", "--trust", "/nonexistent/file.pem", "127.0.0.1:1").code()).isEqualTo(2);
        assertThat(run("tls", "--timeout", "-1", "127.0.0.1:1").code()).isEqualTo(2);
        Run noTarget = run("tls");
        assertThat(noTarget.code()).isEqualTo(2);
    }
}
