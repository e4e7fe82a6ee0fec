package io.mediapath.ice;

/**
 * How bad a {@link Finding} is. Ordered from harmless to fatal, so {@code compareTo} ranks findings.
 *
 * <p>The command line maps anything at {@link #WARNING} or above to exit code 1.
 */
public enum Severity {
    /** Worth knowing; nothing is wrong. */
    INFO,
    /** Something that degrades or may break media in some topologies. */
    WARNING,
    /** Something that breaks media for some calls. */
    ERROR,
    /** Something that breaks media for every call on this path. */
    CRITICAL;

    /** True when this severity is at least {@code other}. */
    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
