package io.mediapath.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;

/**
 * One certificate the server presented, reduced to what a person and the verdict engine compare.
 *
 * @param pem          the certificate, PEM
 * @param subject      subject DN (RFC 4514 order as encoded)
 * @param issuer       issuer DN
 * @param notBefore    start of validity
 * @param notAfter     end of validity
 * @param spkiSha256   base64 SHA-256 of the DER SubjectPublicKeyInfo (the value of a {@code sha256/} pin)
 * @param keyAlgorithm {@code RSA}, {@code EC}, {@code Ed25519}, or the algorithm OID
 * @param rsaExponent  the RSA public exponent, or -1 for other keys (sslsplit's forged keys use 3)
 * @param ca           true when basicConstraints says CA
 */
public record CertificateInfo(String pem, String subject, String issuer, Instant notBefore, Instant notAfter,
        String spkiSha256, String keyAlgorithm, long rsaExponent, boolean ca) {

    public CertificateInfo {
        Objects.requireNonNull(pem, "pem");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(spkiSha256, "spkiSha256");
        Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
    }

    /**
     * Reads a DER certificate.
     *
     * @throws IllegalArgumentException when the bytes are not an X.509 certificate
     */
    public static CertificateInfo fromDer(byte[] der) {
        Certificate c;
        try {
            c = Certificate.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage(), e);
        }
        if (c == null) {
            throw new IllegalArgumentException("not an X.509 certificate: empty");
        }
        try {
            SubjectPublicKeyInfo spki = c.getSubjectPublicKeyInfo();
            byte[] spkiDer = spki.getEncoded("DER");
            String alg = keyAlgorithm(spki);
            long e = -1;
            if (spki.getAlgorithm().getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption)) {
                BigInteger exp = RSAPublicKey.getInstance(spki.parsePublicKey()).getPublicExponent();
                e = exp.bitLength() < 63 ? exp.longValue() : Long.MAX_VALUE;
            }
            boolean ca = false;
            Extensions ext = c.getTBSCertificate().getExtensions();
            if (ext != null) {
                BasicConstraints bc = BasicConstraints.fromExtensions(ext);
                ca = bc != null && bc.isCA();
            }
            return new CertificateInfo(pem(der), c.getSubject().toString(), c.getIssuer().toString(),
                    c.getStartDate().getDate().toInstant(), c.getEndDate().getDate().toInstant(),
                    Base64.getEncoder().encodeToString(sha256(spkiDer)), alg, e, ca);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("malformed X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** The DER bytes back from {@link #pem()}. */
    public byte[] der() {
        String b64 = pem.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "")
                .replaceAll("\\s", "");
        return Base64.getDecoder().decode(b64);
    }

    /** True when subject and issuer are the same name (a root, or a self-signed leaf). */
    public boolean selfIssued() {
        return subject.equals(issuer);
    }

    /** The first value of an attribute of the issuer DN: {@code CN}, {@code O} or {@code OU}; empty when absent. */
    public String issuerAttribute(String attribute) {
        return attribute(issuer, attribute);
    }

    /** The first value of an attribute of the subject DN. */
    public String subjectAttribute(String attribute) {
        return attribute(subject, attribute);
    }

    private static String attribute(String dn, String attribute) {
        try {
            X500Name name = new X500Name(dn);
            RDN[] rdns = name.getRDNs(BCStyle.INSTANCE.attrNameToOID(attribute));
            return rdns.length == 0 ? "" : IETFUtils.valueToString(rdns[0].getFirst().getValue());
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** {@code CN} of the subject, or the whole subject when it has none. */
    public String commonName() {
        String cn = subjectAttribute("CN");
        return cn.isEmpty() ? subject : cn;
    }

    private static String keyAlgorithm(SubjectPublicKeyInfo spki) {
        String oid = spki.getAlgorithm().getAlgorithm().getId();
        return switch (oid) {
            case "1.2.840.113549.1.1.1" -> "RSA";
            case "1.2.840.10045.2.1" -> "EC";
            case "1.3.101.112" -> "Ed25519";
            case "1.3.101.113" -> "Ed448";
            case "1.2.840.113549.1.1.10" -> "RSASSA-PSS";
            default -> oid;
        };
    }

    static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    static String pem(byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
    }

    @Override
    public String toString() {
        return "s: " + subject + " | i: " + issuer + " | " + notBefore + " .. " + notAfter + " | " + keyAlgorithm
                + (rsaExponent > 0 ? " e=" + rsaExponent : "") + " | sha256/" + spkiSha256;
    }
}
