package io.mediapath.sdp.msdiag;

import java.util.Objects;

/**
 * One set bit of an ICEWarn value with what it means.
 *
 * @param bit           the bit value ({@code 0x800000})
 * @param name          a stable UPPER_SNAKE_CASE name ({@code PSEUDO_TLS_FAILURE}); {@link IceWarn#UNKNOWN_BIT} for
 *                      every bit the table does not list
 * @param meaning       the table's meaning, abridged
 * @param remedy        what an administrator should do or check (empty when nothing is needed)
 * @param informational whether the bit reports a configuration or an expected condition rather than a failure
 */
public record IceWarnFlag(long bit, String name, String meaning, String remedy, boolean informational) {

    public IceWarnFlag {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(meaning, "meaning");
        Objects.requireNonNull(remedy, "remedy");
        // Finding codes are built from the name (ICEWARN_<name>): a name outside A-Z, 0-9, _ would make the audit
        // throw on a value it should report.
        if (!name.matches("[A-Z][A-Z0-9_]*")) {
            throw new IllegalArgumentException("name: " + name + " (expected: UPPER_SNAKE_CASE)");
        }
    }

    /** The bit as {@code 0x…} hex text. */
    public String hex() {
        return "0x" + Long.toHexString(bit);
    }
}
