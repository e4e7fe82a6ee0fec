package io.mediapath.exporter;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named module: a {@link ProberKind} with its settings. The built-ins are each kind with defaults under the
 * kind's name; a config file adds more ({@code lab_edge: {prober: edge_ms_turn, udp_port: 3478}}).
 *
 * @param name     the name a query or scan line gives ({@code [a-z0-9_]{1,64}}, bounded label values)
 * @param kind     what runs
 * @param settings how
 */
public record ProbeModule(String name, ProberKind kind, ModuleSettings settings) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,64}");

    public ProbeModule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(settings, "settings");
        checkName(name);
    }

    /** The port a target without one is probed on. */
    public int defaultPort() {
        return settings.port().orElse(kind.defaultPort());
    }

    static String checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("module name " + Labels.bound(name)
                    + ": expected 1 to 64 of a-z, 0-9, _");
        }
        return name;
    }
}
