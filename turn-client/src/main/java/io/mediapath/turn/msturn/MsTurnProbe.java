package io.mediapath.turn.msturn;

import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.FindingCode;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Probe;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.ice.probe.ProbeResult;
import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.ice.probe.WirePayload;
import io.mediapath.sdp.msdiag.Remedies;
import io.mediapath.turn.StunTimers;
import io.mediapath.turn.TurnCredentials;
import io.mediapath.turn.TurnException;
import io.mediapath.turn.TurnFindingCodes;
import io.mediapath.turn.internal.Failures;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link MsTurnClient} as an ice-core {@link Probe}: one MS-TURN Allocate against a Lync/SfB Edge over UDP or TCP
 * (pseudo-TLS, then the framing). Without credentials the Edge's 401 with REALM and NONCE is the result (verdict
 * {@code CHALLENGED}: it proves the Edge answered on this path); with credentials, the authenticated Allocate
 * (verdict {@code ALLOCATED}). A failure's verdict is the {@link TurnException.Kind} name, e.g. {@code TIMEOUT},
 * {@code PSEUDO_TLS_INTERCEPTED} or {@code AUTH_FAILED}.
 *
 * <p>This class holds the one mapping from an MS-TURN outcome to findings ({@code TURN_CHALLENGED}, {@code
 * TURN_ALLOCATED}, {@link TurnFindingCodes#forFailure} for failures, with remedies for an Edge's reader): the edge
 * playbook and {@code mediapath turn --ms-turn} both show what {@link #probe} reports.
 *
 * <p>Every wait comes from the options' timer profile, cut to the context's deadline ({@link StunTimers#within});
 * over UDP each of the two transactions that silence costs (the Allocate, then the RFC Binding that tells "RFC
 * server" from "nothing there") gets at most half of it. Over TCP nothing follows a hello that the genuine Edge did
 * not answer, so no credentials cross a middlebox. Runs on turn-client's shared event loops; starts no thread. The
 * password is never part of a result.
 */
public final class MsTurnProbe implements Probe {
    /** The probe's name in results. */
    public static final String NAME = "ms-turn";

    private final MsTurnOptions options;
    private final MsTurnTransport transport;

    private MsTurnProbe(MsTurnOptions options, MsTurnTransport transport) {
        this.options = Objects.requireNonNull(options, "options");
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * A probe with these options (credentials, timer profile, local address, listener) over {@code transport}; with
     * credentials it completes the authenticated Allocate (deallocation is left to the Edge's lifetime).
     */
    public static MsTurnProbe create(MsTurnOptions options, MsTurnTransport transport) {
        return new MsTurnProbe(options, transport);
    }

    /** A probe with the default options that fetches the Edge's 401 over {@code transport} and stops there. */
    public static MsTurnProbe challenge(MsTurnTransport transport) {
        return create(MsTurnOptions.defaults(), transport);
    }

    /** A probe with the default options that completes the authenticated Allocate over {@code transport}. */
    public static MsTurnProbe allocate(MsTurnTransport transport, TurnCredentials credentials) {
        return create(MsTurnOptions.builder().credentials(Objects.requireNonNull(credentials, "credentials"))
                .build(), transport);
    }

    /** The transport this probe uses. */
    public MsTurnTransport transport() {
        return transport;
    }

    /** The options. */
    public MsTurnOptions options() {
        return options;
    }

    @Override
    public CompletionStage<ProbeResult> run(TransportAddress target, ProbeContext context) {
        return probe(target, context).thenApply(MsTurnProbeReport::toProbeResult);
    }

    /** Runs the probe against {@code target}; always completes normally with a report, by the context's deadline. */
    public CompletableFuture<MsTurnProbeReport> probe(TransportAddress target, ProbeContext context) {
        long start = System.nanoTime();
        List<TimelineEvent> timeline = new CopyOnWriteArrayList<>();
        java.util.function.Consumer<TimelineEvent> record = e -> {
            TimelineEvent shifted = e.atOffset(System.nanoTime() - start);
            timeline.add(shifted);
            context.listener().onEvent(shifted);
            options.listener().onEvent(shifted);
        };
        Duration left = context.deadline().remaining();
        if (left.isZero() || left.isNegative()) {
            left = Duration.ofMillis(1);
        }
        Duration step = transport == MsTurnTransport.UDP && options.rfcProbeOnSilence() ? left.dividedBy(2) : left;
        if (step.isZero()) {
            step = Duration.ofMillis(1);
        }
        java.util.function.Consumer<WirePayload> wire = w -> {
            boolean sent = w.direction() == WirePayload.Direction.SENT;
            TimelineEvent e = new TimelineEvent(System.nanoTime() - start,
                    w.length() == 0 ? "connect.done" : sent ? "bytes.sent" : "bytes.received",
                    w.length() == 0 ? "TCP " + w.local() + " -> " + w.remote()
                            : w.length() + " bytes " + (sent ? "to " : "from ") + w.remote(), w);
            timeline.add(e);
            context.listener().onEvent(e);
            options.wireListener().ifPresent(l -> l.accept(w));
        };
        MsTurnOptions o = options.toBuilder().timers(options.timers().within(step)).listener(record::accept)
                .wireListener(wire).build();
        record.accept(new TimelineEvent(0, "msturn.start", transport + " to " + target
                + (transport == MsTurnTransport.TCP ? ": pseudo-TLS hello, then a framed Allocate" : ": Allocate")
                + options.credentials().map(c -> ", then the authenticated Allocate as " + c.username()).orElse("")));
        MsTurnClient client = MsTurnClient.create(o);
        // The client times out on its own first; this only guards against an exchange that never ends.
        return client.allocate(target.host(), target.port(), transport)
                .orTimeout(Math.max(1, context.deadline().remaining().toMillis()) + 1000, TimeUnit.MILLISECONDS)
                .handle((a, err) -> {
                    TurnException failure = null;
                    if (err != null) {
                        Throwable c = Failures.unwrap(err);
                        failure = c instanceof TurnException te ? te : c instanceof TimeoutException
                                ? new TurnException(TurnException.Kind.TIMEOUT, "no answer before the deadline")
                                : new TurnException(TurnException.Kind.PROTOCOL, c.getMessage() == null
                                        || c.getMessage().isBlank() ? "the exchange failed" : c.getMessage());
                    }
                    return report(target, a, failure, timeline, Duration.ofNanos(System.nanoTime() - start));
                })
                .whenComplete((r, e) -> client.close());
    }

    private MsTurnProbeReport report(TransportAddress target, MsTurnAllocation a, TurnException failure,
            List<TimelineEvent> timeline, Duration elapsed) {
        String verdict = failure != null ? failure.kind().name() : a.allocated() ? "ALLOCATED" : "CHALLENGED";
        List<Finding> findings = List.of(finding(target, a, failure, elapsed));
        ProbeResult r = new ProbeResult(NAME, target, verdict, failure == null, findings, List.copyOf(timeline),
                elapsed);
        return new MsTurnProbeReport(target, transport, Optional.ofNullable(a), Optional.ofNullable(failure), r);
    }

    /** The one mapping from an outcome to a finding, in the RFC probe's codes where the meaning is the same. */
    private Finding finding(TransportAddress target, MsTurnAllocation a, TurnException failure, Duration elapsed) {
        String where = target.host() + ":" + target.port();
        String source = "probe ms-turn " + where + " (" + transport + ")";
        if (failure == null) {
            if (a.allocated()) {
                return TurnFindingCodes.TURN_ALLOCATED.builder()
                        .summary("MS-TURN Allocate succeeded on " + where + " (" + transport + "), relayed "
                                + a.relayed().map(r -> r.getHostString() + ":" + r.getPort()).orElse("-"))
                        .evidence(Evidence.step(source, "allocate", elapsed, "realm \"" + a.realm() + "\", MS-VERSION "
                                + a.serverMsVersion() + ", " + a.regime() + " integrity"))
                        .build();
            }
            return TurnFindingCodes.TURN_CHALLENGED.builder()
                    .summary("The Edge answered the unauthenticated Allocate with 401 (realm \"" + a.realm()
                            + "\"): the path to " + where + " over " + transport + " works")
                    .evidence(Evidence.step(source, "challenge", elapsed, "401 with REALM and NONCE, MS-VERSION "
                            + a.serverMsVersion()))
                    .build();
        }
        FindingCode code = TurnFindingCodes.forFailure("allocate", failure.kind());
        String remedy = switch (failure.kind()) {
            case PSEUDO_TLS_INTERCEPTED -> "Something between this host and the Edge answered the pseudo-TLS hello (no "
                    + "credentials were sent); `mediapath tls --pseudo-tls " + where + "` names it. "
                    + Remedies.bypassInspectionByIp(TransportAddress.isIpLiteral(target.host()) ? target.host() : "",
                            target.port(), true);
            case DIALECT_MISMATCH -> "An RFC 5389/8656 TURN server answered, not an MS-TURN Edge: probe it in the RFC "
                    + "dialect (`mediapath turn` without --ms-turn).";
            case AUTH_FAILED -> "The Edge is reachable and challenged, but refused the credentials: MRAS credentials "
                    + "expire (8 h); take fresh ones from a current log.";
            case TIMEOUT -> "No answer: a firewall silently drops " + transport + " " + target.port() + " to the Edge, "
                    + "or the Edge is down.";
            case RESOLVE_FAILED -> "Check the Edge's name and split DNS from this network.";
            case CONNECT_REFUSED, UNREACHABLE -> "Check the firewall rule and routing for " + transport + " "
                    + target.port() + " to the Edge.";
            default -> code.remedy();
        };
        String codeText = failure.errorCode().map(c -> " (STUN " + c.code() + ")").orElse("");
        return code.builder()
                .summary("MS-TURN " + (options.credentials().isPresent() ? "Allocate" : "challenge") + " to " + where
                        + " (" + transport + ") failed: " + failure.kind() + codeText)
                .evidence(Evidence.step(source, "allocate", elapsed, failure.getMessage()))
                .remedy(remedy).build();
    }
}
