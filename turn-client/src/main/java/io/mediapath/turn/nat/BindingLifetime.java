package io.mediapath.turn.nat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The result of the bounded binding-lifetime search (RFC 5780 §4.6): a mapping was still alive after
 * {@code aliveAfter} of silence and, when {@code expiredAfter} is present, gone after that long. The search stops
 * after {@code probes.size()} probes or when the interval is narrower than its resolution; without an upper bound
 * the lifetime is at least the longest wait tried.
 *
 * @param aliveAfter   the longest silence a mapping survived (zero when none was tried or none survived)
 * @param expiredAfter the shortest silence after which a mapping was gone
 * @param probes       each probe: the silence, whether the server's answer still reached the mapping, its proof
 */
public record BindingLifetime(Duration aliveAfter, Optional<Duration> expiredAfter, List<Probe> probes) {

    public BindingLifetime {
        probes = List.copyOf(probes);
    }

    /** One probe of the search. */
    public record Probe(Duration silence, boolean alive, NatTransaction proof) {
    }

    /** The estimate: the middle of the bracket, or the lower bound when nothing expired. */
    public Duration estimate() {
        return expiredAfter.map(e -> aliveAfter.plus(e).dividedBy(2)).orElse(aliveAfter);
    }

    /** {@code between 3 s and 4 s} or {@code at least 60 s}. */
    public String describe() {
        return expiredAfter.map(e -> "between " + seconds(aliveAfter) + " and " + seconds(e))
                .orElse("at least " + seconds(aliveAfter));
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
