package io.mediapath.cli;

import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.receipt.ReceiptToken;
import io.mediapath.responder.Responder;
import io.mediapath.responder.ResponderOptions;
import io.mediapath.responder.ResponderStats;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mediapath responder}: the far end of the two-ended proof. Answers as a relay would on the UDP and TCP
 * addresses given and, to probes holding the shared token, sends signed arrival receipts; prints one line per
 * arrival (never the token). Runs until stopped (or {@code --duration}). Exit 0 when it ran, 1 when a listener
 * cannot bind (the port is taken or the address not this machine's), 2 on bad usage or an unreadable token file.
 */
@Command(name = "responder", mixinStandardHelpOptions = true,
        description = "Run the far end: answer as a relay would (STUN, TURN/MS-TURN 401, pseudo-TLS, TLS) and send "
                + "signed arrival receipts to `mediapath edge HOST --responder THIS_HOST` holding the same token.")
final class ResponderCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--udp", paramLabel = "ADDR:PORT", description = "UDP listener; repeatable (default 0.0.0.0:3478).")
    List<String> udp = new ArrayList<>();

    @Option(names = "--tcp", paramLabel = "ADDR:PORT", description = "TCP listener for plain, pseudo-TLS and TLS; "
            + "repeatable (default 0.0.0.0:443).")
    List<String> tcp = new ArrayList<>();

    @Mixin
    TokenOptions tokenOptions;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "16384",
            description = "concurrent TCP connections in all (default ${DEFAULT-VALUE})")
    int maxConnections;

    @Option(names = "--max-per-source", paramLabel = "N", defaultValue = "256",
            description = "concurrent TCP connections per source address (default ${DEFAULT-VALUE})")
    int maxPerSource;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "50",
            description = "arrivals per second per source address, bursts of twice that (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--hello-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "time a connection has from accept to its receipt (default ${DEFAULT-VALUE})")
    double helloTimeout;

    @Option(names = "--cert-name", paramLabel = "NAME", defaultValue = "mediapath-responder",
            description = "name in the self-signed certificate (default ${DEFAULT-VALUE})")
    String certName;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "0",
            description = "stop after this long (default: run until stopped)")
    double duration;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        ResponderOptions options;
        try {
            String secret = tokenOptions.resolve();
            ResponderOptions.Builder b = ResponderOptions.builder().certificateName(certName)
                    .maxConnections(maxConnections).maxConnectionsPerSource(maxPerSource).rate(rate, 2 * rate)
                    .helloTimeout(seconds("--hello-timeout", helloTimeout))
                    .arrivalLog(line -> {
                        synchronized (out) {
                            out.println(line);
                            out.flush();
                        }
                    });
            if (secret != null) {
                b.token(ReceiptToken.fromText(secret));
            }
            for (String u : udp.isEmpty() ? List.of("0.0.0.0:3478") : udp) {
                b.udp(address(u, 3478));
            }
            for (String t : tcp.isEmpty() ? List.of("0.0.0.0:443") : tcp) {
                b.tcp(address(t, 443));
            }
            if (duration < 0) {
                throw new IllegalArgumentException("--duration: " + duration + " (expected: 0 or more seconds)");
            }
            options = b.build();
        } catch (RuntimeException e) {
            err.println("mediapath responder: " + e.getMessage());
            return MediapathCli.USAGE;
        }
        Responder r;
        try {
            r = Responder.start(options);
        } catch (RuntimeException e) {
            err.println("mediapath responder: " + e.getMessage());
            return MediapathCli.FOUND; // a port taken or not ours: something wrong on this machine, not in the usage
        }
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "mediapath-responder-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            synchronized (out) {
                r.udpAddresses().forEach(a -> out.println("listening udp " + text(a)));
                r.tcpAddresses().forEach(a -> out.println("listening tcp " + text(a) + " (plain, pseudo-TLS, TLS)"));
                out.println(options.token().isPresent() ? "receipts: on (token set)"
                        : "receipts: off (no token: answers as a relay only)");
                out.flush();
            }
            if (duration > 0) {
                stop.await((long) (duration * 1000), TimeUnit.MILLISECONDS);
            } else {
                stop.await();
            }
        } finally {
            ResponderStats s = r.stats();
            r.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: nothing to remove
            }
            synchronized (out) {
                out.println("stopped: " + s.arrivals() + " arrivals, " + s.refused() + " refused, " + s.answers()
                        + " answers, " + s.receipts() + " receipts, UDP " + s.udpBytesIn() + " B in / "
                        + s.udpBytesOut() + " B out");
                out.flush();
            }
        }
        return MediapathCli.OK;
    }

    private static Duration seconds(String option, double s) {
        if (!(s > 0 && s <= 3600)) {
            throw new IllegalArgumentException(option + ": " + s + " (expected: 0 < seconds <= 3600)");
        }
        return Duration.ofMillis((long) (s * 1000));
    }

    private static InetSocketAddress address(String text, int defaultPort) {
        TransportAddress t = TransportAddress.parse(text, defaultPort);
        if (!TransportAddress.isIpLiteral(t.host())) {
            throw new IllegalArgumentException("listener " + text + " (expected: an IP address and port, e.g. 0.0.0.0:443)");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(t.host()), t.port());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("listener " + text + ": " + e.getMessage());
        }
    }

    private static String text(InetSocketAddress a) {
        String ip = a.getAddress().getHostAddress();
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + a.getPort();
    }
}
