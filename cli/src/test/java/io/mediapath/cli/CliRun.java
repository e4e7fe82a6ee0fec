package io.mediapath.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringWriter;

/**
 * One run of the command line in process, through {@link MediapathCli#execute(java.io.Writer, java.io.Writer,
 * String...)}, the path {@code main} takes (exit-code mapping and output escaping included): the exit code and what
 * it printed on stdout and stderr. The one way the CLI tests run a command.
 *
 * @param exit the exit code
 * @param out  what went to stdout
 * @param err  what went to stderr
 */
record CliRun(int exit, String out, String err) {

    /** Runs {@code mediapath args…}. */
    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = MediapathCli.execute(out, err, args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** Runs {@code mediapath args…} with {@code stdin} as standard input (for {@code -}). */
    static CliRun runWithStdin(byte[] stdin, String... args) {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(stdin));
            return run(args);
        } finally {
            System.setIn(saved);
        }
    }

    /** Stdout then stderr, for assertions about everything the user saw. */
    String all() {
        return out + err;
    }
}
