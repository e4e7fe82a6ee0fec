package io.mediapath.turn.nat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Runs {@link NatDiscovery} inside a test's client namespace (started by {@code NetnsNatTopology.runJavaInClient}):
 * {@code HOST PORT [LIFETIME_MAX_SECONDS]} prints {@code mapping=}, {@code filtering=}, {@code hairpinning=},
 * {@code outlook=}, {@code mapped=}, {@code lifetime=}, {@code findings=} and one {@code tx=} line per transaction.
 */
public final class NatProbeMain {
    private NatProbeMain() {
    }

    public static void main(String[] args) throws Exception {
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
}
