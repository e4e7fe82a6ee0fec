package io.mediapath.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Issuer-name tells of TLS-intercepting products (web proxies, NGFWs, cloud gateways, antivirus HTTPS scanning,
 * developer proxies), matched against the issuer of every certificate in a chain and the subject of every CA
 * certificate. The built-in table ships as a resource; users add their own (e.g. their corporate inspection CA) with
 * {@link #load(Path)} and {@link #plus(IssuerSignatures)}.
 *
 * <p>File format (JSON): {@code {"signatures": [{"product": "...", "attribute": "CN"|"O"|"OU", "pattern":
 * "<Java regex, whole value>", "confidence": "high"|"medium"|"low", "category": "..."}]}}.
 */
public final class IssuerSignatures {

    /** Files larger than this are refused (a signature table is a few kilobytes). */
    public static final int MAX_FILE_BYTES = 1 << 20;

    /** One signature. */
    public record Signature(String product, String attribute, Pattern pattern, Confidence confidence,
            String category) {
        public Signature {
            Objects.requireNonNull(product, "product");
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(confidence, "confidence");
            Objects.requireNonNull(category, "category");
        }
    }

    /**
     * A signature that matched a certificate of a chain.
     *
     * @param signature the signature
     * @param index     position of the certificate in the chain (0 = leaf)
     * @param value     the name attribute value that matched
     */
    public record Match(Signature signature, int index, String value) {
    }

    private static final IssuerSignatures BUILT_IN = loadBuiltIn();
    private final List<Signature> signatures;

    private IssuerSignatures(List<Signature> signatures) {
        this.signatures = List.copyOf(signatures);
    }

    /** The table that ships with mediapath. */
    public static IssuerSignatures builtIn() {
        return BUILT_IN;
    }

    /** No signatures. */
    public static IssuerSignatures none() {
        return new IssuerSignatures(List.of());
    }

    /**
     * Reads a user file in the format above.
     *
     * @throws IllegalArgumentException when the file is too large, not JSON, or an entry is invalid
     * @throws UncheckedIOException     when it cannot be read
     */
    public static IssuerSignatures load(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(file + ": larger than " + MAX_FILE_BYTES + " bytes");
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses signature JSON; see the class comment for the format. */
    public static IssuerSignatures parse(String json) {
        Object root = MiniJson.parse(json);
        if (!(root instanceof Map<?, ?> m) || !(m.get("signatures") instanceof List<?> list)) {
            throw new IllegalArgumentException("issuer signatures: expected {\"signatures\": [...]}");
        }
        List<Signature> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> e)) {
                throw new IllegalArgumentException("issuer signatures: entry " + out.size() + " is not an object");
            }
            String product = str(e, "product", out.size());
            String attribute = str(e, "attribute", out.size());
            if (!List.of("CN", "O", "OU").contains(attribute)) {
                throw new IllegalArgumentException("issuer signatures: entry " + out.size() + ": attribute "
                        + attribute + " (expected: CN, O or OU)");
            }
            Pattern p;
            try {
                p = Pattern.compile(str(e, "pattern", out.size()));
            } catch (PatternSyntaxException ex) {
                throw new IllegalArgumentException("issuer signatures: entry " + out.size() + ": " + ex.getMessage(), ex);
            }
            Confidence c = switch (e.get("confidence") instanceof String s ? s : "medium") {
                case "high" -> Confidence.HIGH;
                case "low" -> Confidence.LOW;
                default -> Confidence.MEDIUM;
            };
            String category = e.get("category") instanceof String s ? s : "";
            out.add(new Signature(product, attribute, p, c, category));
        }
        return new IssuerSignatures(out);
    }

    private static String str(Map<?, ?> e, String key, int index) {
        if (!(e.get(key) instanceof String s) || s.isEmpty()) {
            throw new IllegalArgumentException("issuer signatures: entry " + index + ": missing \"" + key + "\"");
        }
        return s;
    }

    /** This table followed by {@code other}'s signatures. */
    public IssuerSignatures plus(IssuerSignatures other) {
        List<Signature> all = new ArrayList<>(signatures);
        all.addAll(other.signatures);
        return new IssuerSignatures(all);
    }

    /** The signatures, in order. */
    public List<Signature> signatures() {
        return signatures;
    }

    /** Every signature that matches an issuer name of the chain, or the subject of a CA certificate in it. */
    public List<Match> match(List<CertificateInfo> chain) {
        List<Match> out = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            CertificateInfo c = chain.get(i);
            for (Signature s : signatures) {
                String v = c.issuerAttribute(s.attribute());
                if (!v.isEmpty() && s.pattern().matcher(v).matches()) {
                    out.add(new Match(s, i, v));
                    continue;
                }
                String sv = c.ca() ? c.subjectAttribute(s.attribute()) : "";
                if (!sv.isEmpty() && s.pattern().matcher(sv).matches()) {
                    out.add(new Match(s, i, sv));
                }
            }
        }
        return out;
    }

    private static IssuerSignatures loadBuiltIn() {
        try (InputStream in = IssuerSignatures.class.getResourceAsStream("issuer-signatures.json")) {
            if (in == null) {
                throw new IllegalStateException("issuer-signatures.json missing from the tls-inspect jar");
            }
            return parse(new String(in.readNBytes(MAX_FILE_BYTES), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
