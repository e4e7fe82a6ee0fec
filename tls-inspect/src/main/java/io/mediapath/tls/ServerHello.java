package io.mediapath.tls;

import java.util.List;
import java.util.Objects;

/**
 * The ServerHello as parsed from the raw bytes (not from a TLS library, which hides extension order).
 *
 * @param legacyVersion   the version field, e.g. 0x0303; 0x0301 in the pseudo-TLS answer
 * @param selectedVersion the version that applies: supported_versions when present, else {@code legacyVersion}
 * @param randomHex       the 32-byte random, hex
 * @param sessionIdLength length of the session id (0..32)
 * @param cipherSuite     the selected suite, e.g. 0x1302, 0x0018
 * @param compression     the compression method (0 = null)
 * @param extensions      extension types in the order the server sent them (JA3S-like)
 * @param helloRetryRequest true when the random is the HelloRetryRequest constant (RFC 8446 §4.1.3)
 * @param keyShareGroup   the key_share group (or HRR's requested group), or -1 when absent
 * @param alpn            the ALPN protocol in the ServerHello (TLS 1.2 only; TLS 1.3 sends it encrypted), or empty
 */
public record ServerHello(int legacyVersion, int selectedVersion, String randomHex, int sessionIdLength,
        int cipherSuite, int compression, List<Integer> extensions, boolean helloRetryRequest, int keyShareGroup,
        String alpn) {

    public ServerHello {
        Objects.requireNonNull(randomHex, "randomHex");
        extensions = List.copyOf(extensions);
        Objects.requireNonNull(alpn, "alpn");
    }

    /** A version as people write it: {@code TLS 1.3}, {@code TLS 1.0}, or hex when unknown. */
    public static String versionName(int v) {
        return switch (v) {
            case 0x0300 -> "SSL 3.0";
            case 0x0301 -> "TLS 1.0";
            case 0x0302 -> "TLS 1.1";
            case 0x0303 -> "TLS 1.2";
            case 0x0304 -> "TLS 1.3";
            default -> String.format("0x%04x", v);
        };
    }

    /** JA3S-like text: {@code version,cipher,ext-ext-ext} with decimal numbers. */
    public String fingerprint() {
        StringBuilder sb = new StringBuilder().append(legacyVersion).append(',').append(cipherSuite).append(',');
        for (int i = 0; i < extensions.size(); i++) {
            sb.append(i == 0 ? "" : "-").append(extensions.get(i));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return versionName(selectedVersion) + String.format(" suite 0x%04x", cipherSuite) + " ext " + extensions
                + (helloRetryRequest ? " HRR" : "") + (keyShareGroup >= 0 ? " group " + keyShareGroup : "")
                + (alpn.isEmpty() ? "" : " alpn " + alpn);
    }
}
