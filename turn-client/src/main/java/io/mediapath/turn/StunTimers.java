package io.mediapath.turn;

import java.time.Duration;
import java.util.Objects;

/**
 * STUN transaction timers (RFC 8489 §6.2.1). Over UDP a request is sent {@code rc} times, the gaps doubling from
 * {@code rto}, and the last one waits {@code rm × rto}; over TCP/TLS it is sent once and waits {@code ti}.
 *
 * @param rto initial retransmission timeout
 * @param rc  number of requests sent over UDP (1 to 16)
 * @param rm  multiple of rto waited after the last request
 * @param ti  transaction timeout over TCP/TLS
 */
public record StunTimers(Duration rto, int rc, int rm, Duration ti) {
    /** RFC 8489 defaults: 500 ms, 7, 16, 39.5 s (a UDP transaction gives up at 39.5 s). */
    public static final StunTimers RFC8489 = new StunTimers(Duration.ofMillis(500), 7, 16, Duration.ofMillis(39_500));
    /**
     * The diagnostics profile: 250 ms, 4 requests, Rm 4 (gives up after 2.75 s), Ti 5 s. Fast enough to tell an
     * operator "no answer" within seconds; report the RFC default separately when it matters.
     */
    public static final StunTimers FAST = new StunTimers(Duration.ofMillis(250), 4, 4, Duration.ofSeconds(5));

    public StunTimers {
        Objects.requireNonNull(rto, "rto");
        Objects.requireNonNull(ti, "ti");
        if (rto.isNegative() || rto.isZero() || ti.isNegative() || ti.isZero()) {
            throw new IllegalArgumentException("timers must be positive");
        }
        if (rc < 1 || rc > 16 || rm < 1 || rm > 64) {
            throw new IllegalArgumentException("rc: " + rc + ", rm: " + rm + " (expected: 1 ~ 16, 1 ~ 64)");
        }
    }

    /** How long a UDP transaction lasts before it times out. */
    public Duration udpTimeout() {
        long total = 0;
        long gap = rto.toMillis();
        for (int i = 1; i < rc; i++) {
            total += gap;
            gap *= 2;
        }
        return Duration.ofMillis(total + rm * rto.toMillis());
    }
}
