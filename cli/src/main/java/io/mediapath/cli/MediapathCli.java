package io.mediapath.cli;

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
        subcommands = {SdpCommand.class, AnalyzeCommand.class, TurnCommand.class, TlsCommand.class},
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

    /** Runs the command line and returns its exit code (never calls {@link System#exit}). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new MediapathCli());
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

    /** Reports the version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = MediapathCli.class.getPackage().getImplementationVersion();
            return new String[] {"mediapath " + (v == null ? "development" : v)};
        }
    }
}
