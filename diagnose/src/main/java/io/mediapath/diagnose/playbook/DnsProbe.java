package io.mediapath.diagnose.playbook;

import io.mediapath.diagnose.DiagnoseFindingCodes;
import io.mediapath.ice.AddressClass;
import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.Severity;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Probe;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.ice.probe.ProbeResult;
import io.mediapath.ice.probe.TimelineEvent;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The DNS leg: every A/AAAA record of the relay name, timed, on a daemon thread bounded by the deadline (the JDK
 * resolver cannot be cancelled, so a stuck lookup is abandoned, not waited for). Verdicts: {@code RESOLVED},
 * {@code IP_LITERAL}, {@code NOT_RESOLVED}, {@code TIMEOUT}. An intranet client given a name that resolves to a
 * public address gets {@code EDGE_NAME_RESOLVES_PUBLIC} (the seed's first check), an internet client given one that
 * resolves only to private addresses {@code EDGE_NAME_RESOLVES_PRIVATE}.
 */
final class DnsProbe implements Probe {
    static final String NAME = "dns";

    private final ClientLocation location;

    DnsProbe(ClientLocation location) {
        this.location = location;
    }

    @Override
    public CompletionStage<ProbeResult> run(TransportAddress target, ProbeContext context) {
        long start = System.nanoTime();
        List<TimelineEvent> timeline = new java.util.concurrent.CopyOnWriteArrayList<>();
        String host = target.host();
        if (target.isIpLiteral()) {
            event(timeline, context, start, "dns.literal", host + " is an IP literal: no lookup");
            return CompletableFuture.completedFuture(new ProbeResult(NAME, target, "IP_LITERAL", true, List.of(),
                    timeline, Duration.ofNanos(System.nanoTime() - start)));
        }
        event(timeline, context, start, "dns.query", "A/AAAA " + host);
        CompletableFuture<InetAddress[]> lookup = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                lookup.complete(InetAddress.getAllByName(host));
            } catch (UnknownHostException | RuntimeException e) {
                lookup.completeExceptionally(e);
            }
        }, "mediapath-dns " + host);
        t.setDaemon(true);
        t.start();
        return lookup.orTimeout(Math.max(1, context.deadline().remaining().toMillis()), TimeUnit.MILLISECONDS)
                .handle((addrs, err) -> {
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    String source = "probe dns " + host;
                    if (err != null) {
                        Throwable c = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                                ? err.getCause() : err;
                        boolean timeout = c instanceof java.util.concurrent.TimeoutException;
                        event(timeline, context, start, "dns.failed", timeout ? "no answer before the deadline"
                                : String.valueOf(c.getMessage()));
                        Finding f = DiagnoseFindingCodes.EDGE_DNS_FAILED.builder()
                                .summary(host + " does not resolve from here" + (timeout ? " (no answer within "
                                        + took.toMillis() + " ms)" : ""))
                                .evidence(Evidence.step(source, "resolve", took, timeout ? "timeout"
                                        : String.valueOf(c.getMessage())))
                                .remedy("Check the name and the DNS servers of this network (split DNS: internal "
                                        + "clients must resolve the Edge's internal FQDN).")
                                .build();
                        return new ProbeResult(NAME, target, timeout ? "TIMEOUT" : "NOT_RESOLVED", false, List.of(f),
                                timeline, took);
                    }
                    List<String> ips = new ArrayList<>();
                    for (InetAddress a : addrs) {
                        ips.add(a.getHostAddress());
                        event(timeline, context, start, "dns.answer", (a instanceof java.net.Inet6Address ? "AAAA "
                                : "A ") + a.getHostAddress());
                    }
                    List<Finding> findings = new ArrayList<>();
                    findings.add(DiagnoseFindingCodes.EDGE_DNS_RESOLVED.builder()
                            .summary(host + " resolves to " + String.join(", ", ips) + " in " + took.toMillis() + " ms")
                            .evidence(Evidence.step(source, "resolve", took, String.join(", ", ips))).build());
                    List<String> pub = ips.stream().filter(ip -> AddressClass.of(ip) == AddressClass.PUBLIC).toList();
                    if (location == ClientLocation.INTRANET && !pub.isEmpty()) {
                        findings.add(DiagnoseFindingCodes.EDGE_NAME_RESOLVES_PUBLIC.builder()
                                .summary("This intranet client resolves the Edge name " + host + " to the public "
                                        + "address " + String.join(", ", pub) + "; internal clients must reach the "
                                        + "Edge's internal interface")
                                .evidence(Evidence.step(source, "resolve", took, String.join(", ", ips)))
                                .remedy("Publish the Edge's internal FQDN with its internal-interface address in the "
                                        + "internal DNS zone (split DNS), and give internal clients that name "
                                        + "(MRAS mediaRelayList).")
                                .build());
                    }
                    if (location == ClientLocation.INTERNET && !ips.isEmpty() && pub.isEmpty()) {
                        findings.add(DiagnoseFindingCodes.EDGE_NAME_RESOLVES_PRIVATE.builder()
                                .summary("This internet client resolves " + host + " only to non-public addresses ("
                                        + String.join(", ", ips) + "); from the internet the Edge's external "
                                        + "interface must be used")
                                .evidence(Evidence.step(source, "resolve", took, String.join(", ", ips)))
                                .remedy("Give external clients the Edge's external A/V FQDN.")
                                .build());
                    }
                    return new ProbeResult(NAME, target, "RESOLVED", true, findings, timeline, took);
                });
    }

    private static void event(List<TimelineEvent> timeline, ProbeContext ctx, long start, String kind, String detail) {
        TimelineEvent e = new TimelineEvent(System.nanoTime() - start, kind, detail);
        timeline.add(e);
        ctx.listener().onEvent(e);
    }
}
