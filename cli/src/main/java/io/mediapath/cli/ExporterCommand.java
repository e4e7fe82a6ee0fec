package io.mediapath.cli;

import io.mediapath.exporter.Allowlist;
import io.mediapath.exporter.ConfigException;
import io.mediapath.exporter.ExporterConfig;
import io.mediapath.exporter.MediapathExporter;
import io.mediapath.exporter.ProbeModule;
import io.mediapath.ice.TransportAddress;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mediapath exporter}: a Prometheus exporter in blackbox_exporter's multi-target pattern
 * ({@code /probe?target=HOST[:PORT]&module=NAME}, {@code /metrics}, {@code /}). Runs until stopped; exit 2 when it
 * cannot start (bad option, bad config, address in use).
 */
@Command(name = "exporter", mixinStandardHelpOptions = true,
        description = "Serves probes to Prometheus: /probe?target=HOST[:PORT]&module=NAME (blackbox_exporter style), "
                + "/metrics, and / (modules, recent probes). Metrics: docs/exporter.md.")
final class ExporterCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9115",
            description = "Address to serve on (default ${DEFAULT-VALUE}: loopback only).")
    String listen;

    @Option(names = "--allow", paramLabel = "CIDR_OR_NAME", arity = "1..*",
            description = "Targets that may be probed: CIDRs (10.0.0.0/8), addresses, names, *.suffix. "
                    + "Nothing is allowed without --allow or the config's allow:.")
    List<String> allow = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON: allow, max_concurrent, modules.")
    Path config;

    @Option(names = "--max-concurrent", paramLabel = "N", description = "Probes in flight at most (default 16, or the config's).")
    Integer maxConcurrent;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop after this many seconds (default 0: run until stopped); for smoke tests and one-off checks.")
    double duration;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        MediapathExporter.Builder b = MediapathExporter.builder();
        try {
            TransportAddress l = TransportAddress.parseTarget(listen, 9115);
            ExporterConfig c = config == null ? ExporterConfig.empty() : ExporterConfig.load(config);
            b.listen(new InetSocketAddress(l.host(), l.port())).config(c, allow);
            Allowlist.of(allow);
            if (maxConcurrent != null) {
                b.maxConcurrent(maxConcurrent);
            }
            if (!(duration >= 0)) {
                throw new IllegalArgumentException("--duration: " + duration + " (expected: 0 or more seconds)");
            }
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("mediapath exporter: " + e.getMessage());
            return MediapathCli.USAGE;
        }
        MediapathExporter exporter;
        try {
            exporter = b.start();
        } catch (IOException e) {
            err.println("mediapath exporter: cannot listen on " + listen + ": " + e.getMessage());
            return MediapathCli.USAGE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            exporter.close();
            stopped.countDown();
        }, "mediapath-exporter-stop"));
        InetSocketAddress a = exporter.address();
        err.println("mediapath exporter: listening on http://" + a.getHostString() + ":" + a.getPort() + "/ — modules "
                + exporter.registry().modules().stream().map(ProbeModule::name).toList());
        err.flush();
        if (duration > 0) {
            if (!stopped.await((long) (duration * 1000), TimeUnit.MILLISECONDS)) {
                exporter.close();
            }
        } else {
            stopped.await();
        }
        return MediapathCli.OK;
    }
}
