package io.mediapath.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code a=crypto:<tag> <crypto-suite> <key-params> [<session-params>]} (SDES, RFC 4568), as Lync, SfB and SIP
 * endpoints send it, e.g. {@code 1 AES_CM_128_HMAC_SHA1_80 inline:KEY|2^31|1:1}.
 *
 * @param tag           tag
 * @param suite         crypto suite
 * @param keyParams     key parameters as written ({@code inline:<key>[|<lifetime>][|<MKI>:<length>]})
 * @param sessionParams session parameters as written, when present
 */
public record Crypto(int tag, String suite, String keyParams, Optional<String> sessionParams) {

    /** Validates the components. */
    public Crypto {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(keyParams, "keyParams");
        Objects.requireNonNull(sessionParams, "sessionParams");
    }

    /** The typed view of an {@code a=crypto} attribute. */
    public static Optional<Crypto> from(Attribute a) {
        if (!a.is("crypto") || a.value().isEmpty()) {
            return Optional.empty();
        }
        var w = Attributes.words(a.value().get());
        if (w.size() < 3) {
            return Optional.empty();
        }
        long tag = Attributes.parseBounded(w.get(0), 999_999_999);
        if (tag < 0) {
            return Optional.empty();
        }
        String sp = w.size() > 3 ? String.join(" ", w.subList(3, w.size())) : null;
        return Optional.of(new Crypto((int) tag, w.get(1), w.get(2), Optional.ofNullable(sp)));
    }

    /** The key method ({@code inline}). */
    public String keyMethod() {
        int c = keyParams.indexOf(':');
        return c < 0 ? keyParams : keyParams.substring(0, c);
    }

    /** The base64 key and salt (between {@code inline:} and the first {@code |}). Secret: never log it. */
    public String keySalt() {
        int c = keyParams.indexOf(':');
        String info = c < 0 ? "" : keyParams.substring(c + 1);
        int bar = info.indexOf('|');
        return bar < 0 ? info : info.substring(0, bar);
    }

    /** The lifetime ({@code 2^31}), when present. */
    public Optional<String> lifetime() {
        String[] parts = keyParams.split("\\|");
        return parts.length > 1 && parts[1].indexOf(':') < 0 ? Optional.of(parts[1]) : Optional.empty();
    }

    /** The MKI and its length ({@code 1:1}), when present. */
    public Optional<String> mki() {
        String[] parts = keyParams.split("\\|");
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].indexOf(':') >= 0) {
                return Optional.of(parts[i]);
            }
        }
        return Optional.empty();
    }
}
