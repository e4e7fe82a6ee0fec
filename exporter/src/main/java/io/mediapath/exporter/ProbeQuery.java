package io.mediapath.exporter;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A {@code /probe} request: {@code target} and {@code module} from the query string, and the time budget from
 * Prometheus' {@code X-Prometheus-Scrape-Timeout-Seconds} header minus {@link #MARGIN} (so the answer is back before
 * Prometheus gives up). Anything else in the query is refused, credential-like parameters with a reason of their own.
 *
 * @param target the target
 * @param module the module's name (looked up by the caller)
 * @param budget the time the probe may take; empty header: the module's timeout applies
 */
public record ProbeQuery(ProbeTarget target, String module, Duration budget) {

    /** The longest query string accepted. */
    public static final int MAX_QUERY = 2048;
    /** Subtracted from the scrape timeout: writing the answer and the network back to Prometheus. */
    public static final Duration MARGIN = Duration.ofMillis(500);
    /** The budget when Prometheus sends no timeout header: the module's timeout then caps it. */
    public static final Duration NO_HEADER = ModuleSettings.MAX_TIMEOUT;

    private static final Set<String> SECRETS = Set.of("password", "pass", "passwd", "username", "user", "secret",
            "credential", "credentials", "token", "key", "auth");

    public ProbeQuery {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(budget, "budget");
    }

    /** A request that cannot be served: the reason is the 400 body. */
    public static final class BadQueryException extends Exception {
        private static final long serialVersionUID = 1L;

        BadQueryException(String reason) {
            super(reason);
        }
    }

    /**
     * Parses a raw (still percent-encoded) query string and the scrape-timeout header.
     *
     * @param rawQuery      the query string, or null
     * @param timeoutHeader the header's value, or null
     * @throws BadQueryException with a one-line reason
     */
    public static ProbeQuery parse(String rawQuery, String timeoutHeader) throws BadQueryException {
        if (rawQuery == null || rawQuery.isEmpty()) {
            throw new BadQueryException("missing target and module (expected: /probe?target=HOST[:PORT]&module=NAME)");
        }
        if (rawQuery.length() > MAX_QUERY) {
            throw new BadQueryException("query longer than " + MAX_QUERY + " characters");
        }
        String target = null;
        String module = null;
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq >= 0 ? pair.substring(0, eq) : pair);
            String value = eq >= 0 ? decode(pair.substring(eq + 1)) : "";
            String k = key.toLowerCase(Locale.ROOT);
            if (SECRETS.contains(k) || k.contains("password") || k.contains("secret")) {
                throw new BadQueryException("parameter " + Labels.bound(key) + ": credentials are never taken from "
                        + "the URL; name a password_env or password_file in the module's config");
            }
            switch (key) {
                case "target" -> {
                    if (target != null) {
                        throw new BadQueryException("target given twice");
                    }
                    target = value;
                }
                case "module" -> {
                    if (module != null) {
                        throw new BadQueryException("module given twice");
                    }
                    module = value;
                }
                default -> throw new BadQueryException("unknown parameter " + Labels.bound(key)
                        + " (expected: target, module)");
            }
        }
        if (target == null || target.isEmpty()) {
            throw new BadQueryException("missing target (expected: target=HOST[:PORT])");
        }
        if (module == null || module.isEmpty()) {
            throw new BadQueryException("missing module (expected: module=NAME; see / for the list)");
        }
        ProbeTarget t;
        try {
            t = ProbeTarget.parse(target);
        } catch (IllegalArgumentException e) {
            throw new BadQueryException("target: " + Labels.bound(e.getMessage()));
        }
        return new ProbeQuery(t, module, budget(timeoutHeader));
    }

    /** The budget for a scrape timeout header (null: {@link #NO_HEADER}). */
    static Duration budget(String header) throws BadQueryException {
        if (header == null) {
            return NO_HEADER;
        }
        String h = header.strip();
        if (!h.matches("[0-9]{1,6}(\\.[0-9]{1,9})?")) {
            throw new BadQueryException("X-Prometheus-Scrape-Timeout-Seconds: " + Labels.bound(h)
                    + " (expected: seconds, e.g. 10 or 9.5)");
        }
        double s = Double.parseDouble(h);
        if (!(s > 0)) {
            throw new BadQueryException("X-Prometheus-Scrape-Timeout-Seconds: " + h + " (expected: more than 0)");
        }
        long ms = Math.round(s * 1000);
        long margin = MARGIN.toMillis();
        // Short timeouts keep half rather than nothing: a 0.6 s scrape still gets a 300 ms probe.
        return Duration.ofMillis(Math.max(Math.max(1, ms / 2), ms - margin));
    }

    private static String decode(String s) throws BadQueryException {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadQueryException("malformed percent-encoding in the query");
        }
    }
}
