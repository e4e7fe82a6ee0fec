package io.mediapath.tls;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;

/**
 * A TLS alert as it crossed the wire.
 *
 * @param level       1 warning, 2 fatal (other values are reported as received)
 * @param description the alert description code, e.g. 40 handshake_failure, 70 protocol_version
 */
public record TlsAlert(int level, int description) {

    /** The description's registered name, e.g. {@code handshake_failure}. */
    public String descriptionName() {
        return description >= 0 && description <= 255 ? AlertDescription.getName((short) description) : "unknown";
    }

    /** The level's name: {@code warning}, {@code fatal}, or the number. */
    public String levelName() {
        return level == AlertLevel.fatal ? "fatal" : level == AlertLevel.warning ? "warning" : "level " + level;
    }

    @Override
    public String toString() {
        return levelName() + " " + descriptionName() + "(" + description + ")";
    }
}
