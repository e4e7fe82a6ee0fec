package io.mediapath.lab.netns;

/**
 * The outcome of a command run inside a namespace.
 *
 * @param exitCode the process exit code (-1 when it was killed at its deadline)
 * @param stdout what it printed on stdout
 * @param stderr what it printed on stderr
 */
public record ExecResult(int exitCode, String stdout, String stderr) {

    /** The value of the first stdout line {@code key=value}, or null. */
    public String value(String key) {
        for (String line : stdout.split("\n")) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1).strip();
            }
        }
        return null;
    }
}
