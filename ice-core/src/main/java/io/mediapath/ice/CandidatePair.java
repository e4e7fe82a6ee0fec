package io.mediapath.ice;

import java.util.Objects;

/**
 * A local and a remote candidate that a connectivity check could try, with the RFC 8445 §6.1.2.3 pair priority.
 *
 * @param local    the local candidate (after pruning: the base of a server-reflexive one)
 * @param remote   the remote candidate
 * @param priority {@code 2^32*MIN(G,D) + 2*MAX(G,D) + (G>D?1:0)}, G being the controlling agent's candidate priority
 */
public record CandidatePair(IceCandidate local, IceCandidate remote, long priority) {

    public CandidatePair {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
    }

    /**
     * RFC 8445 §6.1.2.3 pair priority; 64-bit, so it is a {@code long} (at most 2^63 - 2^33 + ... fits because
     * both inputs are below 2^31).
     *
     * @param controlling priority of the controlling agent's candidate (G), 1 to 2^31-1
     * @param controlled  priority of the controlled agent's candidate (D), 1 to 2^31-1
     */
    public static long pairPriority(long controlling, long controlled) {
        check(controlling, "controlling");
        check(controlled, "controlled");
        long min = Math.min(controlling, controlled);
        long max = Math.max(controlling, controlled);
        return (min << 32) + 2 * max + (controlling > controlled ? 1 : 0);
    }

    private static void check(long p, String name) {
        if (p < 1 || p > Priority.MAX) {
            throw new IllegalArgumentException(name + " priority: " + p + " (expected: 1 ~ 2^31-1)");
        }
    }

    /** The component both candidates belong to. */
    public int component() {
        return local.component();
    }

    @Override
    public String toString() {
        return local + " -> " + remote + " [" + Long.toUnsignedString(priority) + "]";
    }
}
