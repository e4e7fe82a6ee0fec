package io.mediapath.cli;

import io.mediapath.diagnose.UnreadableInputException;
import io.mediapath.exporter.ConfigException;
import io.mediapath.exporter.ExporterConfig;
import io.mediapath.exporter.ModuleRegistry;
import io.mediapath.exporter.ProbeModule;
import io.mediapath.exporter.ProbeOutcome;
import io.mediapath.exporter.ProbeRunner;
import io.mediapath.exporter.TargetLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code mediapath scan FILE|-}: probes a list of targets ({@code HOST[:PORT] [MODULE]} per line, {@code #} comments)
 * concurrently with the exporter's modules, streaming: the list is read as probes free up (at most
 * {@code --concurrency} in flight), each result is written as it completes (JSON Lines or CSV on stdout), and the
 * summary keeps counts and the first targets per cause only, so memory is bounded for any list length. Progress on
 * stderr: a live bar on a terminal, plain lines otherwise; the summary table follows on stderr.
 * Exit 0 when every target passed, 1 when one failed, 2 on bad usage, unreadable input or a malformed line.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Probes a list of targets (HOST[:PORT] [MODULE] per line, # comments) concurrently; JSON Lines "
                + "or CSV on stdout, progress and a per-root-cause summary on stderr.")
final class ScanCommand implements Callable<Integer> {
    /** Targets listed per cause in the summary; the rest are counted. */
    static final int SUMMARY_TARGETS = 10;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE|-", description = "The target list, or - for stdin.")
    String input;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "32",
            description = "Probes in flight at most (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--format", paramLabel = "jsonl|csv", defaultValue = "jsonl",
            description = "Output on stdout: jsonl (one JSON object per target) or csv (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--module", paramLabel = "NAME", defaultValue = "edge_ms_turn",
            description = "The module of lines that name none (default ${DEFAULT-VALUE}).")
    String defaultModule;

    @Option(names = "--config", paramLabel = "FILE", description = "Modules and credentials, as for the exporter (its allowlist is not used: the list is yours).")
    Path config;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Deadline of each probe, capped by the module's timeout (default ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--progress", paramLabel = "auto|bar|lines|none", defaultValue = "auto",
            description = "Progress on stderr: a bar on a terminal, plain lines otherwise (default ${DEFAULT-VALUE}).")
    String progress;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the summary as one self-contained HTML "
            + "page to FILE: targets per cause and per modality verdict, the first "
            + io.mediapath.diagnose.report.ScanSummary.MAX_ROWS + " failing targets.")
    Path html;

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        ModuleRegistry registry;
        try {
            if (concurrency < 1 || concurrency > 4096) {
                throw new IllegalArgumentException("--concurrency " + concurrency + " (expected: 1 ~ 4096)");
            }
            if (!format.equals("jsonl") && !format.equals("csv")) {
                throw new IllegalArgumentException("--format " + format + " (expected: jsonl or csv)");
            }
            if (!List.of("auto", "bar", "lines", "none").contains(progress)) {
                throw new IllegalArgumentException("--progress " + progress + " (expected: auto, bar, lines, none)");
            }
            if (!(timeoutSeconds > 0 && timeoutSeconds <= 120)) {
                throw new IllegalArgumentException("--timeout " + timeoutSeconds + " (expected: 0 < seconds <= 120)");
            }
            ModuleRegistry.Builder b = ModuleRegistry.builder();
            if (config != null) {
                ExporterConfig.load(config).modules().forEach(b::add);
            }
            registry = b.build();
            if (registry.module(defaultModule).isEmpty()) {
                throw new IllegalArgumentException("--module " + defaultModule + ": unknown (known: "
                        + registry.modules().stream().map(ProbeModule::name).toList() + ")");
            }
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("mediapath scan: " + e.getMessage());
            return MediapathCli.USAGE;
        }
        if (!HtmlFile.usable("scan", html, err)) {
            return MediapathCli.USAGE;
        }
        InputText.Head head;
        try {
            head = InputText.read(input, 64 * 1024);
        } catch (UnreadableInputException e) {
            err.println("mediapath scan: " + e.getMessage());
            return MediapathCli.USAGE;
        }
        long total = countLines(input);
        boolean bar = progress.equals("bar") || (progress.equals("auto") && stderrIsTerminal());
        Run run = new Run(registry, out, err, total, bar);
        try (Reader reader = head.reader()) {
            run.scan(reader);
        } finally {
            InputText.close(head.rest());
        }
        if (html != null && !HtmlFile.write("scan", html, io.mediapath.diagnose.report.HtmlReport.scan(run.page()),
                err)) {
            return MediapathCli.USAGE;
        }
        return run.invalid.get() > 0 ? MediapathCli.USAGE : run.failed.get() > 0 ? MediapathCli.FOUND : MediapathCli.OK;
    }

    /** Counts the lines of a regular file for the ETA (streamed); -1 for stdin, FIFOs and anything else. */
    private static long countLines(String name) {
        if (name.equals("-")) {
            return -1;
        }
        Path p = Path.of(name);
        if (!Files.isRegularFile(p)) {
            return -1;
        }
        long n = 0;
        try (var in = Files.newInputStream(p)) {
            byte[] buf = new byte[64 * 1024];
            int r;
            int last = '\n';
            while ((r = in.read(buf)) > 0) {
                for (int i = 0; i < r; i++) {
                    if (buf[i] == '\n') {
                        n++;
                    }
                }
                last = buf[r - 1];
            }
            return last == '\n' ? n : n + 1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** True when stderr is a terminal (Linux: fd 2 is a tty or pts device). */
    private static boolean stderrIsTerminal() {
        try {
            String real = Path.of("/proc/self/fd/2").toRealPath().toString();
            return real.startsWith("/dev/pts/") || real.startsWith("/dev/tty");
        } catch (IOException | RuntimeException e) {
            return System.console() != null;
        }
    }

    private final class Run {
        final ModuleRegistry registry;
        final ProbeRunner runner;
        final PrintWriter out;
        final PrintWriter err;
        final long total;
        final boolean bar;
        final Semaphore slots = new Semaphore(concurrency);
        final AtomicLong done = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong invalid = new AtomicLong();
        final long start = System.nanoTime();
        /** Per cause: how many, and the first targets. Bounded by the causes' vocabulary × SUMMARY_TARGETS. */
        final Map<String, long[]> counts = new TreeMap<>();
        final Map<String, List<String>> examples = new TreeMap<>();
        final Duration budget = Duration.ofMillis(Math.round(timeoutSeconds * 1000));
        /** For --html: per modality, targets per support; the first failing targets (bounded), the rest counted. */
        final Map<String, Map<String, Long>> modalities = new TreeMap<>();
        final List<io.mediapath.diagnose.report.ScanSummary.Row> rows = new ArrayList<>();
        long rowsOmitted;

        Run(ModuleRegistry registry, PrintWriter out, PrintWriter err, long total, boolean bar) {
            this.registry = registry;
            this.runner = new ProbeRunner(registry, concurrency, System.getenv());
            this.out = out;
            this.err = err;
            this.total = total;
            this.bar = bar;
        }

        void scan(Reader reader) throws IOException, InterruptedException {
            if (format.equals("csv")) {
                out.println("line,target,module,success,duration_ms,cause,failed_leg,failed_phase,reason,product,detail");
            }
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "scan-progress");
                t.setDaemon(true);
                return t;
            });
            if (!progress.equals("none")) {
                ticker.scheduleAtFixedRate(this::tick, bar ? 200 : 2000, bar ? 200 : 2000, TimeUnit.MILLISECONDS);
            }
            try {
                LineReader lines = new LineReader(reader);
                String line;
                long number = 0;
                while ((line = lines.next()) != null) {
                    number++;
                    long n = number;
                    Optional<TargetLine> t;
                    ProbeModule module;
                    try {
                        if (lines.truncated()) {
                            throw new IllegalArgumentException("line longer than " + TargetLine.MAX_LINE + " characters");
                        }
                        t = TargetLine.parse(line);
                        if (t.isEmpty()) {
                            continue;
                        }
                        String name = t.get().module().orElse(defaultModule);
                        module = registry.module(name).orElseThrow(() ->
                                new IllegalArgumentException("unknown module " + name));
                    } catch (IllegalArgumentException e) {
                        invalid.incrementAndGet();
                        emitInvalid(n, line, e.getMessage());
                        continue;
                    }
                    slots.acquire();
                    runner.run(module, t.get().target(), budget).whenComplete((o, e) -> {
                        try {
                            emit(n, o);
                        } finally {
                            slots.release();
                        }
                    });
                }
                slots.acquire(concurrency); // every probe has reported
            } finally {
                ticker.shutdownNow();
            }
            if (bar) {
                synchronized (this) {
                    err.print("\r\033[K");
                }
            }
            tickLine(true);
            summary();
            out.flush();
            err.flush();
        }

        synchronized void emit(long line, ProbeOutcome o) {
            done.incrementAndGet();
            if (!o.success()) {
                failed.incrementAndGet();
            }
            String cause = cause(o);
            count(cause, o.target() + (o.module().equals(defaultModule) ? "" : " " + o.module()));
            Optional<ProbeOutcome.Failure> f = o.failure();
            String product = o.interception().filter(ProbeOutcome.Interception::intercepted)
                    .map(ProbeOutcome.Interception::product).orElse("");
            long ms = o.duration().toMillis();
            if (html != null) {
                keep(line, o, cause, product, ms);
            }
            if (format.equals("csv")) {
                out.println(String.join(",", Long.toString(line), csv(o.target()), o.module(),
                        o.success() ? "1" : "0", Long.toString(ms), cause,
                        f.map(ProbeOutcome.Failure::leg).orElse(""), f.map(ProbeOutcome.Failure::phase).orElse(""),
                        f.map(ProbeOutcome.Failure::reason).orElse(""), csv(product), csv(o.detail())));
            } else {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("line", line);
                m.put("target", o.target());
                m.put("module", o.module());
                m.put("success", o.success());
                m.put("durationMs", ms);
                m.put("cause", cause);
                o.rootCause().ifPresent(c -> m.put("rootCause", c));
                f.ifPresent(x -> m.put("failure", Map.of("leg", x.leg(), "phase", x.phase(), "reason", x.reason())));
                o.interception().ifPresent(i -> m.put("intercepted", i.intercepted()));
                if (!product.isEmpty()) {
                    m.put("product", product);
                }
                Map<String, String> legs = new LinkedHashMap<>();
                o.legs().forEach(l -> legs.put(l.leg(), l.verdict()));
                m.put("legs", legs);
                if (!o.modalities().isEmpty()) {
                    Map<String, String> mods = new LinkedHashMap<>();
                    o.modalities().forEach(x -> mods.put(x.modality(), x.support()));
                    m.put("modalities", mods);
                }
                m.put("detail", o.detail());
                out.println(json.writeValueAsString(m));
            }
            if (out.checkError()) {
                // stdout closed (a pipe to head): nothing more to say
                return;
            }
        }

        /** What the HTML page needs of one outcome: its modalities counted, and its row when it failed. */
        void keep(long line, ProbeOutcome o, String cause, String product, long ms) {
            o.modalities().forEach(m -> modalities.computeIfAbsent(m.modality(), k -> new TreeMap<>())
                    .merge(m.support(), 1L, Long::sum));
            if (!o.success()) {
                if (rows.size() < io.mediapath.diagnose.report.ScanSummary.MAX_ROWS) {
                    rows.add(new io.mediapath.diagnose.report.ScanSummary.Row(line, o.target(), o.module(), ms, cause,
                            product, o.detail()));
                } else {
                    rowsOmitted++;
                }
            }
        }

        /** The summary as the HTML page shows it: causes most frequent first. */
        synchronized io.mediapath.diagnose.report.ScanSummary page() {
            List<io.mediapath.diagnose.report.ScanSummary.Cause> causes = new ArrayList<>();
            counts.forEach((c, n) -> causes.add(new io.mediapath.diagnose.report.ScanSummary.Cause(c, n[0],
                    examples.getOrDefault(c, List.of()))));
            causes.sort(java.util.Comparator.comparingLong(io.mediapath.diagnose.report.ScanSummary.Cause::count)
                    .reversed());
            return new io.mediapath.diagnose.report.ScanSummary(input, done.get(), failed.get(), invalid.get(),
                    Duration.ofNanos(System.nanoTime() - start), causes, modalities, rows, rowsOmitted);
        }

        synchronized void emitInvalid(long line, String text, String why) {
            count("INVALID_LINE", "line " + line);
            String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
            if (format.equals("csv")) {
                out.println(String.join(",", Long.toString(line), csv(shown.strip()), "", "0", "0", "INVALID_LINE",
                        "", "", "invalid", "", csv(why)));
            } else {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("line", line);
                m.put("target", shown.strip());
                m.put("success", false);
                m.put("cause", "INVALID_LINE");
                m.put("detail", why);
                out.println(json.writeValueAsString(m));
            }
            if (!bar) {
                err.println("mediapath scan: line " + line + ": " + why);
            }
        }

        /** The summary's cause: the root cause (edge modules), OK, or where and why it failed. */
        String cause(ProbeOutcome o) {
            if (o.rootCause().isPresent()) {
                return o.rootCause().get();
            }
            if (o.success()) {
                return "OK";
            }
            return o.legs().stream().findFirst().map(ProbeOutcome.Leg::verdict)
                    .orElseGet(() -> o.failure().map(f -> f.phase().toUpperCase(Locale.ROOT) + "_"
                            + f.reason().toUpperCase(Locale.ROOT)).orElse("FAILED"));
        }

        void count(String cause, String target) {
            if (!counts.containsKey(cause) && counts.size() >= 256) {
                cause = "OTHER";
            }
            counts.computeIfAbsent(cause, k -> new long[1])[0]++;
            List<String> ex = examples.computeIfAbsent(cause, k -> new ArrayList<>());
            if (ex.size() < SUMMARY_TARGETS) {
                ex.add(target);
            }
        }

        void tick() {
            tickLine(false);
        }

        synchronized void tickLine(boolean last) {
            long d = done.get() + invalid.get();
            double secs = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
            double rate = done.get() / secs;
            String eta = "";
            if (total > 0 && rate > 0 && !last) {
                long left = Math.max(0, total - d);
                eta = " ETA " + Math.round(left / rate) + "s";
            }
            String counts = d + (total > 0 ? "/~" + total : "") + " done, " + failed.get() + " failed"
                    + (invalid.get() > 0 ? ", " + invalid.get() + " invalid" : "")
                    + String.format(Locale.ROOT, ", %.1f/s", rate) + eta;
            if (bar && !last) {
                String meter = "";
                if (total > 0) {
                    int w = 30;
                    int filled = (int) Math.min(w, w * d / Math.max(1, total));
                    meter = "[" + "#".repeat(filled) + ".".repeat(w - filled) + "] ";
                }
                err.print("\r\033[K" + meter + counts);
                err.flush();
            } else if (!progress.equals("none") || last) {
                err.println("mediapath scan: " + counts + (last ? String.format(Locale.ROOT, " in %.1f s", secs) : ""));
                err.flush();
            }
        }

        synchronized void summary() {
            err.println(String.format(Locale.ROOT, "%-24s %8s  %s", "CAUSE", "TARGETS", "FIRST TARGETS"));
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                long n = e.getValue()[0];
                List<String> ex = examples.get(e.getKey());
                err.println(String.format(Locale.ROOT, "%-24s %8d  %s%s", e.getKey(), n, String.join(", ", ex),
                        n > ex.size() ? ", … " + (n - ex.size()) + " more" : ""));
            }
        }
    }

    static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"").replace("\r", " ").replace("\n", " ") + "\"";
    }

    /** Lines of at most {@link TargetLine#MAX_LINE} characters; the rest of a longer line is skipped, not kept. */
    static final class LineReader {
        private final Reader in;
        private final StringBuilder line = new StringBuilder(128);
        private boolean truncated;
        private boolean eof;

        LineReader(Reader in) {
            this.in = in;
        }

        String next() throws IOException {
            if (eof) {
                return null;
            }
            line.setLength(0);
            truncated = false;
            int c;
            boolean any = false;
            while ((c = in.read()) >= 0) {
                any = true;
                if (c == '\n') {
                    break;
                }
                if (line.length() < TargetLine.MAX_LINE) {
                    line.append((char) c);
                } else {
                    truncated = true;
                }
            }
            if (c < 0) {
                eof = true;
                if (!any) {
                    return null;
                }
            }
            int n = line.length();
            if (n > 0 && line.charAt(n - 1) == '\r') {
                line.setLength(n - 1);
            }
            return line.toString();
        }

        boolean truncated() {
            return truncated;
        }
    }
}
