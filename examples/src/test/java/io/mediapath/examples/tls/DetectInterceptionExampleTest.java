package io.mediapath.examples.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.TransportAddress;
import io.mediapath.tls.TlsInspection;
import io.mediapath.tls.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DetectInterceptionExampleTest {

    /** Answers every connection's first read with {@code answer} (an in-process stand-in for a middlebox). */
    private static ServerSocket peer(byte[] answer) throws IOException {
        ServerSocket server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(5000);
                    InputStream in = s.getInputStream();
                    in.read(new byte[4096]);
                    s.getOutputStream().write(answer);
                    s.getOutputStream().flush();
                } catch (IOException e) {
                    // next
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return server;
    }

    @Test
    void authenticatingProxyIsDetected() throws IOException {
        byte[] page = "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        try (ServerSocket s = peer(page)) {
            TlsInspection i = DetectInterceptionExample.detect(new TransportAddress("127.0.0.1", s.getLocalPort()),
                    "relay.lync.test", Duration.ofSeconds(5));
            assertThat(i.verdict()).isEqualTo(Verdict.HTTP_PROXY_RESPONSE);
            assertThat(i.has("TCP_OPEN_TLS_BLOCKED")).isTrue();
        }
    }

    @Test
    void genuineRelayIsGenuine() throws IOException {
        byte[] a = new byte[83];
        new java.security.SecureRandom().nextBytes(a);
        byte[] head = {0x16, 0x03, 0x01, 0x00, 0x4e, 0x02, 0x00, 0x00, 0x46, 0x03, 0x01};
        System.arraycopy(head, 0, a, 0, head.length);
        a[43] = 0x20;
        byte[] tail = {0x00, 0x18, 0x00, 0x0e, 0x00, 0x00, 0x00};
        System.arraycopy(tail, 0, a, 76, tail.length);
        try (ServerSocket s = peer(a)) {
            TlsInspection i = DetectInterceptionExample.detect(new TransportAddress("127.0.0.1", s.getLocalPort()),
                    null, Duration.ofSeconds(5));
            assertThat(i.verdict()).isEqualTo(Verdict.GENUINE_PSEUDO_TLS);
        }
    }
}
