package io.mediapath.diagnose;

import io.mediapath.ice.Evidence;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one cause a diagnosis leads with, offline ({@link Diagnosis#rootCause()}) or live (the edge playbook): the
 * findings it explains are its supporting evidence.
 *
 * @param code     the stable code
 * @param summary  one paragraph a person can paste into a ticket (what breaks, for which media, and why)
 * @param remedy   the exact change to make (addresses and ports named) and how to confirm it; empty for
 *                 {@link RootCauseCode#NONE}
 * @param product  the interception product when a certificate, page or log names it
 * @param evidence what the conclusion rests on, strongest first: log lines offline, probe steps live
 */
public record RootCause(RootCauseCode code, String summary, String remedy, Optional<String> product,
        List<Evidence> evidence) {

    public RootCause {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(remedy, "remedy");
        Objects.requireNonNull(product, "product");
        evidence = List.copyOf(evidence);
    }

    /** A cause without a named product. */
    public static RootCause of(RootCauseCode code, String summary, String remedy, List<Evidence> evidence) {
        return new RootCause(code, summary, remedy, Optional.empty(), evidence);
    }

    /** The cause of a clean result. */
    public static RootCause none(String summary) {
        return of(RootCauseCode.NONE, summary, "", List.of());
    }
}
