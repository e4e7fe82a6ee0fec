package io.mediapath.cli;

import io.mediapath.diagnose.Analyzer;
import io.mediapath.diagnose.Diagnosis;
import io.mediapath.diagnose.UnreadableInputException;
import io.mediapath.diagnose.report.HtmlReport;
import io.mediapath.diagnose.report.JsonReport;
import io.mediapath.diagnose.report.TextReport;
import io.mediapath.sdp.msdiag.Location;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.charset.CodingErrorAction;
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
     * 64 MiB, or a 32nd of the heap when that is smaller: whole-input reading holds the text, every message and the
     * dialogs at once, ≈ 10–20 times the input for logs of many small messages (a review ran a 31 MB log of OPTIONS
     * out of a 256 MB heap at the earlier eighth).
     */
    static final int WHOLE_INPUT_BYTES = (int) Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 32);

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
        StringBuilder htmlText = new StringBuilder();
        for (Diagnosis d : results) {
            out.print(json ? JsonReport.render(d) + "\n" : TextReport.render(d));
            htmlText.append(HtmlReport.render(d));
            exit = Math.max(exit, d.exitCode());
        }
        out.flush();
        if (html != null) {
            try {
                Files.writeString(html, htmlText.toString(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("mediapath analyze: cannot write " + html + ": " + e.getMessage());
                return MediapathCli.USAGE;
            }
        }
        return unreadable ? MediapathCli.USAGE : exit;
    }

    private static String displayName(String in) {
        return in.equals("-") ? "-" : Path.of(in).getFileName().toString();
    }

    private static Diagnosis analyze(Analyzer analyzer, String in) throws UnreadableInputException {
        String name = in.startsWith(Samples.CLASSPATH_PREFIX) ? in : displayName(in);
        try {
            if (in.startsWith(Samples.CLASSPATH_PREFIX)) {
                return analyzer.analyze(Samples.read(in.substring(Samples.CLASSPATH_PREFIX.length())), in);
            }
            InputStream stream;
            if (in.equals("-")) {
                stream = System.in;
            } else {
                Path p = Path.of(in);
                if (!Files.isRegularFile(p)) {
                    throw new UnreadableInputException(in + ": no such file");
                }
                stream = Files.newInputStream(p);
            }
            try {
                byte[] head = stream.readNBytes(WHOLE_INPUT_BYTES + 1);
                if (head.length <= WHOLE_INPUT_BYTES) {
                    return analyzer.analyze(decode(head), name);
                }
                // a large log: stream it (UTF-8, malformed bytes replaced) instead of holding it
                InputStream rest = new SequenceInputStream(new ByteArrayInputStream(head), stream);
                Reader r = new InputStreamReader(rest, StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
                return analyzer.analyze(r, name);
            } finally {
                if (stream != System.in) {
                    stream.close(); // a file we opened; stdin stays open
                }
            }
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new UnreadableInputException(in + ": " + e.getMessage(), e);
        }
    }

    /** UTF-8 when the bytes are UTF-8; otherwise Latin-1, which keeps every byte (old Windows logs). */
    private static String decode(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
    }
}
