package io.mediapath.cli;

import io.mediapath.diagnose.report.JsonOutput;
import io.mediapath.ice.Finding;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.ice.probe.ProbeResult;
import io.mediapath.turn.StunTimers;
import io.mediapath.turn.StunTransport;
import io.mediapath.turn.StunUri;
import io.mediapath.turn.TurnCredentials;
import io.mediapath.turn.TurnException;
import io.mediapath.turn.msturn.MsTurnAllocation;
import io.mediapath.turn.msturn.MsTurnOptions;
import io.mediapath.turn.msturn.MsTurnProbe;
import io.mediapath.turn.msturn.MsTurnProbeReport;
import io.mediapath.turn.msturn.MsTurnTransport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code mediapath turn --ms-turn}: one MS-TURN Allocate against a Lync/SfB Edge by {@link MsTurnProbe} (the probe
 * the edge playbook runs, with its findings: one mapping of outcomes), printed as the steps a reader of the seeds'
 * field reports needs: did the genuine pseudo-TLS answer come back (or who answered instead), did the Edge challenge (which proves the path), did the authenticated Allocate succeed.
 */
final class MsTurnRun {
    private MsTurnRun() {
    }

    static int run(PrintWriter out, StunUri u, Optional<TurnCredentials> cred, java.net.InetAddress local,
            io.mediapath.turn.HttpProxy proxy, StunTimers timers, Duration deadline, boolean json,
            java.util.function.Consumer<io.mediapath.diagnose.report.PcapExport.Payload> wire,
            java.nio.file.Path html, PrintWriter err) throws InterruptedException {
        MsTurnTransport transport = u.transport() == StunTransport.UDP ? MsTurnTransport.UDP : MsTurnTransport.TCP;
        // The same profile as the RFC probe (--fast: every wait 2.75 s), cut by the probe to fit the deadline.
        MsTurnOptions.Builder b = MsTurnOptions.builder().timers(timers).localAddress(local).proxy(proxy);
        cred.ifPresent(b::credentials);
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
        MsTurnProbeReport report;
        try {
            report = MsTurnProbe.create(b.build(), transport)
                    .probe(new TransportAddress(u.host(), u.port()), ProbeContext.withTimeout(deadline))
                    .get(deadline.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            // The probe always completes with a report by its deadline; this is the guard around that promise.
            throw new IllegalStateException("the MS-TURN probe did not report: " + e, e);
        }
        MsTurnAllocation a = report.allocation().orElse(null);
        TurnException failure = report.failure().orElse(null);
        ProbeResult result = report.result();
        long ms = result.elapsed().toMillis();
        boolean passed = result.passed();
        String verdict = result.verdict();
        List<Finding> findings = result.findings();
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
            return page(u, result, html, err) ? passed ? MediapathCli.OK : MediapathCli.FOUND : MediapathCli.USAGE;
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
        return page(u, result, html, err) ? passed ? MediapathCli.OK : MediapathCli.FOUND : MediapathCli.USAGE;
    }

    /** Writes the HTML page when asked (after the report is printed, as the other commands do); false if it failed. */
    private static boolean page(StunUri u, ProbeResult result, java.nio.file.Path html, PrintWriter err) {
        return html == null || HtmlFile.write("turn", html, io.mediapath.diagnose.report.HtmlReport.msTurn(
                u.toString(), result, u.transport()), err);
    }
}
