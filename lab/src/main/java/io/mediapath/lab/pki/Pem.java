package io.mediapath.lab.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** PEM encoding for the lab's files; PKCS#8 keys because every peer we start (and mitmproxy) reads them. */
final class Pem {

    private Pem() {
    }

    static String certificates(List<X509Certificate> certs) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (X509Certificate c : certs) {
                w.writeObject(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String privateKey(PrivateKey key) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static PemFiles write(Path dir, String base, X509Certificate cert, PrivateKey key, List<X509Certificate> chain,
            List<X509Certificate> issuers) {
        if (base.isEmpty() || base.contains("/") || base.contains("\\")) {
            throw new IllegalArgumentException("baseName: " + base + " (expected: a plain file name)");
        }
        try {
            Files.createDirectories(dir);
            Path c = dir.resolve(base + ".crt");
            Path k = dir.resolve(base + ".key");
            Path full = dir.resolve(base + "-chain.crt");
            Path iss = dir.resolve(base + "-issuers.crt");
            Files.writeString(c, certificates(List.of(cert)), StandardCharsets.US_ASCII);
            Files.writeString(k, privateKey(key), StandardCharsets.US_ASCII);
            Files.writeString(full, certificates(chain), StandardCharsets.US_ASCII);
            Files.writeString(iss, certificates(issuers), StandardCharsets.US_ASCII);
            return new PemFiles(c, k, full, iss);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write PEM files into " + dir, e);
        }
    }

    static List<X509Certificate> read(Path file) {
        try (var in = Files.newInputStream(file)) {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (var c : cf.generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not PEM certificates: " + file, e);
        }
    }
}
