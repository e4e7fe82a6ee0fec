package io.mediapath.diagnose.playbook;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The edge playbook's conclusion.
 *
 * @param code     the stable code
 * @param summary  one paragraph a person can paste into a ticket
 * @param remedy   the exact change to make (addresses and ports named), empty for {@link RootCauseCode#NONE}
 * @param product  the interception product when a certificate or page names it
 * @param evidence the names of the legs the conclusion rests on
 */
public record RootCause(RootCauseCode code, String summary, String remedy, Optional<String> product,
        List<String> evidence) {
    public RootCause {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(remedy, "remedy");
        Objects.requireNonNull(product, "product");
        evidence = List.copyOf(evidence);
    }
}
