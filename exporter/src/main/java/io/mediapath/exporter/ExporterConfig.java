package io.mediapath.exporter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The exporter's config file, YAML or JSON (JSON is read as the YAML it is):
 *
 * <pre>{@code
 * allow: [10.0.0.0/8, "*.example.com", relay.example.net]   # targets that may be probed
 * max_concurrent: 16                                         # probes in flight at most
 * modules:
 *   site_edge:                      # [a-z0-9_]{1,64}
 *     prober: edge_ms_turn          # a ProberKind: edge_ms_turn, edge_turn, stun_udp, turn_udp, turn_tcp, turns,
 *                                   #   pseudo_tls, tls_interception, quality_udp
 *     port: 443                     # when the target gives none
 *     udp_port: 3478                # edge modules
 *     sni: edge.example.com
 *     timeout: 8s                   # 500ms, 8s, or seconds as a number; at most 120 s
 *     pins: ["sha256/BASE64="]      # TLS modules
 *     credentials: {username: alice, password_env: EDGE_PASSWORD}   # or password_file: /etc/…; never inline
 * }</pre>
 *
 * Unknown keys are errors (a typo must not silently drop an allowlist). Bounded: at most {@link #MAX_BYTES}.
 *
 * @param allow         the allowlist entries
 * @param maxConcurrent probes in flight at most
 * @param modules       the modules the file adds (or retunes)
 */
public record ExporterConfig(List<String> allow, int maxConcurrent, List<ProbeModule> modules) {

    /** The largest config file read. */
    public static final int MAX_BYTES = 1 << 20;
    /** The default concurrency limit. */
    public static final int DEFAULT_MAX_CONCURRENT = 16;
    /** The highest concurrency limit a config may set. */
    public static final int MAX_CONCURRENT = 1024;

    private static final ObjectMapper YAML = YAMLMapper.builder().build();
    private static final Set<String> TOP = Set.of("allow", "max_concurrent", "modules");
    private static final Set<String> MODULE = Set.of("prober", "port", "udp_port", "sni", "timeout", "pins",
            "credentials");
    private static final Set<String> CREDENTIALS = Set.of("username", "password_env", "password_file", "password");

    public ExporterConfig {
        allow = List.copyOf(allow);
        modules = List.copyOf(modules);
        if (maxConcurrent < 1 || maxConcurrent > MAX_CONCURRENT) {
            throw new IllegalArgumentException("max_concurrent " + maxConcurrent + " (expected: 1 ~ " + MAX_CONCURRENT + ")");
        }
    }

    /** No file: nothing allowed beyond what the command line adds, the built-in modules. */
    public static ExporterConfig empty() {
        return new ExporterConfig(List.of(), DEFAULT_MAX_CONCURRENT, List.of());
    }

    /** Reads a config file. */
    public static ExporterConfig load(Path file) throws ConfigException {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(MAX_BYTES + 1);
            if (b.length > MAX_BYTES) {
                throw new ConfigException(file + ": larger than " + MAX_BYTES + " bytes");
            }
            return parse(new String(b, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException(file + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Parses config text (YAML or JSON). */
    public static ExporterConfig parse(String text) throws ConfigException {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_BYTES) {
            throw new ConfigException("config larger than " + MAX_BYTES + " characters");
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            throw new ConfigException("not YAML or JSON: " + Labels.bound(e.getOriginalMessage()));
        } catch (RuntimeException e) {
            // The YAML engine's own limits (alias expansion, nesting) surface as its runtime exceptions.
            throw new ConfigException("not YAML or JSON: " + e.getClass().getSimpleName());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return empty();
        }
        if (!root.isObject()) {
            throw new ConfigException("the config must be a mapping (allow, max_concurrent, modules)");
        }
        keys(root, TOP, "");
        List<String> allow = new ArrayList<>();
        JsonNode a = root.get("allow");
        if (a != null && !a.isNull()) {
            if (!a.isArray()) {
                throw new ConfigException("allow: expected a list of CIDRs and names");
            }
            for (JsonNode e : a.values()) {
                allow.add(string(e, "allow[]"));
            }
            try {
                Allowlist.of(allow);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        }
        int max = DEFAULT_MAX_CONCURRENT;
        JsonNode m = root.get("max_concurrent");
        if (m != null && !m.isNull()) {
            max = integer(m, "max_concurrent", 1, MAX_CONCURRENT);
        }
        List<ProbeModule> modules = new ArrayList<>();
        JsonNode ms = root.get("modules");
        if (ms != null && !ms.isNull()) {
            if (!ms.isObject()) {
                throw new ConfigException("modules: expected a mapping of name → module");
            }
            if (ms.size() > ModuleRegistry.Builder.MAX_MODULES) {
                throw new ConfigException("modules: more than " + ModuleRegistry.Builder.MAX_MODULES);
            }
            for (Map.Entry<String, JsonNode> e : ms.properties()) {
                modules.add(module(e.getKey(), e.getValue()));
            }
        }
        return new ExporterConfig(allow, max, modules);
    }

    private static ProbeModule module(String name, JsonNode n) throws ConfigException {
        String where = "modules." + Labels.bound(name);
        try {
            ProbeModule.checkName(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": " + e.getMessage());
        }
        if (!n.isObject()) {
            throw new ConfigException(where + ": expected a mapping with prober: …");
        }
        keys(n, MODULE, where + ".");
        JsonNode p = n.get("prober");
        if (p == null) {
            throw new ConfigException(where + ".prober: missing (one of " + kinds() + ")");
        }
        String kindId = string(p, where + ".prober");
        ProberKind kind = ProberKind.byId(kindId).orElseThrow(() -> new ConfigException(where + ".prober: "
                + Labels.bound(kindId) + " (expected one of " + kinds() + ")"));
        OptionalInt port = n.has("port") ? OptionalInt.of(integer(n.get("port"), where + ".port", 1, 65535))
                : OptionalInt.empty();
        OptionalInt udp = n.has("udp_port") ? OptionalInt.of(integer(n.get("udp_port"), where + ".udp_port", 1, 65535))
                : OptionalInt.empty();
        Optional<String> sni = n.has("sni") ? Optional.of(string(n.get("sni"), where + ".sni")) : Optional.empty();
        Duration timeout = n.has("timeout") ? duration(n.get("timeout"), where + ".timeout")
                : ModuleSettings.DEFAULT_TIMEOUT;
        List<String> pins = new ArrayList<>();
        if (n.has("pins")) {
            if (!n.get("pins").isArray()) {
                throw new ConfigException(where + ".pins: expected a list of sha256/BASE64 pins");
            }
            for (JsonNode e : n.get("pins").values()) {
                String pin = string(e, where + ".pins[]");
                try {
                    io.mediapath.tls.InspectOptions.checkPin(pin);
                } catch (IllegalArgumentException ex) {
                    throw new ConfigException(where + ".pins: " + ex.getMessage());
                }
                pins.add(pin);
            }
        }
        Optional<CredentialSource> creds = Optional.empty();
        if (n.has("credentials")) {
            creds = Optional.of(credentials(n.get("credentials"), where + ".credentials"));
        }
        try {
            if (sni.isPresent()) {
                io.mediapath.ice.TransportAddress.checkHost(sni.get());
                if (io.mediapath.ice.TransportAddress.isIpLiteral(sni.get())) {
                    throw new IllegalArgumentException(sni.get() + ": an IP address (expected: a DNS name)");
                }
            }
            return new ProbeModule(name, kind, new ModuleSettings(port, udp, sni, timeout, creds, pins));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": " + e.getMessage());
        }
    }

    private static CredentialSource credentials(JsonNode n, String where) throws ConfigException {
        if (!n.isObject()) {
            throw new ConfigException(where + ": expected {username, password_env | password_file}");
        }
        keys(n, CREDENTIALS, where + ".");
        if (n.has("password")) {
            throw new ConfigException(where + ".password: passwords are never written in the config; name a "
                    + "password_env variable or a password_file");
        }
        if (!n.has("username")) {
            throw new ConfigException(where + ".username: missing");
        }
        Optional<String> env = n.has("password_env") ? Optional.of(string(n.get("password_env"), where + ".password_env"))
                : Optional.empty();
        Optional<Path> file = n.has("password_file")
                ? Optional.of(Path.of(string(n.get("password_file"), where + ".password_file"))) : Optional.empty();
        try {
            return new CredentialSource(string(n.get("username"), where + ".username"), env, file);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": " + e.getMessage());
        }
    }

    private static void keys(JsonNode n, Set<String> known, String where) throws ConfigException {
        for (String k : n.propertyNames()) {
            if (!known.contains(k)) {
                throw new ConfigException(where + Labels.bound(k) + ": unknown key (expected one of "
                        + known.stream().sorted().toList() + ")");
            }
        }
    }

    private static String string(JsonNode n, String where) throws ConfigException {
        if (n == null || !n.isString()) {
            throw new ConfigException(where + ": expected a string");
        }
        String s = n.stringValue();
        if (s.isEmpty() || s.length() > 4096) {
            throw new ConfigException(where + ": expected 1 to 4096 characters");
        }
        return s;
    }

    private static int integer(JsonNode n, String where, int min, int max) throws ConfigException {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
            throw new ConfigException(where + ": expected a whole number " + min + " ~ " + max);
        }
        return n.intValue();
    }

    /** {@code 500ms}, {@code 8s}, {@code 1.5s}, or a number of seconds. */
    static Duration duration(JsonNode n, String where) throws ConfigException {
        String why = where + ": expected a duration such as 500ms or 8s (at most "
                + ModuleSettings.MAX_TIMEOUT.toSeconds() + " s)";
        double seconds;
        if (n.isNumber()) {
            seconds = n.doubleValue();
        } else if (n.isString()) {
            String s = n.stringValue().strip();
            try {
                if (s.matches("[0-9]{1,6}(\\.[0-9]{1,3})?ms")) {
                    seconds = Double.parseDouble(s.substring(0, s.length() - 2)) / 1000;
                } else if (s.matches("[0-9]{1,4}(\\.[0-9]{1,3})?s?")) {
                    seconds = Double.parseDouble(s.endsWith("s") ? s.substring(0, s.length() - 1) : s);
                } else {
                    throw new ConfigException(why);
                }
            } catch (NumberFormatException e) {
                throw new ConfigException(why);
            }
        } else {
            throw new ConfigException(why);
        }
        if (!(seconds > 0) || seconds > ModuleSettings.MAX_TIMEOUT.toSeconds()) {
            throw new ConfigException(why);
        }
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }

    private static String kinds() {
        return java.util.Arrays.stream(ProberKind.values()).map(ProberKind::id).toList().toString();
    }
}
