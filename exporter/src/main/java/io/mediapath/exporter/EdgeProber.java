package io.mediapath.exporter;

import io.mediapath.diagnose.RootCauseCode;
import io.mediapath.diagnose.playbook.Dialect;
import io.mediapath.diagnose.playbook.EdgePlaybook;
import io.mediapath.diagnose.playbook.EdgeReport;
import io.mediapath.diagnose.playbook.EdgeTarget;
import io.mediapath.diagnose.playbook.LegResult;
import io.mediapath.diagnose.playbook.LegStatus;
import io.mediapath.diagnose.playbook.ModalityVerdict;
import io.mediapath.diagnose.playbook.PlaybookEvent;
import io.mediapath.diagnose.playbook.PlaybookOptions;
import io.mediapath.diagnose.playbook.Support;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Deadline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The edge playbook as a module: every leg, the modality verdicts and the root cause. Success means the root cause
 * is {@code NONE}. The chains the TLS legs met are reported per leg, as the TLS modules report theirs. The playbook runs direct (no proxy from this machine's settings): an exporter judges the path
 * from where it stands, and the explicit-proxy leg is skipped.
 */
final class EdgeProber implements Prober {
    private final Dialect dialect;

    EdgeProber(Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public CompletionStage<ProbeOutcome> probe(ProbeModule module, ProbeTarget target, Deadline deadline,
            Map<String, String> environment) {
        ModuleSettings s = module.settings();
        TransportAddress tcp = target.address(module.defaultPort());
        EdgeTarget.Builder b = EdgeTarget.builder(tcp.host()).tcpPort(tcp.port())
                .udpPort(s.udpPort().orElse(EdgeTarget.DEFAULT_UDP_PORT)).dialect(dialect);
        s.sni().ifPresent(b::sni);
        s.credentials().ifPresent(c -> b.credentials(c.username(), c.password(environment)));
        Duration budget = deadline.remaining();
        PlaybookOptions options = PlaybookOptions.builder().environment(Map.of()).proxySelector(null)
                .deadline(budget.isZero() ? Duration.ofMillis(1) : budget).build();
        return EdgePlaybook.create(options).run(b.build()).thenApply(r -> outcome(module, target, r));
    }

    static ProbeOutcome outcome(ProbeModule module, ProbeTarget target, EdgeReport r) {
        List<ProbeOutcome.Phase> phases = new ArrayList<>();
        List<ProbeOutcome.Leg> legs = new ArrayList<>();
        List<ProbeOutcome.ChainEntry> chain = new ArrayList<>();
        Optional<ProbeOutcome.Failure> failure = Optional.empty();
        String interceptedBy = null;
        boolean intercepted = false;
        for (LegResult l : r.legs()) {
            String leg = Labels.bound(l.name());
            legs.add(new ProbeOutcome.Leg(leg, l.status().name()));
            if (l.ran()) {
                phases.addAll(phases(leg, l.name(), r.timeline()));
                phases.add(new ProbeOutcome.Phase(leg, "total", l.result().elapsed()));
            }
            // The chain each TLS leg met (a forged one when intercepted, a relay's own with the RFC dialect).
            l.inspection().filter(i -> !i.chain().isEmpty())
                    .ifPresent(i -> chain.addAll(TlsProber.chain(leg, i.chain())));
            if (l.status() == LegStatus.INTERCEPTED) {
                intercepted = true;
                if (interceptedBy == null && l.product().isPresent()) {
                    interceptedBy = l.product().get();
                }
            }
            if (failure.isEmpty() && l.ran() && l.status() != LegStatus.PASSED && l.status() != LegStatus.AUTH_FAILED) {
                failure = Optional.of(new ProbeOutcome.Failure(leg, "total", reason(l.status(), l.detail())));
            }
        }
        boolean ok = r.rootCause().code() == RootCauseCode.NONE;
        if (r.rootCause().code() == RootCauseCode.TLS_INTERCEPTED) {
            intercepted = true;
            interceptedBy = r.rootCause().product().orElse(interceptedBy);
        }
        List<ProbeOutcome.ModalityState> modalities = new ArrayList<>();
        for (ModalityVerdict v : r.modalities()) {
            modalities.add(new ProbeOutcome.ModalityState(v.modality().label(),
                    v.support().name().toLowerCase(Locale.ROOT),
                    v.support() == Support.WORKS || v.support() == Support.DEGRADED));
        }
        if (ok) {
            failure = Optional.empty();
        }
        return new ProbeOutcome(module.name(), target.toString(), ok, r.elapsed(), phases, legs,
                Optional.of(r.rootCause().code().name()), modalities,
                Optional.of(new ProbeOutcome.Interception(intercepted, Labels.bound(interceptedBy == null ? ""
                        : interceptedBy))), chain, failure,
                r.rootCause().code() + ": " + r.rootCause().summary());
    }

    /**
     * A leg's phases from its timeline events: {@code connect} (connect.start → connect.done), {@code tls}
     * (tls.start → tls.done) and {@code first-byte} (hello.sent → the first bytes.received after it).
     */
    static List<ProbeOutcome.Phase> phases(String label, String leg, List<PlaybookEvent> timeline) {
        long connectStart = -1;
        long connectDone = -1;
        long tlsStart = -1;
        long tlsDone = -1;
        long hello = -1;
        long firstByte = -1;
        for (PlaybookEvent e : timeline) {
            if (!e.leg().equals(leg)) {
                continue;
            }
            long t = e.offsetNanos();
            switch (e.kind()) {
                case "connect.start" -> connectStart = connectStart < 0 ? t : connectStart;
                case "connect.done" -> connectDone = connectDone < 0 ? t : connectDone;
                case "tls.start" -> tlsStart = tlsStart < 0 ? t : tlsStart;
                case "tls.done" -> tlsDone = tlsDone < 0 ? t : tlsDone;
                case "hello.sent" -> hello = hello < 0 ? t : hello;
                case "bytes.received" -> firstByte = firstByte < 0 && hello >= 0 ? t : firstByte;
                default -> {
                    // other events carry no phase boundary
                }
            }
        }
        List<ProbeOutcome.Phase> out = new ArrayList<>(3);
        if (connectStart >= 0 && connectDone >= connectStart) {
            out.add(new ProbeOutcome.Phase(label, "connect", Duration.ofNanos(connectDone - connectStart)));
        }
        if (tlsStart >= 0 && tlsDone >= tlsStart) {
            out.add(new ProbeOutcome.Phase(label, "tls", Duration.ofNanos(tlsDone - tlsStart)));
        }
        if (hello >= 0 && firstByte >= hello) {
            out.add(new ProbeOutcome.Phase(label, "first-byte", Duration.ofNanos(firstByte - hello)));
        }
        return out;
    }

    static String reason(LegStatus s, String detail) {
        return switch (s) {
            case SILENT -> "timeout";
            case REFUSED -> "refused";
            case INTERCEPTED -> "intercepted";
            case HTTP_PROXY -> "http_proxy";
            case RESET -> "reset";
            case AUTH_FAILED -> "auth";
            default -> detail.contains("deadline") ? "timeout" : "error";
        };
    }
}
