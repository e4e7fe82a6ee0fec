package io.mediapath.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

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

    private static final String SHAPE = "issuer signatures: expected {\"signatures\": [...]}";
    // Declared before BUILT_IN, which needs it while the class initialises.
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
            .build();
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

    /**
     * Parses signature JSON; see the class comment for the format. Read with jackson-core's streaming parser, within
     * {@link #MAX_FILE_BYTES}; unknown fields are skipped.
     *
     * @throws IllegalArgumentException when the text is not JSON of that shape, or an entry is invalid
     */
    public static IssuerSignatures parse(String json) {
        if (json.length() > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("issuer signatures: larger than " + MAX_FILE_BYTES + " characters");
        }
        List<Signature> out = new ArrayList<>();
        boolean seen = false;
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(SHAPE);
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!name.equals("signatures")) {
                    p.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    throw new IllegalArgumentException(SHAPE);
                }
                seen = true;
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    if (t != JsonToken.START_OBJECT) {
                        throw new IllegalArgumentException("issuer signatures: entry " + out.size() + " is not an object");
                    }
                    out.add(entry(p, out.size()));
                }
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("issuer signatures: text after the object");
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException("issuer signatures: not JSON: " + e.getOriginalMessage(), e);
        }
        if (!seen) {
            throw new IllegalArgumentException(SHAPE);
        }
        return new IssuerSignatures(out);
    }

    // One entry, the parser on its START_OBJECT; string fields are kept, anything else is skipped.
    private static Signature entry(JsonParser p, int index) {
        Map<String, String> e = new HashMap<>();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_STRING) {
                e.put(key, p.getString());
            } else {
                p.skipChildren();
            }
        }
        String product = str(e, "product", index);
        String attribute = str(e, "attribute", index);
        if (!List.of("CN", "O", "OU").contains(attribute)) {
            throw new IllegalArgumentException("issuer signatures: entry " + index + ": attribute "
                    + attribute + " (expected: CN, O or OU)");
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(str(e, "pattern", index));
        } catch (PatternSyntaxException ex) {
            throw new IllegalArgumentException("issuer signatures: entry " + index + ": " + ex.getMessage(), ex);
        }
        Confidence c = switch (e.getOrDefault("confidence", "medium")) {
            case "high" -> Confidence.HIGH;
            case "low" -> Confidence.LOW;
            default -> Confidence.MEDIUM;
        };
        return new Signature(product, attribute, pattern, c, e.getOrDefault("category", ""));
    }

    private static String str(Map<String, String> e, String key, int index) {
        String s = e.get(key);
        if (s == null || s.isEmpty()) {
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
