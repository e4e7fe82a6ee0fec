package io.mediapath.tls;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test PKI made on the fly with the JDK's providers (no provider registration). */
final class TestCerts {
    private TestCerts() {
    }

    record Issued(KeyPair key, X509Certificate cert) {
        byte[] der() {
            try {
                return cert.getEncoded();
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }

        String pem() {
            return CertificateInfo.pem(der());
        }
    }

    static KeyPair rsa(long exponent) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(new RSAKeyGenParameterSpec(2048, BigInteger.valueOf(exponent)));
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Issued ca(String dn) {
        KeyPair k = rsa(65537);
        return new Issued(k, sign(dn, new X500Name(dn), k, k, true, Instant.now().minus(Duration.ofDays(30)), Duration.ofDays(400)));
    }

    static Issued leaf(String dn, Issued issuer, KeyPair key, Instant notBefore, Duration life) {
        return new Issued(key, sign(dn, X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded()), key,
                issuer.key(), false,
                notBefore, life));
    }

    static X509Certificate sign(String subject, X500Name issuer, KeyPair subjectKey, KeyPair issuerKey, boolean ca,
            Instant notBefore, Duration life) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(System.nanoTime()), Date.from(notBefore), Date.from(notBefore.plus(life)),
                    new X500Name(subject), subjectKey.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (!ca) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, "relay.lync.test")));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
