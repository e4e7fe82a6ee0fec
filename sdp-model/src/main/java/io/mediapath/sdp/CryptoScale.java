package io.mediapath.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * Microsoft's {@code a=cryptoscale:<tag> <scale> <crypto-suite> <key-params>} ([MS-SDPEXT]), sent by Lync/SfB next
 * to {@code a=crypto}, e.g. {@code 1 client AES_CM_128_HMAC_SHA1_80 inline:KEY|2^31|1:1}.
 *
 * @param tag       tag
 * @param scale     scale ({@code client}, …)
 * @param suite     crypto suite
 * @param keyParams key parameters as written (secret: never log)
 */
public record CryptoScale(int tag, String scale, String suite, String keyParams) {

    /** Validates the components. */
    public CryptoScale {
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(keyParams, "keyParams");
    }

    /** The typed view of an {@code a=cryptoscale} attribute. */
    public static Optional<CryptoScale> from(Attribute a) {
        if (!a.is("cryptoscale") || a.value().isEmpty()) {
            return Optional.empty();
        }
        var w = Attributes.words(a.value().get());
        if (w.size() != 4) {
            return Optional.empty();
        }
        long tag = Attributes.parseBounded(w.get(0), 999_999_999);
        return tag < 0 ? Optional.empty() : Optional.of(new CryptoScale((int) tag, w.get(1), w.get(2), w.get(3)));
    }
}
