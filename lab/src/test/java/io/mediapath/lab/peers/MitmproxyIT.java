package io.mediapath.lab.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.ProxyConnect;
import io.mediapath.lab.TrustAll;
import io.mediapath.lab.pki.LabCa;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MitmproxyIT {

    @Test
    void reverseModeForgesWithItsOwnCaAndExplicitModeWithTheLabCa() throws Exception {
        LabCa publicPki = LabCa.builder().subject("CN=Lab Public Root CA,O=Lab PKI").build();
        LabCa labCa = LabCa.builder().subject("CN=Lab Interception Root CA,O=tls-inspect lab proxy").build();
        try (OpensslServer origin = OpensslServer.builder().certificate(OpensslServer.relayCertificate(publicPki)).start();
                Mitmproxy reverse = Mitmproxy.reverse(origin.address()).start();
                Mitmproxy explicit = Mitmproxy.explicit().ca(labCa).start()) {
            List<X509Certificate> chain = TrustAll.chain(reverse.address().host(), reverse.address().port(),
                    "relay.lync.test");
            X509Certificate leaf = chain.get(0);
            assertThat(leaf.getIssuerX500Principal().getName()).contains("CN=mitmproxy").contains("O=mitmproxy");
            assertThat(leaf.getIssuerX500Principal()).isEqualTo(reverse.caCertificate().getSubjectX500Principal());
            leaf.verify(reverse.caCertificate().getPublicKey());
            assertThat(leaf.getSubjectAlternativeNames().toString()).contains("relay.lync.test");

            ProxyConnect.Tunnel t = ProxyConnect.connect(explicit.address(), origin.address(), null);
            try (Socket s = t.socket()) {
                assertThat(t.status()).isEqualTo(200);
                List<X509Certificate> viaProxy = ProxyConnect.tlsChain(s, "relay.lync.test");
                assertThat(viaProxy.get(0).getIssuerX500Principal()).isEqualTo(labCa.certificate().getSubjectX500Principal());
                viaProxy.get(0).verify(labCa.publicKey());
            }
        }
    }
}
