package io.mediapath.turn.nat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Runs {@link NatDiscovery} inside a test's client namespace (started by {@code NetnsNatTopology.runJavaInClient}):
 * {@code HOST PORT [LIFETIME_MAX_SECONDS]} prints {@code mapping=}, {@code filtering=}, {@code hairpinning=},
 * {@code outlook=}, {@code mapped=}, {@code lifetime=}, {@code findings=} and one {@code tx=} line per transaction;
 * {@code HOST PORT --probe} runs {@link NatProbe} instead (see {@link #probe}).
 */
public final class NatProbeMain {
    private NatProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 2 && args[2].equals("--probe")) {
            probe(args[0], Integer.parseInt(args[1]));
            return;
        }
        NatDiscovery.Builder b = NatDiscovery.builder();
        if (args.length > 2) {
            b.lifetimeSearch(Duration.ofSeconds(Long.parseLong(args[2])), 4, Duration.ofSeconds(1));
        }
        NatReport r = b.build().discover(new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1])));
        System.out.println("mapping=" + r.mapping());
        System.out.println("filtering=" + r.filtering());
        System.out.println("hairpinning=" + r.hairpinning());
        System.out.println("outlook=" + r.iceOutlook());
        System.out.println("mapped=" + r.mapped().map(NatTransaction::hostPort).orElse("-"));
        System.out.println("lifetime=" + r.lifetime().map(l -> l.aliveAfter().toMillis() + ".."
                + l.expiredAfter().map(Duration::toMillis).map(String::valueOf).orElse("")).orElse("-"));
        System.out.println("findings=" + String.join(",", r.findings().stream().map(f -> f.code()).toList()));
        r.transactions().forEach(t -> System.out.println("tx=" + t.describe()));
    }

    /**
     * {@code HOST PORT --probe}: {@link NatProbe} as the edge playbook runs it (the playbook's diagnostic timers, 200 ms
     * × 3 with Rm 4, under a 4 s deadline); prints {@code verdict=}, {@code passed=}, {@code elapsedMs=}, one line per
     * result event ({@code nat.mapping=} …) and {@code findings=}.
     */
    static void probe(String host, int port) throws Exception {
        io.mediapath.ice.probe.ProbeResult r = NatProbe.create(new io.mediapath.turn.StunTimers(Duration.ofMillis(200),
                3, 4, Duration.ofSeconds(3))).run(new io.mediapath.ice.TransportAddress(host, port),
                io.mediapath.ice.probe.ProbeContext.withTimeout(Duration.ofSeconds(4))).toCompletableFuture()
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        System.out.println("verdict=" + r.verdict());
        System.out.println("passed=" + r.passed());
        System.out.println("elapsedMs=" + r.elapsed().toMillis());
        r.timeline().stream().filter(e -> !e.kind().equals("nat.transaction"))
                .forEach(e -> System.out.println(e.kind() + "=" + e.detail()));
        System.out.println("findings=" + String.join(",", r.findings().stream().map(f -> f.code()).toList()));
        System.exit(0); // the shared probe pool's threads are daemons, but say it plainly
    }
}
