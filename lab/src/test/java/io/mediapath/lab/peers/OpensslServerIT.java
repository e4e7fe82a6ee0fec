package io.mediapath.lab.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.RawExchange;
import io.mediapath.lab.TrustAll;
import io.mediapath.lab.pki.LabCa;
import io.mediapath.testing.TestData;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpensslServerIT {

    @Test
    void presentsTheGenuineChainAndRefusesPseudoTls() throws Exception {
        LabCa publicPki = LabCa.builder().subject("CN=Lab Public Root CA,O=Lab PKI").build();
        long pid;
        try (OpensslServer s = OpensslServer.builder().certificate(OpensslServer.relayCertificate(publicPki)).start()) {
            pid = s.pid();
            assertThat(ProcessHandle.of(pid)).isPresent();
            List<X509Certificate> chain = TrustAll.chain(s.address().host(), s.address().port(), "relay.lync.test");
            assertThat(chain.get(0)).isEqualTo(s.certificate().certificate());
            assertThat(chain.get(0).getIssuerX500Principal()).isEqualTo(publicPki.certificate().getSubjectX500Principal());
            TrustAll.handshake(publicPki.clientSslContext(), s.address().host(), s.address().port());

            RawExchange x = RawExchange.run(s.address().host(), s.address().port(),
                    TestData.vector("mstcp-pseudotls-clienthello.hex"), 83, 5000);
            assertThat(x.bytes()).isNotEmpty();
            assertThat(x.bytes()[0]).as("a real TLS stack answers the pseudo hello with an alert").isEqualTo((byte) 0x15);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
}
