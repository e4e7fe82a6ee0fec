package io.mediapath.exporter;

import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Deadline;
import io.mediapath.turn.StunTimers;
import io.mediapath.turn.StunTransport;
import io.mediapath.turn.TurnClient;
import io.mediapath.turn.TurnClientOptions;
import io.mediapath.turn.TurnCredentials;
import io.mediapath.turn.quality.QualityOptions;
import io.mediapath.turn.quality.QualityResult;
import io.mediapath.turn.quality.QualityRun;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * turn-client's quality run as a module: two allocations on the target relay echo each other (no outside echo peer),
 * 20 ms packets for up to 3 s (less when the deadline is nearer), judged against loss &lt; 1 %, RTT &lt; 100 ms,
 * jitter &lt; 30 ms. Needs the module's credentials. The leg's verdict is {@code GOOD} or {@code DEGRADED}; the
 * failure's phase names the first failing figure ({@code loss}, {@code rtt}, {@code jitter}, {@code no_echo}).
 */
final class QualityProber implements Prober {
    private static final TurnClient CLIENT = TurnClient.create(TurnClientOptions.builder().timers(StunTimers.FAST)
            .build());

    @Override
    public CompletionStage<ProbeOutcome> probe(ProbeModule module, ProbeTarget target, Deadline deadline,
            Map<String, String> environment) {
        String leg = module.kind().id();
        long start = System.nanoTime();
        Optional<TurnCredentials> creds = module.settings().credentials()
                .map(c -> new TurnCredentials(c.username(), c.password(environment)));
        if (creds.isEmpty()) {
            return CompletableFuture.completedFuture(failed(module, target, leg, start, "allocate", "auth",
                    "the quality module needs relay credentials"));
        }
        long seconds = Math.max(1, Math.min(3, deadline.remaining().toSeconds() - 3));
        TransportAddress a = target.address(module.defaultPort());
        InetSocketAddress server;
        try {
            server = new InetSocketAddress(InetAddress.getByName(a.host()), a.port());
        } catch (java.net.UnknownHostException e) {
            return CompletableFuture.completedFuture(failed(module, target, leg, start, "resolve", "error",
                    "cannot resolve " + a.host()));
        }
        QualityOptions o = QualityOptions.builder().duration(Duration.ofSeconds(seconds)).drain(Duration.ofMillis(500))
                .build();
        return QualityRun.runSelfEcho(CLIENT, server, StunTransport.UDP, a.host(), creds.get(), o)
                .handle((r, e) -> r != null ? outcome(module, target, leg, start, r)
                        : failed(module, target, leg, start, "allocate", RelayProber.reason(String.valueOf(e)),
                                String.valueOf(e.getMessage())));
    }

    private static ProbeOutcome outcome(ProbeModule module, ProbeTarget target, String leg, long start,
                                        QualityResult r) {
        Optional<ProbeOutcome.Failure> failure = Optional.empty();
        if (!r.passed()) {
            String first = r.failures().get(0).toLowerCase(Locale.ROOT);
            String phase = first.startsWith("no echo") ? "no_echo" : first.substring(0, first.indexOf(' '));
            failure = Optional.of(new ProbeOutcome.Failure(leg, phase, "error"));
        }
        return new ProbeOutcome(module.name(), target.toString(), r.passed(), Duration.ofNanos(System.nanoTime() - start),
                List.of(), List.of(new ProbeOutcome.Leg(leg, r.passed() ? "GOOD" : "DEGRADED")), Optional.empty(),
                List.of(), Optional.empty(), List.of(), failure,
                r.figures().describe() + (r.passed() ? "" : "; " + String.join(", ", r.failures())));
    }

    private static ProbeOutcome failed(ProbeModule module, ProbeTarget target, String leg, long start, String phase,
                                       String reason, String detail) {
        return new ProbeOutcome(module.name(), target.toString(), false, Duration.ofNanos(System.nanoTime() - start),
                List.of(), List.of(new ProbeOutcome.Leg(leg, "FAILED")), Optional.empty(), List.of(), Optional.empty(),
                List.of(), Optional.of(new ProbeOutcome.Failure(leg, phase, reason)), detail);
    }
}
