package io.mediapath.tls;

import io.mediapath.ice.TransportAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * What the probes compare against and how they run. Immutable; start from {@link #defaults()} or
 * {@link #builder()}.
 *
 * @param sni              server name for the TLS probe's SNI; null to use the target host when it is a name
 * @param pins             expected SPKI pins, {@code sha256/BASE64}; any certificate of the chain may match
 * @param trustAnchors     the caller's trust anchors (e.g. the relay's private CA)
 * @param useJdkTrustStore also accept chains anchored in the JDK's default trust store
 * @param signatures       issuer-name tells of interception products
 * @param httpProxy        an explicit HTTP proxy to CONNECT through, or null for a direct connection
 * @param quietPeriod      how long to wait for more bytes after a partial answer before judging it
 * @param alpn             ALPN protocols the TLS probe offers (empty: none)
 * @param proxyContext     report the JVM's ProxySelector and HTTPS_PROXY settings as context findings
 */
public record InspectOptions(String sni, List<String> pins, List<X509Certificate> trustAnchors,
        boolean useJdkTrustStore, IssuerSignatures signatures, TransportAddress httpProxy,
        Duration quietPeriod, List<String> alpn, boolean proxyContext) {

    public InspectOptions {
        pins = List.copyOf(pins);
        for (String p : pins) {
            checkPin(p);
        }
        trustAnchors = List.copyOf(trustAnchors);
        Objects.requireNonNull(signatures, "signatures");
        Objects.requireNonNull(quietPeriod, "quietPeriod");
        if (quietPeriod.isNegative()) {
            throw new IllegalArgumentException("quietPeriod: " + quietPeriod + " (expected: >= 0)");
        }
        alpn = List.copyOf(alpn);
    }

    /** Defaults: SNI from the target, no pins, JDK trust store, built-in signatures, direct, 300 ms quiet period. */
    public static InspectOptions defaults() {
        return builder().build();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.sni = sni;
        b.pins.addAll(pins);
        b.trustAnchors.addAll(trustAnchors);
        b.useJdkTrustStore = useJdkTrustStore;
        b.signatures = signatures;
        b.httpProxy = httpProxy;
        b.quietPeriod = quietPeriod;
        b.alpn.addAll(alpn);
        b.proxyContext = proxyContext;
        return b;
    }

    /**
     * Checks a pin's form.
     *
     * @throws IllegalArgumentException unless it is {@code sha256/} followed by the base64 of 32 bytes
     */
    public static String checkPin(String pin) {
        if (pin == null || !pin.startsWith("sha256/")) {
            throw new IllegalArgumentException("pin: " + pin + " (expected: sha256/BASE64)");
        }
        try {
            if (Base64.getDecoder().decode(pin.substring(7)).length != 32) {
                throw new IllegalArgumentException("pin: " + pin + " (expected: the base64 of a 32-byte SHA-256)");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pin: " + pin + " (expected: sha256/BASE64 of 32 bytes)", e);
        }
        return pin;
    }

    /** The largest certificate file {@link #readCertificates} reads. */
    public static final int MAX_CERTIFICATE_FILE_BYTES = 1 << 20;

    /**
     * Reads every certificate of a PEM (or DER) file.
     *
     * @throws IllegalArgumentException when the file holds no certificate or is larger than {@link #MAX_CERTIFICATE_FILE_BYTES}
     * @throws UncheckedIOException     when it cannot be read
     */
    public static List<X509Certificate> readCertificates(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Bounded, and parsed from memory: the JDK's parser skips bytes until a '-' and so never returns on an
            // endless stream (/dev/zero); a trust file is a few certificates.
            bytes = in.readNBytes(MAX_CERTIFICATE_FILE_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        if (bytes.length > MAX_CERTIFICATE_FILE_BYTES) {
            throw new IllegalArgumentException(file + ": larger than " + (MAX_CERTIFICATE_FILE_BYTES >> 20)
                    + " MiB: not a file of certificates");
        }
        try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
            List<X509Certificate> out = new ArrayList<>();
            for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException(file + ": no certificate");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Builds {@link InspectOptions}. */
    public static final class Builder {
        private String sni;
        private final List<String> pins = new ArrayList<>();
        private final List<X509Certificate> trustAnchors = new ArrayList<>();
        private boolean useJdkTrustStore = true;
        private IssuerSignatures signatures = IssuerSignatures.builtIn();
        private TransportAddress httpProxy;
        private Duration quietPeriod = Duration.ofMillis(300);
        private final List<String> alpn = new ArrayList<>();
        private boolean proxyContext = true;

        private Builder() {
        }

        /** The SNI host name; null to derive it from the target. */
        public Builder sni(String sni) {
            this.sni = sni;
            return this;
        }

        /** Adds an expected pin, {@code sha256/BASE64}. */
        public Builder pin(String pin) {
            pins.add(checkPin(pin));
            return this;
        }

        /** Adds the caller's trust anchors. */
        public Builder trust(List<X509Certificate> anchors) {
            trustAnchors.addAll(anchors);
            return this;
        }

        /** Whether chains anchored in the JDK's default trust store count as genuine (default true). */
        public Builder useJdkTrustStore(boolean use) {
            this.useJdkTrustStore = use;
            return this;
        }

        /** The issuer signatures (default: built-in). */
        public Builder signatures(IssuerSignatures signatures) {
            this.signatures = signatures;
            return this;
        }

        /** CONNECT through this explicit HTTP proxy first. */
        public Builder httpProxy(TransportAddress proxy) {
            this.httpProxy = proxy;
            return this;
        }

        /** How long to wait for more bytes after a partial answer. */
        public Builder quietPeriod(Duration quiet) {
            this.quietPeriod = quiet;
            return this;
        }

        /** Adds an ALPN protocol for the TLS probe to offer. */
        public Builder alpn(String protocol) {
            alpn.add(Objects.requireNonNull(protocol, "protocol"));
            return this;
        }

        /** Whether to report the JVM's proxy settings as context (default true). */
        public Builder proxyContext(boolean report) {
            this.proxyContext = report;
            return this;
        }

        /** The options. */
        public InspectOptions build() {
            return new InspectOptions(sni, pins, trustAnchors, useJdkTrustStore, signatures, httpProxy,
                    quietPeriod, alpn, proxyContext);
        }
    }
}
