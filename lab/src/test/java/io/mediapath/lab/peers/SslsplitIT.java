package io.mediapath.lab.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.RawExchange;
import io.mediapath.lab.TrustAll;
import io.mediapath.lab.edge.EmulatedEdge;
import io.mediapath.lab.pki.LabCa;
import io.mediapath.testing.TestData;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SslsplitIT {

    @Test
    void forgesTheOriginsLeafWithTheLabCa() throws Exception {
        LabCa publicPki = LabCa.builder().subject("CN=Lab Public Root CA,O=Lab PKI").build();
        try (OpensslServer origin = OpensslServer.builder().certificate(OpensslServer.relayCertificate(publicPki)).start();
                Sslsplit split = Sslsplit.builder().upstream(origin.address()).start()) {
            List<X509Certificate> chain = TrustAll.chain(split.address().host(), split.address().port(), "relay.lync.test");
            X509Certificate leaf = chain.get(0);
            X509Certificate genuine = origin.certificate().certificate();
            assertThat(leaf.getSubjectX500Principal()).isEqualTo(genuine.getSubjectX500Principal());
            assertThat(leaf.getIssuerX500Principal()).isEqualTo(split.ca().certificate().getSubjectX500Principal());
            assertThat(leaf.getIssuerX500Principal().getName()).contains("Lab Interception Root CA");
            assertThat(leaf.getPublicKey()).isNotEqualTo(genuine.getPublicKey());
            leaf.verify(split.ca().publicKey());
            awaitLog(split);
            assertThat(String.join("\n", split.connectLogLines())).contains("origcrt:").contains("usedcrt:");
        }
    }

    @Test
    void pseudoTlsThroughSslsplitIsNotTheGenuineAnswer() throws Exception {
        try (EmulatedEdge edge = EmulatedEdge.start();
                Sslsplit split = Sslsplit.builder().upstream(edge.address()).start()) {
            byte[] hello = TestData.vector("mstcp-pseudotls-clienthello.hex");
            RawExchange direct = RawExchange.run(edge.address().host(), edge.address().port(), hello, 83, 5000);
            assertThat(direct.bytes()).hasSize(83);
            RawExchange x = RawExchange.run(split.address().host(), split.address().port(), hello, 83, 5000);
            // the guide's lab result: sslsplit dials upstream with its own hello, fails, then resets or alerts
            assertThat(x.bytes().length == 83 && x.bytes()[5] == 0x02 && x.bytes()[79] == 0x0e)
                    .as("answer through sslsplit must not be the genuine record: %s %s", x.end(), x.bytes().length)
                    .isFalse();
            assertThat(x.end()).isIn("RESET", "EOF");
        }
    }

    private static void awaitLog(Sslsplit split) throws InterruptedException {
        for (int i = 0; i < 100 && split.connectLogLines().isEmpty(); i++) {
            Thread.sleep(50);
        }
    }
}
