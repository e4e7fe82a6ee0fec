package io.mediapath.cli;

import io.mediapath.diagnose.Analyzer;
import io.mediapath.diagnose.Diagnosis;
import io.mediapath.diagnose.LogRelays;
import io.mediapath.diagnose.RelayExtractor;
import io.mediapath.diagnose.RelayTarget;
import io.mediapath.diagnose.playbook.EdgePlaybook;
import io.mediapath.diagnose.playbook.LiveConfirmation;
import io.mediapath.diagnose.playbook.PlaybookOptions;
import io.mediapath.diagnose.report.EdgeReports;
import io.mediapath.diagnose.report.JsonOutput;
import io.mediapath.diagnose.UnreadableInputException;
import io.mediapath.capture.CaptureFormat;
import io.mediapath.diagnose.capture.CaptureAnalyzer;
import io.mediapath.diagnose.capture.CaptureDiagnosis;
import io.mediapath.diagnose.capture.CaptureJson;
import io.mediapath.diagnose.capture.CaptureText;
import io.mediapath.diagnose.report.HtmlReport;
import io.mediapath.diagnose.report.JsonReport;
import io.mediapath.diagnose.report.TextReport;
import io.mediapath.sdp.msdiag.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.mediapath.sdp.TerminalText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mediapath analyze FILE…|-}: reads a bare SDP, a SIP message, or a log with SIP messages in it (Lync/SfB
 * client or server logs, traces, pastes), and reports per dialog and media what stops media, with evidence and
 * remedies. A pcap or pcapng capture (told by its magic) is read for media-relay flows instead: each TLS-looking or
 * STUN/TURN flow is judged like a live probe, with evidence citing frame numbers ({@code --relay IP} puts a known
 * relay first). {@code --sample NAME} analyzes a bundled sample. Exit 0 nothing wrong, 1 a finding of warning or worse,
 * 2 bad usage or unreadable input.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Reads a bare SDP, a SIP message or a log (FILE, classpath:samples/NAME, or - for stdin) and reports "
                + "what stops media: candidate matrix per media, findings with evidence and remedy, ICEWarn decode.",
                "A pcap/pcapng FILE is read for media-relay flows (TLS-looking hellos, STUN/TURN, any port), each judged "
                + "like the live probes, evidence citing Wireshark frame numbers.",
                "Exit: 0 nothing wrong, 1 findings of warning or worse, 2 bad usage or unreadable input."})
final class AnalyzeCommand implements Callable<Integer> {

    /**
     * Inputs up to this size are read whole (every reading of {@link Analyzer#analyze(String, String)}); larger
     * ones are streamed in bounded memory ({@link Analyzer#analyze(java.io.Reader, String)}), whatever their size.
     * By size alone, not by the heap: whole-input reading holds the text, every message and the dialogs at once,
     * ≈ 10–20 times the input for logs of many small messages, and a big machine's default heap let a 50 MB log be
     * read whole at 2.4 GB resident. 8 MiB keeps a run within the memory the README states.
     */
    static final int WHOLE_INPUT_BYTES = 8 << 20;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Input files; - reads stdin; classpath:samples/NAME a bundled sample.")
    List<String> files = new ArrayList<>();

    @Option(names = "--sample", paramLabel = "NAME",
            description = "Analyze a bundled sample by name or unique prefix (e.g. seed-alf, seed-websense); 'list' lists them.")
    String sample;

    @Option(names = "--json", description = "Print JSON (schema mediapath.analyze/1, see docs/json-report.md) instead of text.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write an HTML report to FILE.")
    Path html;

    @Option(names = "--relay", paramLabel = "IP",
            description = "Captures: a relay's IP address; its flows are reported first (repeatable).")
    List<String> relays = new ArrayList<>();

    @Option(names = "--caller", paramLabel = "LOCATION", description = "Where the caller (offerer) sits: intranet, internet or unknown (overrides the messages).")
    String caller = "unknown";

    @Option(names = "--callee", paramLabel = "LOCATION", description = "Where the callee (answerer) sits: intranet, internet or unknown.")
    String callee = "unknown";

    @Option(names = "--probe", description = "Confirm live: run the edge playbook (mediapath edge) on the relays the log "
            + "names (MRAS mediaRelayList, ms-diagnostics LocalMR) for the failing client's location, and merge its "
            + "conclusion with the log's into one root cause. Run it from the affected client's network.")
    boolean probe;

    @Option(names = "--use-log-credentials", description = "With --probe: authenticate with the MRAS credentials the "
            + "log carries (never printed; never sent over a TCP path judged intercepted). Without it the Edge's 401 "
            + "challenge alone proves the path.")
    boolean useLogCredentials;

    /** An input's diagnosis and, when it was held whole, its text (for the relays a --probe run reads from it). */
    private record Analyzed(Diagnosis diagnosis, String text) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Location callerLoc;
        Location calleeLoc;
        try {
            callerLoc = Location.valueOf(caller.toUpperCase(Locale.ROOT));
            calleeLoc = Location.valueOf(callee.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("mediapath analyze: --caller/--callee take intranet, internet or unknown");
            return MediapathCli.USAGE;
        }
        List<String> inputs = new ArrayList<>(files);
        if (sample != null) {
            if (sample.equals("list")) {
                Samples.list().forEach(s -> out.println(s));
                out.flush();
                return MediapathCli.OK;
            }
            try {
                inputs.add(0, Samples.CLASSPATH_PREFIX + Samples.resolve(sample));
            } catch (IllegalArgumentException e) {
                err.println("mediapath analyze: " + e.getMessage());
                return MediapathCli.USAGE;
            }
        }
        if (inputs.isEmpty()) {
            err.println("mediapath analyze: give FILE..., - for stdin, or --sample NAME (--sample list shows them)");
            return MediapathCli.USAGE;
        }
        if (html != null) {
            String why = unwritable(html);
            if (why != null) {
                // Said before the work, so a run never prints its report and then fails (exit 2 means no report).
                err.println("mediapath analyze: --html " + html + ": " + why);
                return MediapathCli.USAGE;
            }
        }
        if (useLogCredentials && !probe) {
            err.println("mediapath analyze: --use-log-credentials goes with --probe");
            return MediapathCli.USAGE;
        }
        Analyzer analyzer = Analyzer.builder().locations(callerLoc, calleeLoc).build();
        CaptureAnalyzer.Builder cb = CaptureAnalyzer.builder();
        relays.forEach(cb::relay);
        CaptureAnalyzer captureAnalyzer = cb.build();
        List<Analyzed> results = new ArrayList<>();
        List<CaptureDiagnosis> captures = new ArrayList<>();
        boolean unreadable = false;
        for (String in : inputs) {
            if (isCapture(in)) {
                try {
                    captures.add(captureAnalyzer.analyze(Path.of(in)));
                } catch (IOException e) {
                    err.println("mediapath analyze: " + in + ": " + e.getMessage());
                    err.flush();
                    unreadable = true;
                }
                continue;
            }
            try {
                java.io.PushbackInputStream peeked = peek(in);
                if (peeked != null) {
                    // stdin, a FIFO or a <(…): read once, so its first bytes decide and are handed on with the rest.
                    byte[] magic = peeked.readNBytes(4);
                    peeked.unread(magic);
                    if (CaptureFormat.detect(magic) != null) {
                        try (InputStream s = peeked) {
                            captures.add(captureAnalyzer.analyze(s, in.equals("-") ? "stdin" : displayName(in)));
                        }
                        continue;
                    }
                    results.add(analyze(analyzer, in, peeked));
                    continue;
                }
                results.add(analyze(analyzer, in));
            } catch (IOException e) {
                err.println("mediapath analyze: " + in + ": " + e.getMessage());
                err.flush();
                unreadable = true;
                continue;
            } catch (UnreadableInputException e) {
                // The other inputs are still reported; the exit code says an input could not be read.
                err.println("mediapath analyze: " + e.getMessage());
                err.flush();
                unreadable = true;
            }
        }
        if (results.isEmpty() && captures.isEmpty()) {
            return MediapathCli.USAGE;
        }
        int exit = MediapathCli.OK;
        for (CaptureDiagnosis c : captures) {
            out.print(json ? CaptureJson.render(c) + "\n" : CaptureText.render(c));
            exit = Math.max(exit, c.exitCode());
        }
        for (Analyzed a : results) {
            Diagnosis d = a.diagnosis();
            if (probe) {
                exit = Math.max(exit, probe(a, out));
            } else {
                out.print(json ? JsonReport.render(d) + "\n" : TextReport.render(d));
            }
            exit = Math.max(exit, d.exitCode());
        }
        out.flush();
        if (html != null) {
            try {
                // with --probe the page leads with the merged cause and draws each relay's live run
                Files.writeString(html, probe ? HtmlReport.probed(probed)
                        : HtmlReport.render(results.stream().map(Analyzed::diagnosis).toList(), captures),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("mediapath analyze: cannot write " + html + ": " + e.getMessage());
                return MediapathCli.USAGE;
            }
        }
        return unreadable ? MediapathCli.USAGE : exit;
    }

    /** Why {@code file} cannot be written (checked before the work starts), or null. */
    static String unwritable(Path file) {
        if (Files.isDirectory(file)) {
            return "is a directory";
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return "no such directory " + dir;
        }
        if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(dir)) {
            return "not writable";
        }
        return null;
    }

    /**
     * True for a regular file (not stdin, a pipe or a sample) that starts with a pcap or pcapng magic. Only regular
     * files are peeked: reading a FIFO's first bytes would take them from the log reader.
     */
    private static boolean isCapture(String in) {
        if (in.equals("-") || in.startsWith(Samples.CLASSPATH_PREFIX)) {
            return false;
        }
        try (InputStream s = Files.isRegularFile(Path.of(in)) ? Files.newInputStream(Path.of(in)) : null) {
            if (s == null) {
                return false;
            }
            return CaptureFormat.detect(s.readNBytes(4)) != null;
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return false; // the log path reports it as unreadable
        }
    }

    private static String displayName(String in) {
        if (in.equals("-")) {
            return "-";
        }
        Path file = Path.of(in).getFileName();
        return file == null ? in : file.toString();
    }

    /** Each input's live confirmation, in order, for the HTML page. */
    private final List<Map.Entry<Diagnosis, LiveConfirmation.Result>> probed = new ArrayList<>();

    /**
     * {@code --probe}: the relays of the log for the failing client's location through the edge playbook, merged
     * with the log's root cause; printed first, then the offline report. Exit 1 unless every relay works.
     */
    private int probe(Analyzed a, PrintWriter out) {
        Diagnosis d = a.diagnosis();
        LogRelays relays = RelayExtractor.extract(a.text(), d.source(), d);
        PlaybookOptions options = PlaybookOptions.builder().profile(PlaybookOptions.Profile.DIAGNOSTIC)
                .deadline(LiveConfirmation.cliDeadline()).build();
        LiveConfirmation.Result r = LiveConfirmation.run(d, relays, EdgePlaybook.create(options),
                useLogCredentials ? relays.credentials() : Optional.empty());
        probed.add(Map.entry(d, r));
        if (json) {
            Map<String, Object> tree = JsonReport.tree(d);
            tree.put("rootCause", JsonOutput.rootCause(r.merged())); // keeps its place after exitCode
            tree.put("offlineRootCause", JsonOutput.rootCause(r.offline()));
            tree.put("clientLocation", r.location().name().toLowerCase(Locale.ROOT));
            List<Object> list = new ArrayList<>();
            List<Object> probes = new ArrayList<>();
            for (LiveConfirmation.RelayRun run : r.runs()) {
                list.add(relay(run));
                run.report().ifPresent(rep -> probes.add(EdgeReports.tree(rep)));
            }
            tree.put("relays", list);
            tree.put("probes", probes);
            tree.put("relayProblems", JsonOutput.findings(relays.problems()));
            out.println(JsonOutput.write(tree));
        } else {
            StringBuilder sb = new StringBuilder("mediapath analyze --probe: ").append(d.source()).append(" — ")
                    .append(r.runs().size()).append(" relay(s) for ")
                    .append(r.location().name().toLowerCase(Locale.ROOT)).append(" clients probed live\n");
            sb.append(TextReport.rootCause(r.merged()));
            for (LiveConfirmation.RelayRun run : r.runs()) {
                RelayTarget t = run.relay();
                sb.append("\n== Relay ").append(t.host()).append(t.address().map(x -> " [" + x + "]").orElse(""))
                        .append(" UDP ").append(t.udpPort()).append(", TCP ").append(t.tcpPort()).append(" (from ")
                        .append(t.source() == RelayTarget.Source.MRAS ? "MRAS mediaRelayList" : "ms-diagnostics LocalMR")
                        .append(", ").append(t.evidence().location()).append(")\n");
                sb.append(run.report().map(EdgeReports::text).orElse("   no result: " + run.problem().orElse("?") + "\n"));
            }
            for (io.mediapath.ice.Finding f : relays.problems()) {
                sb.append("\n").append(f.code()).append(": ").append(f.summary()).append('\n');
            }
            sb.append("\n== The log (offline analysis)\n\n");
            out.print(TerminalText.escape(sb.toString()));
            out.print(TextReport.render(d));
        }
        return r.allWork() ? MediapathCli.OK : MediapathCli.FOUND;
    }

    private static Map<String, Object> relay(LiveConfirmation.RelayRun run) {
        RelayTarget t = run.relay();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("host", t.host());
        o.put("address", t.address().orElse(null));
        o.put("udpPort", t.udpPort());
        o.put("tcpPort", t.tcpPort());
        o.put("location", t.location().name().toLowerCase(Locale.ROOT));
        o.put("source", t.source() == RelayTarget.Source.MRAS ? "mras" : "local-mr");
        o.put("evidence", JsonOutput.evidence(t.evidence()));
        o.put("rootCause", run.report().map(x -> (Object) x.rootCause().code().name()).orElse(null));
        o.put("problem", run.problem().orElse(null));
        return o;
    }

    /**
     * A stream to peek at for inputs that can be read only once (stdin, a FIFO, a process substitution), or null
     * for a regular file or a sample (those were already peeked at by {@link #isCapture}).
     */
    private static java.io.PushbackInputStream peek(String in) throws UnreadableInputException {
        if (in.startsWith(Samples.CLASSPATH_PREFIX)) {
            return null;
        }
        if (!in.equals("-")) {
            try {
                Path p = Path.of(in);
                if (Files.isRegularFile(p) || !Files.exists(p) || Files.isDirectory(p)) {
                    return null; // the log path names what is wrong with it
                }
            } catch (java.nio.file.InvalidPathException e) {
                return null;
            }
        }
        return new java.io.PushbackInputStream(InputText.open(in), 4);
    }

    private static Analyzed analyze(Analyzer analyzer, String in, InputStream stream) throws UnreadableInputException {
        return analyzeHead(analyzer, in, InputText.read(in, stream, WHOLE_INPUT_BYTES));
    }

    private static Analyzed analyze(Analyzer analyzer, String in) throws UnreadableInputException {
        if (in.startsWith(Samples.CLASSPATH_PREFIX)) {
            try {
                String text = Samples.read(in.substring(Samples.CLASSPATH_PREFIX.length()));
                return new Analyzed(analyzer.analyze(text, in), text);
            } catch (IOException e) {
                throw new UnreadableInputException(in + ": " + InputText.reason(e), e);
            }
        }
        return analyzeHead(analyzer, in, InputText.read(in, WHOLE_INPUT_BYTES));
    }

    private static Analyzed analyzeHead(Analyzer analyzer, String in, InputText.Head head)
            throws UnreadableInputException {
        try {
            if (head.bytes().length == head.bom()) {
                throw new UnreadableInputException(in + ": empty input");
            }
            String name = displayName(in);
            if (head.whole()) {
                return new Analyzed(analyzer.analyze(head.text(), name), head.text());
            }
            // a large log: streamed in bounded memory instead of held (--probe then reads relays from LocalMR only)
            return new Analyzed(analyzer.analyze(head.reader(), name), "");
        } catch (IOException e) {
            throw new UnreadableInputException(in + ": cannot read: " + InputText.reason(e), e);
        } finally {
            InputText.close(head.rest());
        }
    }
}
