package io.mediapath.tls;

import io.mediapath.ice.Finding;
import io.mediapath.ice.TransportAddress;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * Runs tls-inspect's own probes from inside the client network namespace of the seeds' topology and prints
 * {@code key=value} lines for {@link NetnsTransparentRedirectIT}: {@code verdict}, {@code codes}, {@code issuer}.
 * Usage: {@code NetnsProbeMain pseudo|tls HOST PORT}.
 */
public final class NetnsProbeMain {
    private NetnsProbeMain() {
    }

    /** Entry point; exit status 0 when a verdict was reached (whatever it is), 2 on bad usage. */
    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: NetnsProbeMain pseudo|tls HOST PORT");
            System.exit(2);
        }
        TransportAddress target = new TransportAddress(args[1], Integer.parseInt(args[2]));
        InspectOptions options = InspectOptions.builder().build();
        Duration timeout = Duration.ofSeconds(10);
        TlsInspection result = ("pseudo".equals(args[0])
                        ? PseudoTlsProbe.create(options).inspect(target, timeout)
                        : TlsProbe.create(options).inspect(target, timeout))
                .toCompletableFuture().join();
        System.out.println("verdict=" + result.verdict());
        System.out.println("codes=" + result.findings().stream().map(Finding::code).collect(Collectors.joining(",")));
        System.out.println("issuer=" + (result.chain().isEmpty() ? "" : result.chain().get(0).issuer()));
        System.exit(0);
    }
}
