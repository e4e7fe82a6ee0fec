package io.mediapath.turn.internal;

import io.mediapath.turn.StunTimers;

/**
 * The schedule of one STUN transaction under a {@link StunTimers} profile (RFC 8489 §6.2.1), for both dialects:
 * over UDP the request is sent {@code rc} times, the gaps doubling from {@code rto}, and the last send waits
 * {@code rm × rto}; over TCP/TLS it is sent once and waits {@code ti}. The RFC client's transactions and the MS-TURN
 * client's Allocates both ask it, so one profile means the same waits in both.
 */
public final class Retransmissions {
    private Retransmissions() {
    }

    /** How long to wait after the {@code sent}-th send (1-based) before the next send, or before giving up. */
    public static long waitMillis(StunTimers t, boolean stream, int sent) {
        if (stream) {
            return t.ti().toMillis();
        }
        if (sent < t.rc()) {
            return t.rto().toMillis() << Math.min(sent - 1, 30);
        }
        return t.rm() * t.rto().toMillis();
    }

    /** Whether the {@code sent}-th send is the last: its wait ends the transaction. */
    public static boolean isLast(StunTimers t, boolean stream, int sent) {
        return stream || sent >= t.rc();
    }
}
