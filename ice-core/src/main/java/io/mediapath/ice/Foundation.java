package io.mediapath.ice;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Foundation computation (RFC 8445 §5.1.1.3): two candidates share a foundation exactly when they have the same
 * type, the same base IP address, the same STUN/TURN server IP address and the same transport. The result is a
 * short string of ice-chars (decimal digits here), at most 32 characters as RFC 8839 requires.
 */
public final class Foundation {

    private Foundation() {
    }

    /**
     * The foundation of a candidate.
     *
     * @param type        its type
     * @param baseAddress IP of its base (the host address it was gathered from)
     * @param serverAddress IP of the STUN/TURN server it was learned from; empty for host candidates
     * @param transport   its transport; TCP roles count as one transport ("TCP"), as RFC 6544 §4.5 keeps one
     *                    foundation across the roles of the same TCP candidate
     */
    public static String compute(CandidateType type, String baseAddress, String serverAddress, CandidateTransport transport) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(baseAddress, "baseAddress");
        Objects.requireNonNull(serverAddress, "serverAddress");
        Objects.requireNonNull(transport, "transport");
        String key = type.token() + '|' + baseAddress.strip().toLowerCase(Locale.ROOT) + '|'
                + serverAddress.strip().toLowerCase(Locale.ROOT) + '|' + (transport.isTcp() ? "TCP" : transport.label());
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return Long.toString(crc.getValue());
    }
}
