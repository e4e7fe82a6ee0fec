package io.mediapath.lab.pki;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * A certificate with its private key and the chain a server sends (leaf first, then its issuers).
 *
 * @param certificate the leaf
 * @param privateKey the leaf's private key
 * @param chain the leaf followed by its issuers, as a TLS server sends it
 */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {

    /** Validates the fields and copies the chain; the chain must start with the certificate. */
    public IssuedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty() || !chain.get(0).equals(certificate)) {
            throw new IllegalArgumentException("chain: must start with the certificate");
        }
    }

    /**
     * Writes {@code <baseName>.crt}, {@code <baseName>.key}, {@code <baseName>-chain.crt} and
     * {@code <baseName>-issuers.crt} into {@code directory}.
     *
     * @throws UncheckedIOException when a file cannot be written
     */
    public PemFiles writePem(Path directory, String baseName) {
        List<X509Certificate> issuers = chain.size() > 1 ? chain.subList(1, chain.size()) : chain;
        return Pem.write(directory, baseName, certificate, privateKey, chain, issuers);
    }

    /** A Netty server {@link SslContext} (JDK provider, TLS 1.2 and 1.3) presenting this chain. */
    public SslContext nettyServerContext() {
        try {
            return SslContextBuilder.forServer(privateKey, chain.toArray(new X509Certificate[0]))
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build a server SslContext for " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** A JDK server {@link SSLContext} presenting this chain (for {@code SSLServerSocket}s). */
    public SSLContext jdkServerContext() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = "lab".toCharArray();
            ks.setKeyEntry("leaf", privateKey, pw, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a server SSLContext", e);
        }
    }
}
