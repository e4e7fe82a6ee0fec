package io.mediapath.turn;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What to ask for in an Allocate (RFC 8656 §7.1).
 *
 * @param transport              REQUESTED-TRANSPORT: 17 (UDP relay) or 6 (TCP relay, RFC 6062)
 * @param requestedAddressFamily REQUESTED-ADDRESS-FAMILY: 1 IPv4, 2 IPv6; empty to let the server pick (IPv4)
 * @param lifetime               LIFETIME to request in seconds; empty for the server default (600 s)
 * @param autoRefresh            refresh the allocation, its permissions and channels before they expire
 */
public record AllocateOptions(int transport, OptionalInt requestedAddressFamily, OptionalLong lifetime,
        boolean autoRefresh) {
    /** A UDP relay, server-chosen family and lifetime, refreshed automatically. */
    public static final AllocateOptions DEFAULT = new AllocateOptions(17, OptionalInt.empty(), OptionalLong.empty(), true);

    /** An RFC 6062 TCP relay (REQUESTED-TRANSPORT 6; the control connection must be TCP or TLS), refreshed. */
    public static final AllocateOptions TCP = new AllocateOptions(6, OptionalInt.empty(), OptionalLong.empty(), true);

    public AllocateOptions {
        Objects.requireNonNull(requestedAddressFamily, "requestedAddressFamily");
        Objects.requireNonNull(lifetime, "lifetime");
    }

    /** These options with REQUESTED-ADDRESS-FAMILY {@code family} (1 IPv4, 2 IPv6). */
    public AllocateOptions withAddressFamily(int family) {
        return new AllocateOptions(transport, OptionalInt.of(family), lifetime, autoRefresh);
    }

    /** These options with LIFETIME {@code seconds}. */
    public AllocateOptions withLifetime(long seconds) {
        return new AllocateOptions(transport, requestedAddressFamily, OptionalLong.of(seconds), autoRefresh);
    }

    /** These options with automatic refresh on or off. */
    public AllocateOptions withAutoRefresh(boolean on) {
        return new AllocateOptions(transport, requestedAddressFamily, lifetime, on);
    }
}
