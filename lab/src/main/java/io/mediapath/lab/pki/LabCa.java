package io.mediapath.lab.pki;

import io.mediapath.ice.TransportAddress;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away root certificate authority for tests: issues genuine-looking server leaves, and forges leaves the
 * way TLS-intercepting proxies do (the original certificate's subject and subjectAltName, a fresh or the CA's own
 * key, signed by this CA).
 *
 * <p>Keys are RSA 2048 (what sslsplit, squid and mitmproxy use for their CAs); signatures SHA256withRSA. Instances
 * are immutable and thread-safe.
 *
 * <pre>{@code
 * LabCa ca = LabCa.builder().subject("CN=Lab Interception Root CA,O=lab proxy,OU=SSL Inspection").build();
 * IssuedCertificate relay = ca.issue("relay.lync.test", "127.0.0.1");
 * PemFiles files = relay.writePem(dir, "relay");
 * }</pre>
 */
public final class LabCa {

    /** Bouncy Castle is used for signing only and never registered as a global provider. */
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final KeyPair keyPair;

    private LabCa(X509Certificate certificate, KeyPair keyPair) {
        this.certificate = certificate;
        this.keyPair = keyPair;
    }

    /** A CA named {@code CN=mediapath Lab Root CA,O=mediapath lab}, valid 30 days. */
    public static LabCa create() {
        return builder().build();
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The self-signed root certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA's private key (for peers that forge: sslsplit, squid, mitmproxy). */
    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    /** The CA's public key. */
    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    /**
     * Issues a server leaf for the given DNS names and IP literals (all go into subjectAltName; the first is the
     * subject CN), valid from one hour ago for 30 days, extendedKeyUsage serverAuth.
     *
     * @param names at least one DNS name or IP literal
     */
    public IssuedCertificate issue(String... names) {
        return issue(new X500Principal("CN=" + first(names)), Duration.ofDays(30), names);
    }

    /**
     * Issues a server leaf with an explicit subject, validity and names.
     *
     * @param subject the subject distinguished name
     * @param validity how long from one hour ago the leaf is valid
     * @param names at least one DNS name or IP literal for subjectAltName
     */
    public IssuedCertificate issue(X500Principal subject, Duration validity, String... names) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(validity, "validity");
        first(names);
        KeyPair leafKey = newKeyPair();
        Instant notBefore = Instant.now().minus(Duration.ofHours(1));
        X509Certificate leaf = sign(subject, leafKey.getPublic(), notBefore, notBefore.plus(validity),
                subjectAltName(names), false);
        return new IssuedCertificate(leaf, leafKey.getPrivate(), List.of(leaf, certificate));
    }

    /**
     * A self-signed server certificate with no subjectAltName at all, only the subject's CN: what a hand-made relay
     * certificate often is. A client that checks host names rejects it for any name or address ("No subject
     * alternative names present"), so it shows whether that check can really be turned off.
     *
     * @param subject  the subject (and issuer) distinguished name
     * @param validity how long from one hour ago it is valid
     */
    public static IssuedCertificate selfSignedWithoutSubjectAltName(X500Principal subject, Duration validity) {
        Objects.requireNonNull(subject, "subject");
        KeyPair kp = newKeyPair();
        Instant notBefore = Instant.now().minus(Duration.ofHours(1));
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(notBefore),
                    Date.from(notBefore.plus(validity)), subject, kp.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth}));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer(kp.getPrivate())));
            return new IssuedCertificate(cert, kp.getPrivate(), List.of(cert));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create a self-signed certificate for " + subject, e);
        }
    }

    /**
     * Forges a leaf that mimics {@code original} as sslsplit does: same subject, same subjectAltName, a fresh
     * key, validity from 24 hours ago for one year, issued by this CA. The chain is leaf + this CA.
     */
    public IssuedCertificate forge(X509Certificate original) {
        KeyPair leafKey = newKeyPair();
        return forged(original, leafKey.getPublic(), leafKey.getPrivate());
    }

    /**
     * Forges a leaf from a subject and names alone, as mitmproxy does when it never saw the upstream certificate
     * (only the SNI): fresh key, validity from 24 hours ago for one year, issued by this CA.
     *
     * @param subject the subject to put in the leaf, e.g. {@code CN=relay.lync.test}
     * @param names at least one DNS name or IP literal for subjectAltName
     */
    public IssuedCertificate forge(X500Principal subject, String... names) {
        Objects.requireNonNull(subject, "subject");
        first(names);
        KeyPair leafKey = newKeyPair();
        Instant notBefore = Instant.now().minus(Duration.ofHours(24));
        X509Certificate leaf = sign(subject, leafKey.getPublic(), notBefore, notBefore.plus(Duration.ofDays(365)),
                subjectAltName(names), false);
        return new IssuedCertificate(leaf, leafKey.getPrivate(), List.of(leaf, certificate));
    }

    /**
     * Forges a leaf that mimics {@code original} but carries this CA's own public key, the artefact mitmproxy and
     * squid leave (leaf SPKI equal to the issuer's SPKI).
     */
    public IssuedCertificate forgeReusingCaKey(X509Certificate original) {
        return forged(original, keyPair.getPublic(), keyPair.getPrivate());
    }

    private IssuedCertificate forged(X509Certificate original, PublicKey leafPublic, PrivateKey leafPrivate) {
        Objects.requireNonNull(original, "original");
        Instant notBefore = Instant.now().minus(Duration.ofHours(24));
        byte[] san = original.getExtensionValue(Extension.subjectAlternativeName.getId());
        ASN1Encodable sanValue = null;
        if (san != null) {
            sanValue = GeneralNames.getInstance(ASN1OctetString.getInstance(san).getOctets());
        }
        X509Certificate leaf = sign(original.getSubjectX500Principal(), leafPublic, notBefore,
                notBefore.plus(Duration.ofDays(365)), sanValue, false);
        return new IssuedCertificate(leaf, leafPrivate, List.of(leaf, certificate));
    }

    /**
     * Writes this CA as {@code <baseName>.crt}, {@code <baseName>.key} (PKCS#8), {@code <baseName>-chain.crt} and
     * {@code <baseName>-issuers.crt} (both holding the root).
     */
    public PemFiles writePem(Path directory, String baseName) {
        return Pem.write(directory, baseName, certificate, keyPair.getPrivate(), List.of(certificate),
                List.of(certificate));
    }

    /** The CA certificate and private key as PEM text (PKCS#8 key first), the form squid and mitmproxy read. */
    public String keyAndCertificatePem() {
        return Pem.privateKey(keyPair.getPrivate()) + Pem.certificates(List.of(certificate));
    }

    /** A key store holding only this CA as a trusted certificate. */
    public KeyStore trustStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("lab-ca", certificate);
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store", e);
        }
    }

    /** A JDK client {@link SSLContext} that trusts this CA and nothing else. */
    public SSLContext clientSslContext() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a client SSLContext", e);
        }
    }

    /** A Netty client {@link SslContext} (JDK provider) that trusts this CA and nothing else. */
    public SslContext nettyClientContext() {
        try {
            return SslContextBuilder.forClient().sslProvider(SslProvider.JDK).trustManager(certificate).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build a client SslContext", e);
        }
    }

    /**
     * Reads every certificate from a PEM file (for example the CA a peer generated itself).
     *
     * @throws IllegalArgumentException when the file holds no parsable certificate
     */
    public static List<X509Certificate> readCertificates(Path pemFile) {
        List<X509Certificate> certs = Pem.read(pemFile);
        if (certs.isEmpty()) {
            throw new IllegalArgumentException("no certificate in " + pemFile);
        }
        return certs;
    }

    private X509Certificate sign(X500Principal subject, PublicKey subjectKey, Instant notBefore, Instant notAfter,
            ASN1Encodable san, boolean ca) {
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate.getSubjectX500Principal(),
                    serial(), Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth}));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            if (san != null) {
                b.addExtension(Extension.subjectAlternativeName, false, san);
            }
            return new JcaX509CertificateConverter().getCertificate(b.build(signer(keyPair.getPrivate())));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot sign a certificate for " + subject, e);
        }
    }

    private static ContentSigner signer(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder("SHA256withRSA").setProvider(BC).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot create a SHA256withRSA signer", e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    private static String first(String... names) {
        if (names == null || names.length == 0 || names[0] == null || names[0].isBlank()) {
            throw new IllegalArgumentException("names: at least one DNS name or IP literal");
        }
        return names[0];
    }

    private static GeneralNames subjectAltName(String... names) {
        List<GeneralName> out = new ArrayList<>();
        for (String n : names) {
            Objects.requireNonNull(n, "name");
            out.add(TransportAddress.isIpLiteral(n) ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
        }
        return GeneralNames.getInstance(new DERSequence(out.toArray(new GeneralName[0])));
    }

    /** Builds a {@link LabCa}. */
    public static final class Builder {
        private X500Principal subject = new X500Principal("CN=mediapath Lab Root CA,O=mediapath lab");
        private Duration validity = Duration.ofDays(30);

        private Builder() {
        }

        /** The CA's subject (and issuer) distinguished name, e.g. {@code CN=Lab Interception Root CA,O=...}. */
        public Builder subject(String distinguishedName) {
            this.subject = new X500Principal(distinguishedName);
            return this;
        }

        /** How long the root is valid, counted from one hour ago. */
        public Builder validity(Duration validity) {
            if (validity.isNegative() || validity.isZero()) {
                throw new IllegalArgumentException("validity: " + validity + " (expected: positive)");
            }
            this.validity = validity;
            return this;
        }

        /** Generates the key pair and the self-signed root (basicConstraints critical CA:TRUE). */
        public LabCa build() {
            KeyPair kp = newKeyPair();
            Instant notBefore = Instant.now().minus(Duration.ofHours(1));
            try {
                JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
                X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(notBefore),
                        Date.from(notBefore.plus(validity)), subject, kp.getPublic());
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
                X509Certificate root = new JcaX509CertificateConverter().getCertificate(b.build(signer(kp.getPrivate())));
                return new LabCa(root, kp);
            } catch (GeneralSecurityException | CertIOException e) {
                throw new IllegalStateException("cannot create the lab CA " + subject, e);
            }
        }
    }

    @Override
    public String toString() {
        return "LabCa[" + certificate.getSubjectX500Principal() + "]";
    }
}
