package io.mediapath.tls;

import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Deadline;
import io.mediapath.ice.probe.Probe;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.ice.probe.ProbeListener;
import io.mediapath.ice.probe.ProbeResult;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * What the two TLS probes share: their options, the inspection by timeout, and the ice-core {@link Probe} view of
 * an inspection. Each probe supplies only {@link #inspect(TransportAddress, Deadline, ProbeListener)}.
 */
abstract class InspectionProbe implements Probe {
    final InspectOptions options;
    // The event loops sessions run on: mediapath's shared daemon group unless the caller gave its own.
    final EventLoopGroup group;

    InspectionProbe(InspectOptions options, EventLoopGroup group) {
        this.options = Objects.requireNonNull(options, "options");
        this.group = Objects.requireNonNull(group, "group");
    }

    /** Inspects {@code target}, finishing within {@code timeout}. The stage never completes exceptionally for network reasons. */
    public CompletionStage<TlsInspection> inspect(TransportAddress target, Duration timeout) {
        return inspect(target, Deadline.after(timeout), ProbeListener.NONE);
    }

    /** Inspects {@code target} by {@code deadline}, reporting the timeline to {@code listener}. */
    public abstract CompletionStage<TlsInspection> inspect(TransportAddress target, Deadline deadline,
            ProbeListener listener);

    @Override
    public CompletionStage<ProbeResult> run(TransportAddress target, ProbeContext context) {
        return inspect(target, context.deadline(), context.listener()).thenApply(TlsInspection::toProbeResult);
    }
}
