package io.mediapath.responder;

import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.receipt.PathConclusion;
import io.mediapath.ice.receipt.PathVerdict;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * One leg's proof: what was sent where, whether anything answered and what, and the conclusion from the receipt.
 *
 * @param leg     which leg
 * @param target  the responder address it was sent to
 * @param local   the probe's own socket address (the source it expects the responder to see)
 * @param answer  what answered, in words ("nothing", "genuine pseudo-TLS answer", "TLS, certificate CN=…")
 * @param verdict the conclusion and its evidence
 * @param elapsed how long the leg took
 */
public record LegProof(ProofLeg leg, TransportAddress target, InetSocketAddress local, String answer,
        PathVerdict verdict, Duration elapsed) {
    public LegProof {
        Objects.requireNonNull(leg, "leg");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** The conclusion. */
    public PathConclusion conclusion() {
        return verdict.conclusion();
    }
}
