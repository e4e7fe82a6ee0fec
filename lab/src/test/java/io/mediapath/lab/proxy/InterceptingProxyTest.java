package io.mediapath.lab.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediapath.lab.RawExchange;
import io.mediapath.lab.TrustAll;
import io.mediapath.lab.pki.LabCa;
import io.mediapath.lab.proxy.InterceptingProxy.Mode;
import io.mediapath.testing.TestData;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

class InterceptingProxyTest {

    private static final byte[] PSEUDO_HELLO = TestData.vector("mstcp-pseudotls-clienthello.hex");
    private static final LabCa CA = LabCa.builder().subject("CN=Test Interception CA,O=lab,OU=SSL Inspection").build();

    @Test
    void forgeTerminatesRealTlsWithALeafForgedByTheLabCa() throws Exception {
        LabCa genuine = LabCa.create();
        X509Certificate original = genuine.issue(new X500Principal("CN=relay.lync.test,O=Genuine Relay Inc"),
                Duration.ofDays(30), "relay.lync.test").certificate();
        try (InterceptingProxy p = InterceptingProxy.builder().ca(CA).mimic(original).start()) {
            List<X509Certificate> chain = TrustAll.chain(p.address().host(), p.address().port(), "relay.lync.test");
            assertThat(chain.get(0).getSubjectX500Principal()).isEqualTo(original.getSubjectX500Principal());
            assertThat(chain.get(0).getIssuerX500Principal()).isEqualTo(CA.certificate().getSubjectX500Principal());
            assertThat(chain.get(0).getPublicKey()).isNotEqualTo(original.getPublicKey());
            // a client trusting the lab CA accepts it (that is what a corporate-managed machine does)
            TrustAll.handshake(CA.clientSslContext(), p.address().host(), p.address().port());
            // a client trusting the genuine PKI only refuses it
            assertThatThrownBy(() -> TrustAll.handshake(genuine.clientSslContext(), p.address().host(),
                    p.address().port())).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        }
    }

    @Test
    void forgeRefusesThePseudoTlsHelloWithAnAlert() throws Exception {
        try (InterceptingProxy p = InterceptingProxy.builder().ca(CA).start()) {
            RawExchange x = RawExchange.run(p.address().host(), p.address().port(), PSEUDO_HELLO, 83, 5000);
            assertThat(x.bytes()).isNotEmpty();
            assertThat(x.bytes()[0]).isEqualTo((byte) 0x15); // alert record: a real TLS stack refused it
            assertThat(x.end()).isIn("EOF", "RESET");
        }
    }

    @Test
    void http407AnswersAProxyAuthenticationPage() throws Exception {
        try (InterceptingProxy p = InterceptingProxy.builder().mode(Mode.HTTP_407).realm("Corp").start()) {
            RawExchange x = RawExchange.run(p.address().host(), p.address().port(), PSEUDO_HELLO, 1 << 20, 5000);
            assertThat(x.text()).startsWith("HTTP/1.1 407 Proxy Authentication Required\r\n")
                    .contains("Proxy-Authenticate: Basic realm=\"Corp\"\r\n")
                    .contains("<title>Proxy Authentication Required</title>");
            assertThat(x.end()).isEqualTo("EOF");
        }
    }

    @Test
    void http302RedirectsToTheLoginPortal() throws Exception {
        try (InterceptingProxy p = InterceptingProxy.builder().mode(Mode.HTTP_302_PORTAL)
                .portalLocation("http://portal.lab.invalid/login").start()) {
            RawExchange x = RawExchange.run(p.address().host(), p.address().port(), PSEUDO_HELLO, 1 << 20, 5000);
            assertThat(x.text()).startsWith("HTTP/1.1 302 Found\r\n")
                    .contains("Location: http://portal.lab.invalid/login\r\n");
        }
    }

    @Test
    void resetSendsRstAndCloseSendsFin() throws Exception {
        try (InterceptingProxy p = InterceptingProxy.start(Mode.RESET)) {
            RawExchange x = RawExchange.run(p.address().host(), p.address().port(), PSEUDO_HELLO, 1, 5000);
            assertThat(x.end()).isEqualTo("RESET");
            assertThat(x.bytes()).isEmpty();
        }
        try (InterceptingProxy p = InterceptingProxy.start(Mode.CLOSE)) {
            RawExchange x = RawExchange.run(p.address().host(), p.address().port(), PSEUDO_HELLO, 1, 5000);
            assertThat(x.end()).isEqualTo("EOF");
            assertThat(x.bytes()).isEmpty();
        }
    }

    @Test
    void tlsAlertIsAFatalHandshakeFailureInTheHellosVersion() throws Exception {
        try (InterceptingProxy p = InterceptingProxy.start(Mode.TLS_ALERT)) {
            RawExchange x = RawExchange.run(p.address().host(), p.address().port(), PSEUDO_HELLO, 1 << 20, 5000);
            assertThat(x.bytes()).containsExactly(0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x28);
            assertThat(x.end()).isEqualTo("EOF");
        }
    }

    @Test
    void oneRecordPerPacketSplitsServerHelloCertificateAndDone() throws Exception {
        try (InterceptingProxy p = InterceptingProxy.builder().mode(Mode.ONE_RECORD_PER_PACKET).ca(CA)
                .recordGap(Duration.ofMillis(400)).start()) {
            RawExchange x = RawExchange.run(p.address().host(), p.address().port(), PSEUDO_HELLO, Integer.MAX_VALUE, 3000);
            assertThat(x.end()).isEqualTo("TIMEOUT"); // it waits for the client's next flight
            assertThat(x.reads()).hasSize(3);
            assertThat(RawExchange.handshakeTypes(x.reads().get(0))).containsExactly(2);
            assertThat(RawExchange.handshakeTypes(x.reads().get(1))).containsExactly(11);
            assertThat(RawExchange.handshakeTypes(x.reads().get(2))).containsExactly(14);
            assertThat(x.reads().get(0)[1]).isEqualTo((byte) 3);
            assertThat(x.reads().get(0)[2]).isEqualTo((byte) 1); // answered in the hello's TLS 1.0
            X509Certificate leaf = firstCertificate(x.reads().get(1));
            assertThat(leaf).isEqualTo(p.forgedLeaf().certificate());
            assertThat(leaf.getIssuerX500Principal()).isEqualTo(CA.certificate().getSubjectX500Principal());
        }
    }

    @Test
    void forgedFlightSendsTheSameRecordsInOneWrite() throws Exception {
        try (InterceptingProxy p = InterceptingProxy.builder().mode(Mode.FORGED_FLIGHT).ca(CA).start()) {
            RawExchange x = RawExchange.run(p.address().host(), p.address().port(), PSEUDO_HELLO, Integer.MAX_VALUE, 1000);
            assertThat(RawExchange.handshakeTypes(x.bytes())).containsExactly(2, 11, 14);
        }
    }

    @Test
    void silenceNeverAnswers() throws Exception {
        try (InterceptingProxy p = InterceptingProxy.start(Mode.SILENCE)) {
            RawExchange x = RawExchange.run(p.address().host(), p.address().port(), PSEUDO_HELLO, 1, 700);
            assertThat(x.connected()).isTrue();
            assertThat(x.end()).isEqualTo("TIMEOUT");
            assertThat(x.bytes()).isEmpty();
            assertThat(p.connections()).isEqualTo(1);
        }
    }

    @Test
    void refusesAddressesOutsideLoopback() {
        assertThatThrownBy(() -> InterceptingProxy.builder().bindAddress("10.0.0.1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.0/8");
        assertThatThrownBy(() -> InterceptingProxy.builder().bindAddress("0.0.0.0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InterceptingProxy.builder().port(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InterceptingProxy.builder().portalLocation("x\r\nSet-Cookie: a"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static X509Certificate firstCertificate(byte[] record) throws Exception {
        // record(5) + handshake header(4) + certificate_list length(3) + first cert length(3)
        int len = ((record[12] & 0xff) << 16) | ((record[13] & 0xff) << 8) | (record[14] & 0xff);
        byte[] der = Arrays.copyOfRange(record, 15, 15 + len);
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    @Test
    void passThroughModifyChangesExactlyOneByteOnTheWayUp() throws Exception {
        try (java.net.ServerSocket upstream = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread echo = new Thread(() -> {
                try (java.net.Socket s = upstream.accept()) {
                    byte[] b = s.getInputStream().readNBytes(40);
                    s.getOutputStream().write(b);
                    s.getOutputStream().flush();
                } catch (java.io.IOException ignored) {
                    // the test's assertion reports it
                }
            });
            echo.setDaemon(true);
            echo.start();
            try (InterceptingProxy p = InterceptingProxy.builder().mode(Mode.PASS_THROUGH_MODIFY)
                    .upstream(new io.mediapath.ice.TransportAddress("127.0.0.1", upstream.getLocalPort()))
                    .modifyOffset(30).start();
                    java.net.Socket c = new java.net.Socket(p.address().host(), p.address().port())) {
                c.setSoTimeout(10_000);
                byte[] sent = new byte[40];
                Arrays.fill(sent, (byte) 'a');
                c.getOutputStream().write(sent, 0, 25); // two writes: the offset counts across reads
                c.getOutputStream().flush();
                Thread.sleep(50);
                c.getOutputStream().write(sent, 25, 15);
                byte[] back = c.getInputStream().readNBytes(40);
                byte[] expected = sent.clone();
                expected[30] ^= 0x20;
                assertThat(back).isEqualTo(expected);
            }
        }
    }

    @Test
    void passThroughModifyNeedsAnUpstream() {
        assertThatThrownBy(() -> InterceptingProxy.builder().mode(Mode.PASS_THROUGH_MODIFY).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("upstream");
    }
}
