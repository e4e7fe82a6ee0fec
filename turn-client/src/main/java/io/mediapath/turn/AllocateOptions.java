package io.mediapath.turn;

import io.mediapath.turn.stun.Attributes;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What to ask for in an Allocate (RFC 8656 §7.1); start from {@link #defaults()}, {@link #tcp()} or
 * {@link #builder()}.
 *
 * @param transport              REQUESTED-TRANSPORT: 17 (UDP relay) or 6 (TCP relay, RFC 6062)
 * @param requestedAddressFamily REQUESTED-ADDRESS-FAMILY: 1 IPv4, 2 IPv6; empty to let the server pick (IPv4)
 * @param lifetime               LIFETIME to request in seconds; empty for the server default (600 s)
 * @param autoRefresh            refresh the allocation, its permissions and channels before they expire
 */
public record AllocateOptions(int transport, OptionalInt requestedAddressFamily, OptionalLong lifetime,
        boolean autoRefresh) {
    private static final AllocateOptions DEFAULTS = new AllocateOptions(Attributes.TRANSPORT_UDP, OptionalInt.empty(),
            OptionalLong.empty(), true);

    public AllocateOptions {
        Objects.requireNonNull(requestedAddressFamily, "requestedAddressFamily");
        Objects.requireNonNull(lifetime, "lifetime");
    }

    /** A UDP relay, server-chosen family and lifetime, refreshed automatically. */
    public static AllocateOptions defaults() {
        return DEFAULTS;
    }

    /** An RFC 6062 TCP relay (REQUESTED-TRANSPORT 6; the control connection must be TCP or TLS), refreshed. */
    public static AllocateOptions tcp() {
        return builder().transport(Attributes.TRANSPORT_TCP).build();
    }

    /** A builder starting from the {@linkplain #defaults() defaults}. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.transport = transport;
        b.requestedAddressFamily = requestedAddressFamily;
        b.lifetime = lifetime;
        b.autoRefresh = autoRefresh;
        return b;
    }

    /** Builds {@link AllocateOptions}. */
    public static final class Builder {
        private int transport;
        private OptionalInt requestedAddressFamily;
        private OptionalLong lifetime;
        private boolean autoRefresh;

        private Builder() {
        }

        /** REQUESTED-TRANSPORT: {@link Attributes#TRANSPORT_UDP} (17) or {@link Attributes#TRANSPORT_TCP} (6). */
        public Builder transport(int protocol) {
            if (protocol != Attributes.TRANSPORT_UDP && protocol != Attributes.TRANSPORT_TCP) {
                throw new IllegalArgumentException("transport: " + protocol + " (expected: 17 (UDP) or 6 (TCP))");
            }
            this.transport = protocol;
            return this;
        }

        /** REQUESTED-ADDRESS-FAMILY {@code family} (1 IPv4, 2 IPv6). */
        public Builder addressFamily(int family) {
            this.requestedAddressFamily = OptionalInt.of(family);
            return this;
        }

        /** LIFETIME {@code seconds}. */
        public Builder lifetime(long seconds) {
            if (seconds < 0) {
                throw new IllegalArgumentException("lifetime: " + seconds + " (expected: >= 0)");
            }
            this.lifetime = OptionalLong.of(seconds);
            return this;
        }

        /** Automatic refresh on or off. */
        public Builder autoRefresh(boolean on) {
            this.autoRefresh = on;
            return this;
        }

        /** The options. */
        public AllocateOptions build() {
            return new AllocateOptions(transport, requestedAddressFamily, lifetime, autoRefresh);
        }
    }
}
