package io.mediapath.turn.msturn;

import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.ProbeResult;
import io.mediapath.turn.TurnException;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link MsTurnProbe} run found: the allocation (or only the 401 challenge) or the failure, and the
 * generic {@link ProbeResult} (verdict, findings, timeline) that the playbook and {@code mediapath turn --ms-turn}
 * both show. Never holds the password.
 *
 * @param target     where the probe went
 * @param transport  how
 * @param allocation what the Allocate achieved; empty when the run failed
 * @param failure    why the run failed; empty when it did not
 * @param result     verdict ({@code ALLOCATED}, {@code CHALLENGED} or the failure's {@link TurnException.Kind}
 *                   name), findings and timeline
 */
public record MsTurnProbeReport(TransportAddress target, MsTurnTransport transport,
        Optional<MsTurnAllocation> allocation, Optional<TurnException> failure, ProbeResult result) {

    public MsTurnProbeReport {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(allocation, "allocation");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(result, "result");
        if (allocation.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("exactly one of allocation and failure");
        }
    }

    /** The generic SPI view. */
    public ProbeResult toProbeResult() {
        return result;
    }
}
