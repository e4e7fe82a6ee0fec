package io.mediapath.cli;

import io.mediapath.diagnose.report.JsonOutput;
import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.FindingCode;
import io.mediapath.ice.TransportAddress;
import io.mediapath.sdp.msdiag.Remedies;
import io.mediapath.turn.StunTimers;
import io.mediapath.turn.StunTransport;
import io.mediapath.turn.StunUri;
import io.mediapath.turn.TurnCredentials;
import io.mediapath.turn.TurnException;
import io.mediapath.turn.TurnFindingCodes;
import io.mediapath.turn.msturn.MsTurnAllocation;
import io.mediapath.turn.msturn.MsTurnClient;
import io.mediapath.turn.msturn.MsTurnTransport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code mediapath turn --ms-turn}: one MS-TURN Allocate against a Lync/SfB Edge with {@link MsTurnClient}, printed
 * as the steps a reader of the seeds' field reports needs: did the genuine pseudo-TLS answer come back (or who
 * answered instead), did the Edge challenge (which proves the path), did the authenticated Allocate succeed.
 */
final class MsTurnRun {
    private MsTurnRun() {
    }

    static int run(PrintWriter out, StunUri u, Optional<TurnCredentials> cred, java.net.InetAddress local,
            StunTimers timers, Duration deadline, boolean json,
            java.util.function.Consumer<io.mediapath.diagnose.report.PcapExport.Payload> wire)
            throws InterruptedException {
        MsTurnTransport transport = u.transport() == StunTransport.UDP ? MsTurnTransport.UDP : MsTurnTransport.TCP;
        // The same profile as the RFC probe (--fast: every wait 2.75 s); a wait longer than half the deadline is cut
        // to half, so the UDP silence check after an unanswered Allocate still fits (RFC 8489: 39.5 s each).
        MsTurnClient.Builder b = MsTurnClient.builder().timers(timers);
        Duration half = deadline.dividedBy(2);
        if (timers.udpTimeout().compareTo(half) > 0 || timers.ti().compareTo(half) > 0
                || timers.connect().compareTo(half) > 0) {
            b.transactionTimeout(half).connectTimeout(timers.connect().compareTo(half) > 0 ? half : timers.connect());
        }
        cred.ifPresent(c -> b.credentials(c.username(), c.password()));
        if (wire != null) {
            // Each payload stamped when the socket moved it, on the wall clock (anchored once, advanced monotonically).
            long anchorNanos = System.nanoTime();
            java.time.Instant anchor = java.time.Instant.now();
            long anchorEpoch = anchor.getEpochSecond() * 1_000_000_000L + anchor.getNano();
            b.wireListener(w -> wire.accept(new io.mediapath.diagnose.report.PcapExport.Payload(
                    anchorEpoch + System.nanoTime() - anchorNanos, w, w.length() == 0 ? "connect.done"
                            : (w.direction() == io.mediapath.ice.probe.WirePayload.Direction.SENT ? "bytes.sent: "
                                    : "bytes.received: ") + w.length() + " bytes")));
        }
        if (local != null) {
            b.localAddress(local);
        }
        MsTurnAllocation a = null;
        TurnException failure = null;
        long t0 = System.nanoTime();
        try (MsTurnClient client = b.build()) {
            a = client.allocate(u.host(), u.port(), transport).get(deadline.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TurnException te) {
                failure = te;
            } else {
                // The reason a person reads, not the exception's class name.
                Throwable c = e.getCause();
                failure = new TurnException(TurnException.Kind.PROTOCOL, c == null || c.getMessage() == null
                        || c.getMessage().isBlank() ? "the exchange failed" : c.getMessage());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            failure = new TurnException(TurnException.Kind.TIMEOUT, "no answer within " + deadline.toSeconds() + " s");
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        boolean passed = failure == null && (a.allocated() || cred.isEmpty());
        String verdict = failure != null ? failure.kind().name()
                : a.allocated() ? "ALLOCATED" : "CHALLENGED";
        List<Finding> findings = findings(u, transport, cred.isPresent(), a, failure, Duration.ofMillis(ms));
        if (json) {
            Map<String, Object> n = JsonOutput.document(JsonOutput.TURN);
            n.put("dialect", "ms-turn");
            n.put("server", u.host() + ":" + u.port());
            n.put("transport", transport.name());
            n.put("verdict", verdict);
            n.put("passed", passed);
            n.put("elapsedMillis", ms);
            if (a != null) {
                n.put("realm", a.realm());
                n.put("serverMsVersion", a.serverMsVersion());
                n.put("integrity", a.regime().name());
                a.relayed().ifPresent(r -> n.put("relayed", r.getHostString() + ":" + r.getPort()));
                a.reflexive().ifPresent(r -> n.put("reflexive", r.getHostString() + ":" + r.getPort()));
                n.put("lifetimeSeconds", a.lifetimeSeconds());
            }
            if (failure != null) {
                n.put("failure", failure.kind().name());
                n.put("detail", failure.getMessage());
                failure.errorCode().ifPresent(c -> n.put("stunErrorCode", c.code()));
            }
            n.put("findings", JsonOutput.findings(findings));
            out.println(JsonOutput.write(n));
            out.flush();
            return passed ? MediapathCli.OK : MediapathCli.FOUND;
        }
        out.println("mediapath turn --ms-turn " + u.host() + ":" + u.port() + " (" + transport + ")");
        if (transport == MsTurnTransport.TCP) {
            boolean ptlsOk = failure == null || failure.kind() != TurnException.Kind.PSEUDO_TLS_INTERCEPTED
                    && failure.kind() != TurnException.Kind.CONNECT_REFUSED && failure.kind() != TurnException.Kind.TIMEOUT;
            out.printf("  %-12s %s%n", "pseudo-tls", ptlsOk ? "PASS  the genuine 83-byte ServerHello+ServerHelloDone"
                    : "FAIL  " + failure.getMessage());
        }
        if (a != null) {
            out.printf("  %-12s PASS  401 from realm \"%s\" (Edge MS-VERSION %d): the path to the Edge works%n",
                    "challenge", a.realm(), a.serverMsVersion());
            if (a.allocated()) {
                out.printf("  %-12s PASS  relayed %s, reflexive %s, %s integrity, lifetime %d s%n", "allocate",
                        a.relayed().map(r -> r.getHostString() + ":" + r.getPort()).orElse("-"),
                        a.reflexive().map(r -> r.getHostString() + ":" + r.getPort()).orElse("-"),
                        a.regime(), a.lifetimeSeconds());
            } else {
                out.printf("  %-12s SKIP  no --username/--password: only the challenge was fetched%n", "allocate");
            }
        } else if (failure.kind() != TurnException.Kind.PSEUDO_TLS_INTERCEPTED) {
            if (failure.kind() == TurnException.Kind.AUTH_FAILED) {
                // a 401 to the authenticated Allocate: the Edge answered twice, so the path is fine
                out.printf("  %-12s PASS  the Edge challenged (401): the path to the Edge works%n", "challenge");
            }
            out.printf("  %-12s FAIL  %s: %s%s%n", "allocate", failure.kind(), failure.getMessage(),
                    failure.errorCode().map(c -> " [STUN " + c.code() + "]").orElse(""));
        }
        if (failure != null && failure.kind() == TurnException.Kind.PSEUDO_TLS_INTERCEPTED) {
            out.println("  no credentials were sent: something between this host and the Edge answered the pseudo-TLS"
                    + " hello (run mediapath tls --pseudo-tls for who); bypass TLS inspection for the Edge by IP");
        }
        for (Finding f : findings) {
            out.println("  " + f.severity() + " " + f.code() + ": " + f.summary());
            if (!f.remedy().isEmpty()) {
                out.println("      remedy: " + f.remedy());
            }
        }
        out.println("verdict: " + verdict + " in " + ms + " ms");
        out.flush();
        return passed ? MediapathCli.OK : MediapathCli.FOUND;
    }

    /**
     * The run's outcome as findings, in the RFC probe's codes (docs/findings.md, turn-client) where the meaning is
     * the same; {@code TURN_CHALLENGED} and {@code TURN_PSEUDO_TLS_INTERCEPTED} are MS-TURN's own.
     */
    static List<Finding> findings(StunUri u, MsTurnTransport transport, boolean withCredentials, MsTurnAllocation a,
            TurnException failure, Duration elapsed) {
        String source = "probe ms-turn " + u.host() + ":" + u.port() + " (" + transport + ")";
        if (failure == null) {
            if (a.allocated()) {
                return List.of(TurnFindingCodes.TURN_ALLOCATED.builder()
                        .summary("MS-TURN Allocate succeeded on " + u.host() + ":" + u.port() + " (" + transport + "), relayed "
                                + a.relayed().map(r -> r.getHostString() + ":" + r.getPort()).orElse("-"))
                        .evidence(Evidence.step(source, "allocate", elapsed, "realm \"" + a.realm() + "\", MS-VERSION "
                                + a.serverMsVersion() + ", " + a.regime() + " integrity"))
                        .build());
            }
            return List.of(TurnFindingCodes.TURN_CHALLENGED.builder()
                    .summary("The Edge answered the unauthenticated Allocate with 401 (realm \"" + a.realm()
                            + "\"): the path to " + u.host() + ":" + u.port() + " over " + transport + " works")
                    .evidence(Evidence.step(source, "challenge", elapsed, "401 with REALM and NONCE, MS-VERSION "
                            + a.serverMsVersion()))
                    .build());
        }
        FindingCode code = TurnFindingCodes.forFailure("allocate", failure.kind());
        String remedy = switch (failure.kind()) {
            case PSEUDO_TLS_INTERCEPTED -> "Something between this host and the Edge answered the pseudo-TLS hello (no "
                    + "credentials were sent); `mediapath tls --pseudo-tls " + u.host() + ":" + u.port() + "` names it. "
                    + Remedies.bypassInspectionByIp(TransportAddress.isIpLiteral(u.host()) ? u.host() : "", u.port(), true);
            case AUTH_FAILED -> "The Edge is reachable and challenged, but refused the credentials: MRAS credentials "
                    + "expire (8 h); take fresh ones from a current log.";
            case TIMEOUT -> "No answer: a firewall silently drops " + transport + " " + u.port() + " to the Edge, or "
                    + "the Edge is down.";
            case RESOLVE_FAILED -> "Check the Edge's name and split DNS from this network.";
            case CONNECT_REFUSED, UNREACHABLE -> "Check the firewall rule and routing for " + transport + " "
                    + u.port() + " to the Edge.";
            default -> code.remedy();
        };
        String codeText = failure.errorCode().map(c -> " (STUN " + c.code() + ")").orElse("");
        return List.of(code.builder()
                .summary("MS-TURN " + (withCredentials ? "Allocate" : "challenge") + " to " + u.host() + ":" + u.port()
                        + " (" + transport + ") failed: " + failure.kind() + codeText)
                .evidence(Evidence.step(source, "allocate", elapsed, failure.getMessage()))
                .remedy(remedy).build());
    }
}
