package io.mediapath.cli;

import io.mediapath.diagnose.Analyzer;
import io.mediapath.diagnose.Diagnosis;
import io.mediapath.diagnose.UnreadableInputException;
import io.mediapath.diagnose.report.HtmlReport;
import io.mediapath.diagnose.report.JsonReport;
import io.mediapath.diagnose.report.TextReport;
import io.mediapath.sdp.msdiag.Location;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mediapath analyze FILE…|-}: reads a bare SDP, a SIP message, or a log with SIP messages in it (Lync/SfB
 * client or server logs, traces, pastes), and reports per dialog and media what stops media, with evidence and
 * remedies. {@code --sample NAME} analyzes a bundled sample. Exit 0 nothing wrong, 1 a finding of warning or worse,
 * 2 bad usage or unreadable input.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Reads a bare SDP, a SIP message or a log (FILE, classpath:samples/NAME, or - for stdin) and reports "
                + "what stops media: candidate matrix per media, findings with evidence and remedy, ICEWarn decode.",
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

    @Option(names = "--caller", paramLabel = "LOCATION", description = "Where the caller (offerer) sits: intranet, internet or unknown (overrides the messages).")
    String caller = "unknown";

    @Option(names = "--callee", paramLabel = "LOCATION", description = "Where the callee (answerer) sits: intranet, internet or unknown.")
    String callee = "unknown";

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
        Analyzer analyzer = Analyzer.builder().locations(callerLoc, calleeLoc).build();
        List<Diagnosis> results = new ArrayList<>();
        boolean unreadable = false;
        for (String in : inputs) {
            try {
                results.add(analyze(analyzer, in));
            } catch (UnreadableInputException e) {
                // The other inputs are still reported; the exit code says an input could not be read.
                err.println("mediapath analyze: " + e.getMessage());
                err.flush();
                unreadable = true;
            }
        }
        if (results.isEmpty()) {
            return MediapathCli.USAGE;
        }
        int exit = MediapathCli.OK;
        for (Diagnosis d : results) {
            out.print(json ? JsonReport.render(d) + "\n" : TextReport.render(d));
            exit = Math.max(exit, d.exitCode());
        }
        out.flush();
        if (html != null) {
            try {
                Files.writeString(html, HtmlReport.render(results), StandardCharsets.UTF_8);
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

    private static String displayName(String in) {
        if (in.equals("-")) {
            return "-";
        }
        Path file = Path.of(in).getFileName();
        return file == null ? in : file.toString();
    }

    private static Diagnosis analyze(Analyzer analyzer, String in) throws UnreadableInputException {
        if (in.startsWith(Samples.CLASSPATH_PREFIX)) {
            try {
                return analyzer.analyze(Samples.read(in.substring(Samples.CLASSPATH_PREFIX.length())), in);
            } catch (IOException e) {
                throw new UnreadableInputException(in + ": " + InputText.reason(e), e);
            }
        }
        InputText.Head head = InputText.read(in, WHOLE_INPUT_BYTES);
        try {
            if (head.bytes().length == head.bom()) {
                throw new UnreadableInputException(in + ": empty input");
            }
            String name = displayName(in);
            if (head.whole()) {
                return analyzer.analyze(head.text(), name);
            }
            // a large log: streamed in bounded memory instead of held
            return analyzer.analyze(head.reader(), name);
        } catch (IOException e) {
            throw new UnreadableInputException(in + ": cannot read: " + InputText.reason(e), e);
        } finally {
            InputText.close(head.rest());
        }
    }
}
