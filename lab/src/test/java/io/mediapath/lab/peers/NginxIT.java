package io.mediapath.lab.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.TrustAll;
import io.mediapath.lab.pki.LabCa;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

class NginxIT {

    @Test
    void servesTlsWithTheGivenCertificateAndStopsCleanly() throws Exception {
        LabCa publicPki = LabCa.builder().subject("CN=Lab Public Root CA,O=Lab PKI").build();
        Path dir;
        long pid;
        try (Nginx n = Nginx.builder().certificate(OpensslServer.relayCertificate(publicPki)).start()) {
            dir = n.workDir();
            pid = n.pid();
            var chain = TrustAll.chain(n.address().host(), n.address().port(), "relay.lync.test");
            assertThat(chain).hasSize(2);
            assertThat(chain.get(0).getIssuerX500Principal()).isEqualTo(publicPki.certificate().getSubjectX500Principal());
            try (SSLSocket s = (SSLSocket) publicPki.clientSslContext().getSocketFactory()
                    .createSocket(n.address().host(), n.address().port())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write("GET / HTTP/1.0\r\nHost: relay.lync.test\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String r = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(r).startsWith("HTTP/1.1 200 OK").endsWith("mediapath lab nginx\n");
            }
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(dir).doesNotExist();
    }
}
