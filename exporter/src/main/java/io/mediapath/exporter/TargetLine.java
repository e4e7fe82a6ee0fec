package io.mediapath.exporter;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of a target list ({@code mediapath scan}): {@code HOST[:PORT] [MODULE]}, blanks and {@code #} comments
 * ignored ({@code # whole line}, or after the fields). A line names its module or takes the list's default.
 *
 * @param target the target
 * @param module the module named on the line, if any
 */
public record TargetLine(ProbeTarget target, Optional<String> module) {

    /** The longest line read; a longer one is refused (its rest is not kept). */
    public static final int MAX_LINE = 1024;

    public TargetLine {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(module, "module");
    }

    /**
     * Parses a line.
     *
     * @return empty for a blank or comment line
     * @throws IllegalArgumentException with a one-line reason
     */
    public static Optional<TargetLine> parse(String line) {
        Objects.requireNonNull(line, "line");
        if (line.length() > MAX_LINE) {
            throw new IllegalArgumentException("line longer than " + MAX_LINE + " characters");
        }
        int hash = line.indexOf('#');
        String s = (hash >= 0 ? line.substring(0, hash) : line).strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        String[] fields = s.split("[ \t]+");
        if (fields.length > 2) {
            throw new IllegalArgumentException("expected HOST[:PORT] [MODULE], got " + fields.length + " fields");
        }
        ProbeTarget t = ProbeTarget.parse(fields[0]);
        Optional<String> m = Optional.empty();
        if (fields.length == 2) {
            m = Optional.of(ProbeModule.checkName(fields[1]));
        }
        return Optional.of(new TargetLine(t, m));
    }
}
