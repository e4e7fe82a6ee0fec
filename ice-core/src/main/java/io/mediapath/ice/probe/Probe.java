package io.mediapath.ice.probe;

import io.mediapath.ice.TransportAddress;
import java.util.concurrent.CompletionStage;

/**
 * The one extension point for active checks: a probe looks at one target and says what it found. Probes are
 * immutable and reusable; everything that belongs to one run arrives in the {@link ProbeContext}. A probe must
 * complete its stage by {@link ProbeContext#deadline()}, with a result (a timeout is a finding, not an exception).
 *
 * <p>mediapath's own probes (TURN, pseudo-TLS, TLS) implement this; so can a product's.
 */
@FunctionalInterface
public interface Probe {

    /** Runs the probe against {@code target}. */
    CompletionStage<ProbeResult> run(TransportAddress target, ProbeContext context);
}
