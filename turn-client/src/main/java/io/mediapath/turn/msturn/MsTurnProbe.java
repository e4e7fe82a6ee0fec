package io.mediapath.turn.msturn;

import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.Severity;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Probe;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.ice.probe.ProbeResult;
import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.turn.TurnCredentials;
import io.mediapath.turn.TurnException;
import io.mediapath.turn.TurnFindingCodes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * {@link MsTurnClient} as an ice-core {@link Probe}: one MS-TURN Allocate against a Lync/SfB Edge over UDP or TCP
 * (pseudo-TLS, then the framing). Without credentials the Edge's 401 with REALM and NONCE is the result (verdict
 * {@code CHALLENGED}: it proves the Edge answered on this path); with credentials, the authenticated Allocate
 * (verdict {@code ALLOCATED}). A failure's verdict is the {@link TurnException.Kind} name, e.g. {@code TIMEOUT},
 * {@code PSEUDO_TLS_INTERCEPTED} or {@code AUTH_FAILED}; findings use the codes of {@code mediapath turn --ms-turn}
 * ({@code TURN_CHALLENGED}, {@code TURN_TIMEOUT}, {@code TURN_PSEUDO_TLS_INTERCEPTED}, …).
 *
 * <p>Over TCP nothing follows a hello that the genuine Edge did not answer, so no credentials cross a middlebox.
 * Each run uses its own client (one event loop thread), closed when the run ends. The password is never part of
 * a result.
 */
public final class MsTurnProbe implements Probe {
    /** The probe's name in results. */
    public static final String NAME = "ms-turn";

    private final MsTurnTransport transport;
    private final Optional<TurnCredentials> credentials;

    private MsTurnProbe(MsTurnTransport transport, Optional<TurnCredentials> credentials) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** A probe that fetches the Edge's 401 over {@code transport} and stops there. */
    public static MsTurnProbe challenge(MsTurnTransport transport) {
        return new MsTurnProbe(transport, Optional.empty());
    }

    /** A probe that completes the authenticated Allocate over {@code transport} (deallocation is left to the Edge's lifetime). */
    public static MsTurnProbe allocate(MsTurnTransport transport, TurnCredentials credentials) {
        return new MsTurnProbe(transport, Optional.of(Objects.requireNonNull(credentials, "credentials")));
    }

    /** The transport this probe uses. */
    public MsTurnTransport transport() {
        return transport;
    }

    @Override
    public CompletionStage<ProbeResult> run(TransportAddress target, ProbeContext context) {
        long start = System.nanoTime();
        List<TimelineEvent> timeline = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.function.BiConsumer<String, String> event = (kind, detail) -> {
            TimelineEvent e = new TimelineEvent(System.nanoTime() - start, kind, detail);
            timeline.add(e);
            context.listener().onEvent(e);
        };
        java.util.function.Consumer<io.mediapath.ice.probe.WirePayload> wire = w -> {
            boolean sent = w.direction() == io.mediapath.ice.probe.WirePayload.Direction.SENT;
            TimelineEvent e = new TimelineEvent(System.nanoTime() - start,
                    w.length() == 0 ? "connect.done" : sent ? "bytes.sent" : "bytes.received",
                    w.length() == 0 ? "TCP " + w.local() + " -> " + w.remote()
                            : w.length() + " bytes " + (sent ? "to " : "from ") + w.remote(), w);
            timeline.add(e);
            context.listener().onEvent(e);
        };
        Duration left = context.deadline().remaining();
        if (left.isZero()) {
            left = Duration.ofMillis(1);
        }
        // UDP silence costs two transaction timeouts (the Allocate, then the RFC Binding that tells "RFC server"
        // from "nothing there"), so each gets half of what is left.
        Duration step = transport == MsTurnTransport.UDP ? left.dividedBy(2) : left;
        MsTurnClient.Builder b = MsTurnClient.builder().connectTimeout(step).transactionTimeout(step)
                .wireListener(wire);
        credentials.ifPresent(c -> b.credentials(c.username(), c.password()));
        String source = "probe ms-turn " + target + " (" + transport + ")";
        event.accept("msturn.start", transport + " to " + target + (transport == MsTurnTransport.TCP
                ? ": pseudo-TLS hello, then a framed Allocate" : ": Allocate") + (credentials.isPresent()
                ? ", then the authenticated Allocate as " + credentials.get().username() : ""));
        MsTurnClient client = b.build();
        // The name is resolved on a daemon thread of its own: a slow resolver must not hold up the caller, which
        // may be starting other probes.
        CompletableFuture<java.net.InetAddress> resolved = new CompletableFuture<>();
        Thread resolver = new Thread(() -> {
            try {
                resolved.complete(java.net.InetAddress.getByName(target.host()));
            } catch (java.io.IOException | RuntimeException e) {
                resolved.completeExceptionally(new TurnException(TurnException.Kind.RESOLVE_FAILED,
                        "cannot resolve " + target.host() + ": " + e.getMessage(), null, e));
            }
        }, "ms-turn-probe-resolve " + target.host());
        resolver.setDaemon(true);
        resolver.start();
        CompletableFuture<MsTurnAllocation> f = resolved.thenCompose(ip ->
                client.allocate(new java.net.InetSocketAddress(ip, target.port()), transport));
        // The client times out on its own first; this only guards against an exchange that never ends.
        return f.orTimeout(Math.max(1, context.deadline().remaining().toMillis()) + 1000, TimeUnit.MILLISECONDS)
                .handle((a, err) -> {
                    Throwable c = err;
                    while (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) {
                        c = c.getCause();
                    }
                    TurnException failure = c == null ? null : c instanceof TurnException te ? te
                            : c instanceof java.util.concurrent.TimeoutException
                                    ? new TurnException(TurnException.Kind.TIMEOUT, "no answer before the deadline")
                                    : new TurnException(TurnException.Kind.PROTOCOL, String.valueOf(c));
                    return result(target, source, a, failure, timeline, event, start);
                })
                .whenComplete((r, e) -> closeQuietly(client));
    }

    private ProbeResult result(TransportAddress target, String source, MsTurnAllocation a, TurnException failure,
            List<TimelineEvent> timeline, java.util.function.BiConsumer<String, String> event, long start) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        List<Finding> findings = new ArrayList<>();
        String verdict;
        boolean passed;
        if (failure == null) {
            event.accept("msturn.challenge", "401 from realm \"" + a.realm() + "\" (Edge MS-VERSION "
                    + a.serverMsVersion() + "): the Edge answered");
            if (a.allocated()) {
                verdict = "ALLOCATED";
                event.accept("msturn.allocated", "relayed " + a.relayed().map(Object::toString).orElse("-")
                        + ", lifetime " + a.lifetimeSeconds() + " s, " + a.regime());
                findings.add(TurnFindingCodes.TURN_ALLOCATED.builder()
                        .summary("Edge relay allocated over " + transport + " on " + target + ": "
                                + a.relayed().map(Object::toString).orElse("-"))
                        .evidence(Evidence.step(source, "allocate", elapsed, "MAPPED-ADDRESS " + a.relayed()
                                .map(Object::toString).orElse("-"))).build());
            } else {
                verdict = "CHALLENGED";
                findings.add(TurnFindingCodes.TURN_CHALLENGED.builder()
                        .summary("The Edge answered an MS-TURN Allocate over " + transport + " on " + target
                                + " with 401 (realm \"" + a.realm() + "\"): the path to the Edge works")
                        .evidence(Evidence.step(source, "challenge", elapsed, "0x0113 401, REALM \"" + a.realm()
                                + "\", NONCE, MS-VERSION " + a.serverMsVersion())).build());
            }
            passed = true;
        } else {
            verdict = failure.kind().name();
            passed = false;
            event.accept("msturn.failed", failure.kind() + ": " + failure.getMessage());
            // The codes of `mediapath turn --ms-turn` (one mapping, in the catalogue).
            io.mediapath.ice.FindingCode code = TurnFindingCodes.forFailure("allocate", failure.kind());
            String remedy = switch (failure.kind()) {
                case PSEUDO_TLS_INTERCEPTED -> "Something other than the Edge answered the pseudo-TLS hello: exempt "
                        + "the Edge's IP addresses from SSL inspection and proxying (by IP: the hello has no SNI). "
                        + "No credentials were sent.";
                case DIALECT_MISMATCH -> "An RFC 5389/8656 TURN server answered: probe it in the turn dialect.";
                case TIMEOUT -> "No answer: a firewall silently drops the traffic, or the Edge is down.";
                case CONNECT_REFUSED -> "Nothing listens there, or a firewall rejects: check the Edge and the rule.";
                case AUTH_FAILED -> "The Edge answered but refused the credentials: check the user and password "
                        + "(MRAS credentials expire).";
                default -> "";
            };
            findings.add(code.builder()
                    .summary("MS-TURN Allocate over " + transport + " to " + target + " failed: " + failure.kind()
                            + failure.errorCode().map(e -> " (STUN " + e + ")").orElse(""))
                    .evidence(Evidence.step(source, "allocate", elapsed, failure.getMessage()))
                    .remedy(remedy.isEmpty() ? code.remedy() : remedy).build());
        }
        return new ProbeResult(NAME, target, verdict, passed, findings, timeline, elapsed);
    }

    private static void closeQuietly(MsTurnClient client) {
        // close() waits for the event loop; never on that loop's own thread, so hand it to a daemon.
        Thread t = new Thread(client::close, "ms-turn-probe-close");
        t.setDaemon(true);
        t.start();
    }
}
