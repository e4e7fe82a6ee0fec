package io.mediapath.lab.pki;

import java.nio.file.Path;
import java.util.Objects;

/**
 * PEM files written for an external peer.
 *
 * @param certificate the certificate alone ({@code <base>.crt})
 * @param privateKey its unencrypted PKCS#8 private key ({@code <base>.key})
 * @param fullChain the certificate followed by its issuers ({@code <base>-chain.crt}; nginx's
 *     {@code ssl_certificate})
 * @param issuers the issuers only, without the certificate ({@code <base>-issuers.crt}; openssl s_server's
 *     {@code -cert_chain}); for a root CA it holds the root itself
 */
public record PemFiles(Path certificate, Path privateKey, Path fullChain, Path issuers) {

    /** Validates that every path is present. */
    public PemFiles {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(fullChain, "fullChain");
        Objects.requireNonNull(issuers, "issuers");
    }
}
