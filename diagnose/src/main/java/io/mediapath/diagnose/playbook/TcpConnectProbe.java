package io.mediapath.diagnose.playbook;

import io.mediapath.diagnose.DiagnoseFindingCodes;
import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.Severity;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Probe;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.ice.probe.ProbeResult;
import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.ice.probe.WirePayload;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The TCP connect leg: the telnet / PortQry test. Connects, sends nothing, closes. Verdicts {@code CONNECTED},
 * {@code REFUSED}, {@code UNREACHABLE}, {@code TIMEOUT}. Its point in the report is the contrast: the port is open,
 * yet the relay hello may still be caught.
 */
final class TcpConnectProbe implements Probe {
    static final String NAME = "tcp-connect";

    @Override
    public CompletionStage<ProbeResult> run(TransportAddress target, ProbeContext context) {
        CompletableFuture<ProbeResult> f = new CompletableFuture<>();
        Thread t = new Thread(() -> f.complete(connect(target, context)), "mediapath-tcp-connect " + target);
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static ProbeResult connect(TransportAddress target, ProbeContext ctx) {
        long start = System.nanoTime();
        List<TimelineEvent> timeline = new java.util.concurrent.CopyOnWriteArrayList<>();
        String source = "probe tcp-connect " + target + " (telnet/PortQry test)";
        int timeout = (int) Math.max(1, Math.min(Integer.MAX_VALUE, ctx.deadline().remaining().toMillis()));
        event(timeline, ctx, start, "connect.start", "TCP " + target + ", nothing will be sent");
        String verdict;
        String outcome;
        java.util.concurrent.atomic.AtomicReference<WirePayload> opened = new java.util.concurrent.atomic.AtomicReference<>();
        try (Socket s = new TappedSocket(opened::set)) {
            s.connect(new InetSocketAddress(target.host(), target.port()), timeout);
            outcome = "connected in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms from "
                    + s.getLocalSocketAddress();
            verdict = "CONNECTED";
        } catch (SocketTimeoutException e) {
            verdict = "TIMEOUT";
            outcome = "no answer to SYN within " + timeout + " ms (dropped)";
        } catch (NoRouteToHostException e) {
            verdict = "UNREACHABLE";
            outcome = "no route: " + e.getMessage();
        } catch (ConnectException e) {
            String m = String.valueOf(e.getMessage());
            verdict = m.contains("unreachable") ? "UNREACHABLE" : "REFUSED";
            outcome = "refused: " + m;
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            verdict = e instanceof java.net.UnknownHostException ? "NOT_RESOLVED" : "FAILED";
            outcome = String.valueOf(e.getMessage());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // The connection it opened (nothing was sent): a zero-byte payload with both endpoints, for ladders and pcap.
        event(timeline, ctx, start, "connect." + verdict.toLowerCase(java.util.Locale.ROOT), outcome, opened.get());
        boolean ok = verdict.equals("CONNECTED");
        Finding finding = ok
                ? DiagnoseFindingCodes.TCP_PORT_OPEN.builder()
                        .summary("TCP " + target + " accepts connections (the telnet/PortQry test passes); this alone "
                                + "does not prove the relay answers the hello")
                        .evidence(Evidence.step(source, "connect", took, outcome)).build()
                : DiagnoseFindingCodes.TCP_CONNECT_FAILED.builder()
                        .summary("TCP " + target + ": " + outcome)
                        .evidence(Evidence.step(source, "connect", took, outcome))
                        .remedy("Allow TCP " + target.port() + " from this network to the relay's addresses.")
                        .build();
        return new ProbeResult(NAME, target, verdict, ok, List.of(finding), timeline, took);
    }

    private static void event(List<TimelineEvent> timeline, ProbeContext ctx, long start, String kind, String detail) {
        event(timeline, ctx, start, kind, detail, null);
    }

    private static void event(List<TimelineEvent> timeline, ProbeContext ctx, long start, String kind, String detail,
            WirePayload wire) {
        TimelineEvent e = new TimelineEvent(System.nanoTime() - start, kind, detail, wire);
        timeline.add(e);
        ctx.listener().onEvent(e);
    }
}
