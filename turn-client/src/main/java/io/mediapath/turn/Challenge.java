package io.mediapath.turn;

import io.mediapath.turn.stun.SecurityFeatures;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A server's 401 to an unauthenticated request: proof that a genuine STUN/TURN server with long-term credentials
 * answered, and the parameters for the authenticated retry.
 *
 * @param realm              REALM
 * @param nonce              NONCE
 * @param passwordAlgorithms PASSWORD-ALGORITHMS codes offered (empty: MD5 only, as with coturn 4.6.1)
 * @param securityFeatures   the nonce cookie's feature bits, when present
 * @param software           SOFTWARE, when present (e.g. {@code Coturn-4.6.1 'Gorst'})
 */
public record Challenge(String realm, String nonce, List<Integer> passwordAlgorithms,
        Optional<SecurityFeatures> securityFeatures, Optional<String> software) {
    public Challenge {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(nonce, "nonce");
        passwordAlgorithms = List.copyOf(passwordAlgorithms);
        Objects.requireNonNull(securityFeatures, "securityFeatures");
        Objects.requireNonNull(software, "software");
    }
}
