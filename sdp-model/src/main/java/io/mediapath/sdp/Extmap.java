package io.mediapath.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code a=extmap:<id>[/<direction>] [urn:ietf:params:rtp-hdrext:encrypt] <uri> [<extension attributes>]} (RFC 8285,
 * RFC 6904). The URI is kept as written, including Lync's backslash form
 * ({@code http:\\www.webrtc.org\experiments\rtp-hdrext\abs-send-time}).
 *
 * @param id                  extension id (1–255)
 * @param direction           {@code sendonly}/{@code recvonly}/{@code sendrecv}/{@code inactive}, when given
 * @param encrypted           whether the RFC 6904 encrypt wrapper is present
 * @param uri                 the extension URI
 * @param extensionAttributes everything after the URI, as written
 */
public record Extmap(int id, Optional<String> direction, boolean encrypted, String uri,
        Optional<String> extensionAttributes) {

    /** URI of the RFC 6904 encryption wrapper. */
    public static final String ENCRYPT_URI = "urn:ietf:params:rtp-hdrext:encrypt";

    /** Validates the components. */
    public Extmap {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(extensionAttributes, "extensionAttributes");
    }

    /** The typed view of an {@code a=extmap} attribute. */
    public static Optional<Extmap> from(Attribute a) {
        if (!a.is("extmap") || a.value().isEmpty()) {
            return Optional.empty();
        }
        String v = a.value().get().strip();
        int sp = v.indexOf(' ');
        if (sp < 1) {
            return Optional.empty();
        }
        String head = v.substring(0, sp);
        int slash = head.indexOf('/');
        long id = Attributes.parseBounded(slash < 0 ? head : head.substring(0, slash), 255);
        if (id < 1) {
            return Optional.empty();
        }
        Optional<String> dir = slash < 0 ? Optional.empty() : Optional.of(head.substring(slash + 1));
        String rest = v.substring(sp + 1).strip();
        boolean enc = false;
        if (rest.startsWith(ENCRYPT_URI + " ")) {
            enc = true;
            rest = rest.substring(ENCRYPT_URI.length() + 1).strip();
        }
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        int sp2 = rest.indexOf(' ');
        return Optional.of(sp2 < 0 ? new Extmap((int) id, dir, enc, rest, Optional.empty())
                : new Extmap((int) id, dir, enc, rest.substring(0, sp2), Optional.of(rest.substring(sp2 + 1).strip())));
    }
}
