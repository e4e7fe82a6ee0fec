package io.mediapath.turn.nat;

import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Probe;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.ice.probe.ProbeResult;
import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.turn.StunTimers;
import io.mediapath.turn.TurnFindingCodes;
import io.mediapath.turn.internal.EventLoops;
import io.mediapath.turn.internal.Failures;
import io.mediapath.turn.internal.Lookups;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * {@link NatDiscovery} as an ice-core {@link Probe}, for a playbook leg against a STUN/TURN server's UDP port: the
 * first Binding decides whether the server supports RFC 5780 (OTHER-ADDRESS in the answer). When it does not, the
 * probe stops there — {@link #RFC5780_UNSUPPORTED}, the informational {@code NAT_RFC5780_NOT_OFFERED} (not
 * {@code nat}'s warning: a relay need not offer NAT discovery), no further transaction and no wait beyond that one
 * Binding's — and when it does, it runs the mapping, filtering and hairpinning tests (no lifetime
 * search: that needs silences of many seconds) and concludes with the ICE outlook.
 *
 * <p>The result never fails the path ({@link ProbeResult#passed()} is false only when nothing answered, which the
 * relay legs judge): NAT behaviour is context, not a fault of the path. Verdicts: {@link #NO_ANSWER},
 * {@link #RFC5780_UNSUPPORTED}, or the {@link IceOutlook} name ({@code DIRECT_OPEN}, {@code DIRECT_AFTER_CHECKS},
 * {@code RELAY_REQUIRED}, {@code UNKNOWN}). Besides one {@code nat.transaction} event per transaction, the timeline
 * names each result in an event of its own, so a report can show them without this module's types:
 * {@code nat.mapping}, {@code nat.filtering}, {@code nat.hairpinning} (the enum names) and {@code nat.outlook} (the
 * {@link IceOutlook} name, then a space and its meaning).
 *
 * <p>Every transaction follows the timer profile, cut so that the tests that may go unanswered (at most four: the
 * first Binding, two filtering requests and the hairpin) fit the context's deadline. Discovery blocks on plain
 * sockets, so a run holds a thread of the executor (by default turn-client's shared pool of probe threads).
 */
public final class NatProbe implements Probe {
    /** Nothing answered the first Binding (the relay legs say why). */
    public static final String NO_ANSWER = "NO_ANSWER";
    /** The server answered without OTHER-ADDRESS. */
    public static final String RFC5780_UNSUPPORTED = "RFC5780_UNSUPPORTED";

    private final StunTimers timers;
    private final Executor executor;

    private NatProbe(StunTimers timers, Executor executor) {
        this.timers = Objects.requireNonNull(timers, "timers");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** A probe with this timer profile, on turn-client's shared probe threads. */
    public static NatProbe create(StunTimers timers) {
        return new NatProbe(timers, EventLoops.probeRuns());
    }

    /** This probe with its runs on {@code executor}. */
    public NatProbe withExecutor(Executor executor) {
        return new NatProbe(timers, executor);
    }

    @Override
    public CompletionStage<ProbeResult> run(TransportAddress target, ProbeContext context) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(context, "context");
        long start = System.nanoTime();
        return CompletableFuture.supplyAsync(() -> {
            Duration left = context.deadline().remaining();
            if (left.isNegative() || left.isZero()) {
                return failed(target, "the deadline passed before the probe started", start);
            }
            InetSocketAddress server;
            try {
                // bounded by the probe's deadline, as every name lookup of this module is
                server = Lookups.resolve(target.host(), target.port(), left, "").join();
            } catch (java.util.concurrent.CompletionException e) {
                return failed(target, Failures.unwrap(e).getMessage(), start);
            }
            NatReport r;
            try {
                r = NatDiscovery.builder().timers(timers.within(left.dividedBy(4))).hairpinning(true).build()
                        .discover(server);
            } catch (RuntimeException e) {
                return failed(target, e.getMessage(), start);
            }
            return toProbeResult(target, r, start, context);
        }, executor);
    }

    private static ProbeResult toProbeResult(TransportAddress target, NatReport r, long start, ProbeContext ctx) {
        List<TimelineEvent> tl = new ArrayList<>();
        for (NatTransaction t : r.transactions()) {
            tl.add(event(ctx, start, "nat.transaction", t.describe()));
        }
        String verdict;
        if (r.mapped().isEmpty()) {
            verdict = NO_ANSWER;
        } else if (!r.rfc5780()) {
            verdict = RFC5780_UNSUPPORTED;
        } else {
            verdict = r.iceOutlook().name();
            tl.add(event(ctx, start, "nat.mapping", r.mapping().name()));
            tl.add(event(ctx, start, "nat.filtering", r.filtering().name()));
            tl.add(event(ctx, start, "nat.hairpinning", r.hairpinning().name()));
            tl.add(event(ctx, start, "nat.outlook", r.iceOutlook().name() + " " + r.iceOutlook().meaning()));
        }
        List<Finding> findings = new ArrayList<>();
        for (Finding f : r.findings()) {
            // here the server was not asked for NAT discovery but probed as a relay: its lack of RFC 5780 is context
            findings.add(f.code().equals(TurnFindingCodes.NAT_RFC5780_UNSUPPORTED.code())
                    ? TurnFindingCodes.NAT_RFC5780_NOT_OFFERED.builder().summary(f.summary())
                            .evidence(f.evidence()).build() : f);
        }
        return new ProbeResult("nat", target, verdict, r.mapped().isPresent(), findings, tl,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static TimelineEvent event(ProbeContext ctx, long start, String kind, String detail) {
        TimelineEvent e = new TimelineEvent(System.nanoTime() - start, kind, detail);
        try {
            ctx.listener().onEvent(e);
        } catch (RuntimeException ignored) {
            // a listener's failure must not change what the probe found
        }
        return e;
    }

    private static ProbeResult failed(TransportAddress target, String why, long start) {
        Finding f = TurnFindingCodes.NAT_DISCOVERY_FAILED.builder().summary("NAT discovery against " + target
                + ": " + why).evidence(new Evidence("nat " + target, "start", why)).build();
        return new ProbeResult("nat", target, NO_ANSWER, false, List.of(f), List.of(),
                Duration.ofNanos(System.nanoTime() - start));
    }
}
