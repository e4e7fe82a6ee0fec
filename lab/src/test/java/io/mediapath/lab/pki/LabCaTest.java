package io.mediapath.lab.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabCaTest {

    private static final LabCa CA = LabCa.builder()
            .subject("CN=Lab Interception Root CA,O=tls-inspect lab proxy,OU=SSL Inspection").build();

    @Test
    void rootIsASelfSignedCa() throws Exception {
        X509Certificate root = CA.certificate();
        assertThat(root.getSubjectX500Principal()).isEqualTo(root.getIssuerX500Principal());
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        root.verify(root.getPublicKey());
        assertThat(root.getSubjectX500Principal().getName()).contains("CN=Lab Interception Root CA");
    }

    @Test
    void issuedLeafCarriesNamesAndValidatesAgainstTheCa() throws Exception {
        IssuedCertificate leaf = CA.issue("relay.lync.test", "127.0.0.1");
        X509Certificate cert = leaf.certificate();
        assertThat(cert.getSubjectX500Principal()).isEqualTo(new X500Principal("CN=relay.lync.test"));
        assertThat(cert.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(2, "relay.lync.test"), List.of(7, "127.0.0.1"));
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(leaf.chain()).containsExactly(cert, CA.certificate());
        validate(cert);
    }

    @Test
    void forgedLeafMimicsTheOriginalButIsSignedByTheLabCa() throws Exception {
        LabCa publicPki = LabCa.builder().subject("CN=Lab Public Root CA,O=Lab PKI").build();
        IssuedCertificate original = publicPki.issue(
                new X500Principal("CN=relay.lync.test,O=Genuine Relay Inc"), java.time.Duration.ofDays(30),
                "relay.lync.test", "127.0.0.1");

        IssuedCertificate forged = CA.forge(original.certificate());

        X509Certificate f = forged.certificate();
        assertThat(f.getSubjectX500Principal()).isEqualTo(original.certificate().getSubjectX500Principal());
        assertThat(f.getSubjectAlternativeNames()).containsExactlyElementsOf(original.certificate().getSubjectAlternativeNames());
        assertThat(f.getIssuerX500Principal()).isEqualTo(CA.certificate().getSubjectX500Principal());
        assertThat(f.getPublicKey()).isNotEqualTo(original.certificate().getPublicKey())
                .isNotEqualTo(CA.publicKey());
        // sslsplit's validity pattern: from 24 hours ago for a year (the original had 30 days)
        long days = (f.getNotAfter().getTime() - f.getNotBefore().getTime()) / 86_400_000L;
        assertThat(days).isEqualTo(365);
        validate(f);
    }

    @Test
    void forgeReusingCaKeyLeavesTheSameSpkiAsTheIssuer() throws Exception {
        IssuedCertificate forged = CA.forgeReusingCaKey(CA.issue("a.example").certificate());
        assertThat(forged.certificate().getPublicKey()).isEqualTo(CA.publicKey());
        forged.certificate().verify(CA.publicKey());
    }

    @Test
    void writesPemThatReadsBack(@TempDir Path dir) throws Exception {
        IssuedCertificate leaf = CA.issue("relay.lync.test");
        PemFiles files = leaf.writePem(dir, "relay");
        assertThat(LabCa.readCertificates(files.certificate())).containsExactly(leaf.certificate());
        assertThat(LabCa.readCertificates(files.fullChain())).containsExactly(leaf.certificate(), CA.certificate());
        assertThat(LabCa.readCertificates(files.issuers())).containsExactly(CA.certificate());
        assertThat(Files.readString(files.privateKey())).startsWith("-----BEGIN PRIVATE KEY-----");
        PemFiles caFiles = CA.writePem(dir, "ca");
        assertThat(LabCa.readCertificates(caFiles.certificate())).containsExactly(CA.certificate());
        assertThat(CA.keyAndCertificatePem()).contains("BEGIN PRIVATE KEY").contains("BEGIN CERTIFICATE");
    }

    @Test
    void refusesBadInput(@TempDir Path dir) {
        assertThatThrownBy(() -> CA.issue()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CA.issue("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CA.writePem(dir, "../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LabCa.builder().validity(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void contextsBuild() {
        assertThat(CA.issue("x.test").nettyServerContext().isServer()).isTrue();
        assertThat(CA.nettyClientContext().isClient()).isTrue();
        assertThat(CA.clientSslContext().getProtocol()).isEqualTo("TLS");
        assertThat(CA.issue("x.test").jdkServerContext().getProtocol()).isEqualTo("TLS");
    }

    private static void validate(X509Certificate leaf) throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(CA.certificate(), null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(List.of(leaf)), params);
    }
}
