package io.mediapath.exporter;

import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Deadline;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.ice.probe.ProbeListener;
import io.mediapath.turn.ProbeStep;
import io.mediapath.turn.StunTimers;
import io.mediapath.turn.StunTransport;
import io.mediapath.turn.StunUri;
import io.mediapath.turn.TurnClientOptions;
import io.mediapath.turn.TurnCredentials;
import io.mediapath.turn.TurnProbe;
import io.mediapath.turn.TurnProbeOptions;
import io.mediapath.turn.TurnProbeReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * turn-client's relay probe as a module: STUN Binding, or TURN Allocate over UDP, TCP or TLS. Each step is a
 * phase; success is every step that ran passing (a 401 challenge without credentials passes: a genuine relay
 * answered).
 */
final class RelayProber implements Prober {
    private final String scheme;
    private final StunTransport transport;
    private final TurnClientOptions options = TurnClientOptions.builder().timers(StunTimers.FAST).build();

    RelayProber(String scheme, StunTransport transport) {
        this.scheme = scheme;
        this.transport = transport;
    }

    @Override
    public CompletionStage<ProbeOutcome> probe(ProbeModule module, ProbeTarget target, Deadline deadline,
            Map<String, String> environment) {
        TransportAddress a = target.address(module.defaultPort());
        TurnCredentials creds = module.settings().credentials()
                .map(c -> new TurnCredentials(c.username(), c.password(environment))).orElse(null);
        TurnProbe probe = TurnProbe.create(TurnProbeOptions.builder().client(options).credentials(creds).build(),
                transport);
        StunUri uri = new StunUri(scheme, a.host(), a.port(), transport);
        return probe.probe(uri, new ProbeContext(deadline, ProbeListener.NONE))
                .thenApply(r -> outcome(module, target, r));
    }

    ProbeOutcome outcome(ProbeModule module, ProbeTarget target, TurnProbeReport r) {
        String leg = module.kind().id();
        List<ProbeOutcome.Phase> phases = new ArrayList<>();
        Optional<ProbeOutcome.Failure> failure = Optional.empty();
        String detail = r.verdict();
        for (ProbeStep s : r.steps()) {
            if (s.status() == ProbeStep.Status.SKIPPED) {
                continue;
            }
            phases.add(new ProbeOutcome.Phase(leg, s.name(), s.elapsed()));
            if (s.status() == ProbeStep.Status.FAILED && failure.isEmpty()) {
                failure = Optional.of(new ProbeOutcome.Failure(leg, s.name(), reason(r.verdict())));
                detail = r.verdict() + " at " + s.name() + ": " + s.detail();
            }
        }
        return new ProbeOutcome(module.name(), target.toString(), r.passed(), r.elapsed(), phases,
                List.of(new ProbeOutcome.Leg(leg, Labels.bound(r.verdict()))), Optional.empty(), List.of(),
                Optional.empty(), List.of(), r.passed() ? Optional.empty() : failure, detail);
    }

    static String reason(String verdict) {
        if (verdict.contains("TIMEOUT")) {
            return "timeout";
        }
        if (verdict.contains("REFUSED") || verdict.contains("UNREACHABLE")) {
            return "refused";
        }
        if (verdict.contains("AUTH") || verdict.contains("401")) {
            return "auth";
        }
        return "error";
    }
}
