package io.mediapath.turn;

import java.time.Duration;
import java.util.Objects;

/**
 * The timer profile of every network wait of a TURN/STUN exchange, in both dialects (RFC and MS-TURN): the STUN
 * transaction timers of RFC 8489 §6.2.1 and the connection set-up waits. Over UDP a request is sent {@code rc} times,
 * the gaps doubling from {@code rto}, and the last one waits {@code rm × rto}; over TCP/TLS it is sent once and waits
 * {@code ti}. A TCP connect waits at most {@code connect}, and so does, separately, the TLS or pseudo-TLS handshake
 * after it.
 *
 * @param rto     initial retransmission timeout
 * @param rc      number of requests sent over UDP (1 to 16)
 * @param rm      multiple of rto waited after the last request
 * @param ti      transaction timeout over TCP/TLS
 * @param connect the longest TCP connect, and the longest TLS or pseudo-TLS handshake after it
 */
public record StunTimers(Duration rto, int rc, int rm, Duration ti, Duration connect) {
    /** RFC 8489 defaults: 500 ms, 7, 16, 39.5 s (a UDP transaction gives up at 39.5 s); connect 10 s. */
    public static final StunTimers RFC8489 = new StunTimers(Duration.ofMillis(500), 7, 16, Duration.ofMillis(39_500),
            Duration.ofSeconds(10));
    /**
     * The diagnostics profile: 250 ms, 4 requests, Rm 4, so a UDP transaction gives up after 2.75 s, and every
     * other wait (TCP connect, TLS or pseudo-TLS handshake, a TCP/TLS transaction) after 2.75 s too. Fast enough to
     * tell an operator "no answer" within seconds; report the RFC default separately when it matters.
     */
    public static final StunTimers FAST = new StunTimers(Duration.ofMillis(250), 4, 4, Duration.ofMillis(2_750),
            Duration.ofMillis(2_750));

    public StunTimers {
        Objects.requireNonNull(rto, "rto");
        Objects.requireNonNull(ti, "ti");
        Objects.requireNonNull(connect, "connect");
        if (rto.isNegative() || rto.isZero() || ti.isNegative() || ti.isZero() || connect.isNegative()
                || connect.isZero()) {
            throw new IllegalArgumentException("timers must be positive");
        }
        if (rc < 1 || rc > 16 || rm < 1 || rm > 64) {
            throw new IllegalArgumentException("rc: " + rc + ", rm: " + rm + " (expected: 1 ~ 16, 1 ~ 64)");
        }
    }

    /** Transaction timers with the RFC profile's 10 s connect and handshake waits. */
    public StunTimers(Duration rto, int rc, int rm, Duration ti) {
        this(rto, rc, rm, ti, RFC8489_CONNECT);
    }

    private static final Duration RFC8489_CONNECT = Duration.ofSeconds(10);

    /** These timers with another connect and handshake wait. */
    public StunTimers withConnect(Duration connect) {
        return new StunTimers(rto, rc, rm, ti, connect);
    }

    /**
     * These timers with no wait longer than {@code max}, for a caller with a deadline: the TCP connect, the handshake
     * and {@code ti} are cut to {@code max}; a UDP transaction that would last longer first waits less after its last
     * request (a smaller {@code rm}), then sends fewer requests (a smaller {@code rc}), keeping {@code rto}, so that it
     * still retransmits when it can; only an {@code rto} longer than {@code max} becomes one request waiting
     * {@code max}. Timers that already fit are returned as they are.
     */
    public StunTimers within(Duration max) {
        Objects.requireNonNull(max, "max");
        if (max.isNegative() || max.isZero()) {
            throw new IllegalArgumentException("max: " + max + " (expected: positive)");
        }
        Duration newTi = ti.compareTo(max) > 0 ? max : ti;
        Duration newConnect = connect.compareTo(max) > 0 ? max : connect;
        if (udpTimeout().compareTo(max) <= 0) {
            return newTi == ti && newConnect == connect ? this : new StunTimers(rto, rc, rm, newTi, newConnect);
        }
        long limit = max.toMillis();
        long r = rto.toMillis();
        for (int sends = rc; sends >= 1; sends--) {
            long gaps = 0;
            long gap = r;
            for (int i = 1; i < sends; i++) {
                gaps += gap;
                gap *= 2;
            }
            if (gaps + r <= limit) {
                int lastWait = (int) Math.min(rm, (limit - gaps) / r);
                return new StunTimers(rto, sends, lastWait, newTi, newConnect);
            }
        }
        return new StunTimers(max, 1, 1, newTi, newConnect);
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

    /** How long one transaction lasts over {@code transport}: {@link #udpTimeout()} over UDP, {@code ti} otherwise. */
    public Duration transactionTimeout(boolean udp) {
        return udp ? udpTimeout() : ti;
    }
}
