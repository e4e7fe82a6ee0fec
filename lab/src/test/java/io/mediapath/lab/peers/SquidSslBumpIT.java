package io.mediapath.lab.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.ProxyConnect;
import io.mediapath.lab.RawExchange;
import io.mediapath.lab.edge.EmulatedEdge;
import io.mediapath.lab.pki.LabCa;
import io.mediapath.testing.TestData;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SquidSslBumpIT {

    private static SquidSslBump squid;
    private static OpensslServer origin;
    private static EmulatedEdge edge;

    @BeforeAll
    static void start() {
        origin = OpensslServer.builder()
                .certificate(OpensslServer.relayCertificate(LabCa.builder().subject("CN=Lab Public Root CA,O=Lab PKI").build()))
                .start();
        edge = EmulatedEdge.start();
        squid = SquidSslBump.start();
    }

    @AfterAll
    static void stop() {
        if (squid != null) {
            long pid = squid.pid();
            squid.close();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
        if (origin != null) {
            origin.close();
        }
        if (edge != null) {
            edge.close();
        }
    }

    @Test
    void authPortAnswers407WithBasicChallenge() throws Exception {
        ProxyConnect.Tunnel t = ProxyConnect.connect(squid.authProxy(), origin.address(), null);
        try (Socket s = t.socket()) {
            assertThat(t.status()).isEqualTo(407);
            assertThat(t.head()).contains("Proxy-Authenticate: Basic realm=\"tls-inspect-lab\"")
                    .contains("X-Squid-Error: ERR_CACHE_ACCESS_DENIED");
        }
        ProxyConnect.Tunnel ok = ProxyConnect.connect(squid.authProxy(), origin.address(), "user:pass");
        try (Socket s = ok.socket()) {
            assertThat(ok.status()).isEqualTo(200);
        }
    }

    @Test
    void bumpPortForgesTheLeafWithTheLabCa() throws Exception {
        ProxyConnect.Tunnel t = ProxyConnect.connect(squid.bumpProxy(), origin.address(), null);
        try (Socket s = t.socket()) {
            assertThat(t.status()).isEqualTo(200);
            List<X509Certificate> chain = ProxyConnect.tlsChain(s, "relay.lync.test");
            X509Certificate leaf = chain.get(0);
            assertThat(leaf.getSubjectX500Principal()).isEqualTo(origin.certificate().certificate().getSubjectX500Principal());
            assertThat(leaf.getIssuerX500Principal()).isEqualTo(squid.ca().certificate().getSubjectX500Principal());
            // squid's artefacts: the CA's own key in the leaf, the origin's validity dates copied
            assertThat(leaf.getPublicKey()).isEqualTo(squid.ca().publicKey());
            assertThat(leaf.getNotAfter()).isEqualTo(origin.certificate().certificate().getNotAfter());
        }
    }

    @Test
    void rawClientHelloToTheExplicitPortGets400FromSquid() throws Exception {
        RawExchange x = RawExchange.run(squid.plainProxy().host(), squid.plainProxy().port(),
                ProxyConnect.jdkClientHello(), Integer.MAX_VALUE, 5000);
        assertThat(x.text()).startsWith("HTTP/1.1 400 Bad Request").contains("X-Squid-Error: ERR_PROTOCOL_UNKNOWN")
                .containsPattern("Server: squid/\\d");
    }

    @Test
    void plainTunnelPassesTheGenuinePseudoTlsAnswer() throws Exception {
        ProxyConnect.Tunnel t = ProxyConnect.connect(squid.plainProxy(), edge.address(), null);
        try (Socket s = t.socket()) {
            assertThat(t.status()).isEqualTo(200);
            s.getOutputStream().write(TestData.vector("mstcp-pseudotls-clienthello.hex"));
            byte[] answer = s.getInputStream().readNBytes(83);
            assertThat(answer).hasSize(83);
            assertThat(answer[0]).isEqualTo((byte) 0x16);
            assertThat(answer[79]).isEqualTo((byte) 0x0e); // ServerHelloDone in the same record
        }
    }

    @Test
    void bumpTunnelRefusesThePseudoTlsHello() throws Exception {
        ProxyConnect.Tunnel t = ProxyConnect.connect(squid.bumpProxy(), edge.address(), null);
        try (Socket s = t.socket()) {
            assertThat(t.status()).isEqualTo(200);
            s.getOutputStream().write(TestData.vector("mstcp-pseudotls-clienthello.hex"));
            byte[] answer = s.getInputStream().readNBytes(7);
            assertThat(answer).isNotEmpty();
            assertThat(answer[0]).isEqualTo((byte) 0x15); // TLS alert, not the genuine record
        }
    }
}
