package io.mediapath.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mediapath} command line. Exit codes are part of its contract: 0 nothing wrong, 1 something wrong was
 * found (a finding of warning or worse, a failed probe step, a verdict other than genuine), 2 bad usage or
 * unreadable input (the reason on stderr).
 */
@Command(
        name = "mediapath",
        mixinStandardHelpOptions = true,
        versionProvider = MediapathCli.Version.class,
        description = "Finds why real-time media fails when all the ports are open.",
        subcommands = {EdgeCommand.class, SdpCommand.class, AnalyzeCommand.class, TurnCommand.class, TlsCommand.class,
                ExporterCommand.class, ScanCommand.class, NatCommand.class, QualityCommand.class,
                ResponderCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:nothing wrong",
            "1:something wrong was found (finding of warning or worse, failed step, non-genuine verdict)",
            "2:bad usage or unreadable input"
        })
public final class MediapathCli implements Runnable {

    /** Exit code: nothing wrong. */
    public static final int OK = 0;
    /** Exit code: something wrong was found. */
    public static final int FOUND = 1;
    /** Exit code: bad usage or unreadable input. */
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line on stdout and stderr and returns its exit code (never calls {@link System#exit}). */
    public static int execute(String... args) {
        CommandLine plain = new CommandLine(new MediapathCli());
        return execute(plain.getOut(), plain.getErr(), args);
    }

    /** Runs the command line printing to {@code out} and {@code err}; returns its exit code. */
    static int execute(Writer out, Writer err, String... args) {
        CommandLine cl = new CommandLine(new MediapathCli());
        // Input and network bytes reach the terminal only through these: no control character passes raw.
        cl.setOut(new PrintWriter(new EscapingWriter(out), true));
        cl.setErr(new PrintWriter(new EscapingWriter(err), true));
        // -V on a subcommand printed nothing: mixinStandardHelpOptions gives each one -V without a provider.
        cl.getSubcommands().values().forEach(sc -> sc.getCommandSpec().versionProvider(new Version()));
        cl.setParameterExceptionHandler(MediapathCli::usageError);
        cl.setExitCodeExceptionMapper(e -> USAGE);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("mediapath: " + ex.getMessage());
            return USAGE;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // Unwinding dropped what filled the heap. Exit 1 would claim a problem was found in the input.
            cl.getErr().println("mediapath: the input is too large or too deeply nested for this heap ("
                    + e.getClass().getSimpleName() + "); give the JVM more memory (JAVA_OPTS=-Xmx…)");
            cl.getErr().flush();
            return USAGE;
        } finally {
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (try --help)");
    }

    /**
     * A usage error, said on one line with a pointer to the help. An unknown option is named without its value:
     * {@code --pasword=SECRET} is a mistyped password, and the value after an unknown option may be one too.
     */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine c = ex.getCommandLine();
        PrintWriter err = c.getErr();
        String name = c.getCommandSpec().qualifiedName();
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            List<String> shown = new ArrayList<>();
            boolean afterUnknownOption = false;
            int hidden = 0;
            for (String a : u.getUnmatched()) {
                if (a.startsWith("-") && a.length() > 1) {
                    int eq = a.indexOf('=');
                    shown.add(eq < 0 ? a : a.substring(0, eq) + "=…");
                    afterUnknownOption = eq < 0;
                } else if (afterUnknownOption) {
                    hidden++; // perhaps the unknown option's value: not echoed
                    afterUnknownOption = false;
                } else {
                    shown.add(a);
                }
            }
            err.println(name + ": unknown option or extra argument: " + String.join(" ", shown)
                    + (hidden > 0 ? " (and " + hidden + " value(s) not shown)" : ""));
            CommandLine.UnmatchedArgumentException.printSuggestions(u, err);
        } else {
            err.println(name + ": " + ex.getMessage());
        }
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return USAGE;
    }

    /**
     * The artifact version and the git commit it was built from (resources written at build time: the version by
     * resource filtering, the commit by {@code git describe}); "unknown" parts when built outside git or run from
     * classes not built by Maven.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {line()};
        }

        static String line() {
            Properties p = new Properties();
            for (String r : new String[] {"version.properties", "commit.properties"}) {
                try (InputStream in = MediapathCli.class.getResourceAsStream(r)) {
                    if (in != null) {
                        p.load(in);
                    }
                } catch (IOException e) {
                    // a missing or unreadable part reads "unknown"
                }
            }
            String version = p.getProperty("version", "").strip();
            String commit = p.getProperty("commit", "").strip();
            return "mediapath " + (version.isEmpty() || version.startsWith("${") ? "unknown" : version)
                    + " (commit " + (commit.isEmpty() ? "unknown" : commit) + ")";
        }
    }
}
