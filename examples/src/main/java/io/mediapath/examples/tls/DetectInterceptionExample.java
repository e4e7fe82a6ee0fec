package io.mediapath.examples.tls;

import io.mediapath.ice.Finding;
import io.mediapath.ice.TransportAddress;
import io.mediapath.tls.InspectOptions;
import io.mediapath.tls.PseudoTlsProbe;
import io.mediapath.tls.TlsInspection;
import io.mediapath.tls.TlsProbe;
import java.time.Duration;

/**
 * How a product asks "who answers on the relay's TCP 443?": run the pseudo-TLS probe a Lync/SfB client's hello
 * would meet, and, when it is not genuine, the full TLS probe to capture what the interceptor presents.
 *
 * <p>Usage: {@code DetectInterceptionExample HOST[:PORT] [SNI]}; prints the verdicts and findings, exits 0 when
 * the relay answered genuinely, 1 otherwise.
 */
public final class DetectInterceptionExample {

    private DetectInterceptionExample() {
    }

    /** Probes {@code relay} and returns the pseudo-TLS inspection (and prints both). */
    public static TlsInspection detect(TransportAddress relay, String sni, Duration timeout) {
        InspectOptions options = InspectOptions.builder().sni(sni).build();
        TlsInspection pseudo = PseudoTlsProbe.create(options).inspect(relay, timeout).toCompletableFuture().join();
        print(pseudo);
        if (!pseudo.genuine()) {
            // Not the relay: find out what is there (issuer, chain, forged-leaf tells, HTTP page, ...).
            print(TlsProbe.create(options).inspect(relay, timeout).toCompletableFuture().join());
        }
        return pseudo;
    }

    private static void print(TlsInspection i) {
        System.out.println(i.probe() + " " + i.target() + ": " + i.verdict() + " (" + i.confidence() + ")");
        for (Finding f : i.findings()) {
            System.out.println("  " + f.severity() + " " + f.code() + ": " + f.summary());
            if (!f.remedy().isEmpty()) {
                System.out.println("    remedy: " + f.remedy());
            }
        }
    }

    /** Entry point. */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: DetectInterceptionExample HOST[:PORT] [SNI]");
            System.exit(2);
        }
        TlsInspection i = detect(TransportAddress.parse(args[0], 443), args.length > 1 ? args[1] : null,
                Duration.ofSeconds(5));
        System.exit(i.genuine() ? 0 : 1);
    }
}
