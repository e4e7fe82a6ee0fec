package io.mediapath.exporter;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A module's settings beyond its prober kind. Immutable; every field has the kind's default when absent.
 *
 * @param port        the port probed when the target names none (empty: the kind's default)
 * @param udpPort     the edge modules' UDP relay port (empty: 3478); the target's port is the TCP port
 * @param sni         the TLS server name to send (empty: the target's name; none for an IP literal)
 * @param timeout     the longest a probe of this module may take (a scrape's timeout shortens it)
 * @param credentials relay credentials (edge and TURN modules): the relay is then asked to allocate
 * @param pins        {@code sha256/BASE64} SPKI pins that make a TLS answer genuine (TLS modules)
 */
public record ModuleSettings(OptionalInt port, OptionalInt udpPort, Optional<String> sni, Duration timeout,
        Optional<CredentialSource> credentials, List<String> pins) {

    /** The timeout of a module that gives none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The longest timeout a config may give. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(120);

    /** The defaults: the kind's port, UDP 3478, no SNI override, 10 s, no credentials, no pins. */
    public static final ModuleSettings DEFAULTS = new ModuleSettings(OptionalInt.empty(), OptionalInt.empty(),
            Optional.empty(), DEFAULT_TIMEOUT, Optional.empty(), List.of());

    public ModuleSettings {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(udpPort, "udpPort");
        Objects.requireNonNull(sni, "sni");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(credentials, "credentials");
        pins = List.copyOf(pins);
        checkPort(port, "port");
        checkPort(udpPort, "udp_port");
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout " + timeout.toMillis() + " ms (expected: 1 ms ~ "
                    + MAX_TIMEOUT.toSeconds() + " s)");
        }
    }

    private static void checkPort(OptionalInt p, String name) {
        if (p.isPresent() && (p.getAsInt() < 1 || p.getAsInt() > 65535)) {
            throw new IllegalArgumentException(name + " " + p.getAsInt() + " (expected: 1 ~ 65535)");
        }
    }
}
