package io.mediapath.exporter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Prometheus exporter, in blackbox_exporter's multi-target pattern, on the JDK HTTP server:
 * <ul>
 * <li>{@code GET /probe?target=HOST[:PORT]&module=NAME}: runs one probe, answers its metrics ({@link ProbeMetrics});
 * 400 with the reason for a bad query or an unknown module, 403 for a target outside the allowlist;</li>
 * <li>{@code GET /metrics}: the exporter's own metrics;</li>
 * <li>{@code GET /}: the modules and the recent probes (HTML, every value escaped).</li>
 * </ul>
 * Safe by default: listens on loopback unless told otherwise, probes only allowed targets (an empty allowlist
 * allows nothing), runs at most {@code maxConcurrent} probes, each within the scrape's timeout minus a margin, and
 * holds a bounded number of requests and recent probes. Errors never answer with a stack trace.
 */
public final class MediapathExporter implements AutoCloseable {
    /** Recent probes kept for the {@code /} page. */
    static final int RECENT = 50;
    /** Requests waiting for a handler thread at most; more are dropped by the server. */
    static final int QUEUE = 256;

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final ProbeRunner runner;
    private final Allowlist allowlist;
    private final PrometheusRegistry own = new PrometheusRegistry();
    private final Counter probes;
    private final Counter rejected;
    private final Histogram probeSeconds;
    private final Gauge inFlightGauge;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ArrayDeque<ProbeOutcome> recent = new ArrayDeque<>();
    private final ArrayDeque<Instant> recentAt = new ArrayDeque<>();

    private MediapathExporter(Builder b) throws IOException {
        this.allowlist = b.allowlist;
        this.runner = new ProbeRunner(b.registry, b.maxConcurrent, b.environment);
        this.probes = Counter.builder().name("mediapath_exporter_probes_total")
                .help("Probes run, per module and result (success, failure)").labelNames("module", "result")
                .register(own);
        this.rejected = Counter.builder().name("mediapath_exporter_requests_rejected_total")
                .help("/probe requests refused before probing, per reason (bad_request, forbidden, unknown_module)")
                .labelNames("reason").register(own);
        this.probeSeconds = Histogram.builder().name("mediapath_exporter_probe_duration_seconds")
                .help("Probe durations, per module").labelNames("module")
                .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30).register(own);
        this.inFlightGauge = Gauge.builder().name("mediapath_exporter_probes_in_flight").help("Probes running now")
                .register(own);
        this.executor = new ThreadPoolExecutor(2 * b.maxConcurrent + 4, 2 * b.maxConcurrent + 4, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "mediapath-exporter");
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        noDelay();
        this.server = HttpServer.create(b.listen, 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The JDK server's switch for TCP_NODELAY on the connections it accepts. */
    static final String NODELAY = "sun.net.httpserver.nodelay";

    /**
     * Turns Nagle's algorithm off for the JDK server's connections unless the JVM was told otherwise. The server
     * writes an answer's head and body in two writes; with Nagle on (its default) the body waits for the scraper's
     * delayed ACK of the head, 40 ms per scrape on Linux: on loopback the median sequential scrape went from 60 ms
     * to 14 ms (docs/benchmarks.md). The server reads the property once, when its first instance in the JVM starts.
     */
    static void noDelay() {
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
    }

    /** A builder: loopback port 9115 (blackbox_exporter's), the built-in modules, nothing allowed. */
    public static Builder builder() {
        return new Builder();
    }

    /** The address the server listens on (the bound port when 0 was asked). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The modules served. */
    public ModuleRegistry registry() {
        return runner.registry();
    }

    /** Stops serving (waits at most a second for running exchanges). */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                send(ex, 405, "text/plain; charset=utf-8", "method not allowed\n");
                return;
            }
            switch (ex.getRequestURI().getRawPath()) {
                case "/probe" -> probe(ex);
                case "/metrics" -> send(ex, 200, ProbeMetrics.CONTENT_TYPE, ownMetrics());
                case "/" -> send(ex, 200, "text/html; charset=utf-8", page().getBytes(StandardCharsets.UTF_8));
                default -> send(ex, 404, "text/plain; charset=utf-8", "not found (try /, /probe, /metrics)\n");
            }
        } catch (RuntimeException | IOException e) {
            // Never a stack trace to the client; the exchange is closed by try-with-resources.
            try {
                send(ex, 500, "text/plain; charset=utf-8", "internal error: " + e.getClass().getSimpleName() + "\n");
            } catch (IOException | RuntimeException ignored) {
                // the response was already started
            }
        }
    }

    private void probe(HttpExchange ex) throws IOException {
        ProbeQuery q;
        try {
            q = ProbeQuery.parse(ex.getRequestURI().getRawQuery(),
                    ex.getRequestHeaders().getFirst("X-Prometheus-Scrape-Timeout-Seconds"));
        } catch (ProbeQuery.BadQueryException e) {
            rejected.labelValues("bad_request").inc();
            send(ex, 400, "text/plain; charset=utf-8", e.getMessage() + "\n");
            return;
        }
        Optional<ProbeModule> module = runner.registry().module(q.module());
        if (module.isEmpty()) {
            rejected.labelValues("unknown_module").inc();
            send(ex, 400, "text/plain; charset=utf-8", "unknown module " + Labels.bound(q.module()) + " (known: "
                    + runner.registry().modules().stream().map(ProbeModule::name).toList() + ")\n");
            return;
        }
        if (!allowlist.allows(q.target().host())) {
            rejected.labelValues("forbidden").inc();
            send(ex, 403, "text/plain; charset=utf-8", "target " + q.target().host() + " is not in the allowlist"
                    + (allowlist.entries().isEmpty() ? " (empty: start with --allow CIDR_OR_NAME or a config allow:)"
                    : "") + "\n");
            return;
        }
        inFlight.incrementAndGet();
        ProbeOutcome o;
        try {
            o = runner.run(module.get(), q.target(), q.budget())
                    .get(q.budget().plus(ProbeRunner.GRACE).plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            o = ProbeRunner.failed(module.get(), q.target(), System.nanoTime(), "deadline", "timeout", "interrupted");
        } catch (ExecutionException | TimeoutException e) {
            o = ProbeRunner.failed(module.get(), q.target(), System.nanoTime(), "deadline", "timeout",
                    "did not finish in time");
        } finally {
            inFlight.decrementAndGet();
        }
        probes.labelValues(o.module(), o.success() ? "success" : "failure").inc();
        probeSeconds.labelValues(o.module()).observe(ProbeMetrics.seconds(o.duration()));
        synchronized (recent) {
            recent.addFirst(o);
            recentAt.addFirst(Instant.now());
            if (recent.size() > RECENT) {
                recent.removeLast();
                recentAt.removeLast();
            }
        }
        send(ex, 200, ProbeMetrics.CONTENT_TYPE, ProbeMetrics.text(o));
    }

    private byte[] ownMetrics() throws IOException {
        inFlightGauge.set(inFlight.get());
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        PrometheusTextFormatWriter.create().write(out, own.scrape());
        return out.toByteArray();
    }

    String page() {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>mediapath exporter</title></head><body>")
                .append("<h1>mediapath exporter</h1><p>Probe: <code>/probe?target=HOST[:PORT]&amp;module=NAME</code>")
                .append(" · own metrics: <a href=\"/metrics\">/metrics</a></p><h2>Modules</h2><table border=\"1\">")
                .append("<tr><th>module</th><th>prober</th><th>default port</th><th>what it does</th></tr>");
        for (ProbeModule m : runner.registry().modules()) {
            h.append("<tr><td>").append(esc(m.name())).append("</td><td>").append(esc(m.kind().id()))
                    .append("</td><td>").append(m.defaultPort()).append("</td><td>").append(esc(m.kind().description()))
                    .append("</td></tr>");
        }
        h.append("</table><h2>Recent probes</h2><table border=\"1\"><tr><th>when (UTC)</th><th>module</th>")
                .append("<th>target</th><th>success</th><th>seconds</th><th>root cause</th><th>detail</th></tr>");
        List<ProbeOutcome> rs;
        List<Instant> at;
        synchronized (recent) {
            rs = new ArrayList<>(recent);
            at = new ArrayList<>(recentAt);
        }
        for (int i = 0; i < rs.size(); i++) {
            ProbeOutcome o = rs.get(i);
            h.append("<tr><td>").append(esc(at.get(i).toString())).append("</td><td>").append(esc(o.module()))
                    .append("</td><td>").append(esc(o.target())).append("</td><td>").append(o.success() ? "1" : "0")
                    .append("</td><td>").append(String.format(java.util.Locale.ROOT, "%.3f",
                            ProbeMetrics.seconds(o.duration())))
                    .append("</td><td>").append(esc(o.rootCause().orElse(""))).append("</td><td>")
                    .append(esc(o.detail().length() > 300 ? o.detail().substring(0, 300) + "…" : o.detail()))
                    .append("</td></tr>");
        }
        return h.append("</table></body></html>\n").toString();
    }

    /** HTML-escapes text (element content and attribute values). */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(Character.isISOControl(c) ? '?' : c);
            }
        }
        return b.toString();
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        send(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** How an exporter starts. */
    public static final class Builder {
        private InetSocketAddress listen = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9115);
        private Allowlist allowlist = Allowlist.of(List.of());
        private ModuleRegistry registry = ModuleRegistry.builtIns();
        private int maxConcurrent = ExporterConfig.DEFAULT_MAX_CONCURRENT;
        private Map<String, String> environment = System.getenv();

        private Builder() {
        }

        /** Where to listen (default: loopback, port 9115; port 0 picks a free one). */
        public Builder listen(InetSocketAddress address) {
            this.listen = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The targets that may be probed (default: none). */
        public Builder allow(Allowlist allowlist) {
            this.allowlist = Objects.requireNonNull(allowlist, "allowlist");
            return this;
        }

        /** The modules (default: the built-ins). */
        public Builder registry(ModuleRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Probes in flight at most (default 16). */
        public Builder maxConcurrent(int n) {
            if (n < 1 || n > ExporterConfig.MAX_CONCURRENT) {
                throw new IllegalArgumentException("maxConcurrent " + n + " (expected: 1 ~ "
                        + ExporterConfig.MAX_CONCURRENT + ")");
            }
            this.maxConcurrent = n;
            return this;
        }

        /** Where credential environment variables are read (default: the process environment). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** Applies a config: its allowlist entries are added, its modules registered, its concurrency limit set. */
        public Builder config(ExporterConfig config, List<String> extraAllow) {
            List<String> all = new ArrayList<>(config.allow());
            all.addAll(extraAllow);
            this.allowlist = Allowlist.of(all);
            ModuleRegistry.Builder r = ModuleRegistry.builder();
            config.modules().forEach(r::add);
            this.registry = r.build();
            this.maxConcurrent = config.maxConcurrent();
            return this;
        }

        /** Binds and starts serving. */
        public MediapathExporter start() throws IOException {
            return new MediapathExporter(this);
        }
    }
}
