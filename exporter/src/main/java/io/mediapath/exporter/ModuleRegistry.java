package io.mediapath.exporter;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place modules are named: the built-ins (each {@link ProberKind} under its own name, defaults) and the
 * modules a config file adds. Shared by the exporter and {@code mediapath scan}. Immutable; each module's
 * {@link Prober} is made once and serves every probe of it.
 */
public final class ModuleRegistry {
    private final Map<String, Entry> modules;

    record Entry(ProbeModule module, Prober prober) {
    }

    private ModuleRegistry(Map<String, Entry> modules) {
        this.modules = Collections.unmodifiableMap(modules);
    }

    /** The built-in modules only. */
    public static ModuleRegistry builtIns() {
        return builder().build();
    }

    /** A builder that starts from the built-ins. */
    public static Builder builder() {
        Builder b = new Builder();
        for (ProberKind k : ProberKind.values()) {
            b.add(new ProbeModule(k.id(), k, ModuleSettings.DEFAULTS));
        }
        return b;
    }

    /** The module named {@code name}, if any. */
    public Optional<ProbeModule> module(String name) {
        return Optional.ofNullable(modules.get(name)).map(Entry::module);
    }

    /** Every module, built-ins first, then in the order added. */
    public Collection<ProbeModule> modules() {
        return modules.values().stream().map(Entry::module).toList();
    }

    Prober prober(ProbeModule module) {
        Entry e = modules.get(module.name());
        if (e == null || !e.module().equals(module)) {
            return module.kind().newProber(module.settings());
        }
        return e.prober();
    }

    /** Adds modules; a module of an existing name replaces it (a config may retune a built-in). */
    public static final class Builder {
        /** The most modules a registry holds: module names are label values. */
        public static final int MAX_MODULES = 256;

        private final Map<String, Entry> modules = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds {@code module}. */
        public Builder add(ProbeModule module) {
            Objects.requireNonNull(module, "module");
            if (!modules.containsKey(module.name()) && modules.size() >= MAX_MODULES) {
                throw new IllegalArgumentException("more than " + MAX_MODULES + " modules");
            }
            modules.put(module.name(), new Entry(module, module.kind().newProber(module.settings())));
            return this;
        }

        /** The registry. */
        public ModuleRegistry build() {
            return new ModuleRegistry(new LinkedHashMap<>(modules));
        }
    }
}
