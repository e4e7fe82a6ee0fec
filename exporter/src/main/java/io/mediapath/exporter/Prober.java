package io.mediapath.exporter;

import io.mediapath.ice.probe.Deadline;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Runs one kind of probe and reads its result into a {@link ProbeOutcome}. Implementations are stateless or
 * thread-safe: one instance serves every probe of a module, concurrently.
 */
public interface Prober {

    /**
     * Probes {@code target}.
     *
     * @param module      the module (its name and settings)
     * @param target      the target
     * @param deadline    when the outcome must be ready
     * @param environment where {@link CredentialSource#passwordEnv()} is looked up
     * @return completes with the outcome (normally, also on failure) by the deadline; {@link ProbeRunner} turns an
     *         exceptional or late completion into a failed outcome
     */
    CompletionStage<ProbeOutcome> probe(ProbeModule module, ProbeTarget target, Deadline deadline,
            Map<String, String> environment);
}
