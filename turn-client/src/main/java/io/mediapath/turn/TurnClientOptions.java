package io.mediapath.turn;

import io.mediapath.ice.probe.ProbeListener;
import io.mediapath.turn.stun.PasswordPreparation;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.TrustManagerFactory;

/**
 * Immutable settings of a {@link TurnClient}; start from {@link #defaults()} or {@link #builder()}.
 */
public final class TurnClientOptions {
    private final StunTimers timers;
    private final String software;
    private final TrustManagerFactory trust;
    private final boolean hostnameVerification;
    private final int maxRedirects;
    private final Duration allocationRefreshMargin;
    private final Duration permissionRefresh;
    private final Duration channelRefresh;
    private final PasswordPreparation passwordPreparation;
    private final ProbeListener listener;
    private final java.net.InetAddress localAddress;
    private final HttpProxy proxy;

    private TurnClientOptions(Builder b) {
        this.timers = b.timers;
        this.software = b.software;
        this.trust = b.trust;
        this.hostnameVerification = b.hostnameVerification;
        this.maxRedirects = b.maxRedirects;
        this.allocationRefreshMargin = b.allocationRefreshMargin;
        this.permissionRefresh = b.permissionRefresh;
        this.channelRefresh = b.channelRefresh;
        this.passwordPreparation = b.passwordPreparation;
        this.listener = b.listener;
        this.localAddress = b.localAddress;
        this.proxy = b.proxy;
    }

    /** RFC 8489 timers, JDK trust store, hostname verification on, one redirect, refreshes at 240 s / 540 s. */
    public static TurnClientOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.timers = timers;
        b.software = software;
        b.trust = trust;
        b.hostnameVerification = hostnameVerification;
        b.maxRedirects = maxRedirects;
        b.allocationRefreshMargin = allocationRefreshMargin;
        b.permissionRefresh = permissionRefresh;
        b.channelRefresh = channelRefresh;
        b.passwordPreparation = passwordPreparation;
        b.listener = listener;
        b.localAddress = localAddress;
        b.proxy = proxy;
        return b;
    }

    /** The timer profile: transactions, connect and handshake. */
    public StunTimers timers() {
        return timers;
    }

    /** TCP connect timeout, and separately the TLS handshake's: {@code timers().connect()}. */
    public Duration connectTimeout() {
        return timers.connect();
    }

    /** SOFTWARE sent in requests; empty sends none. */
    public Optional<String> software() {
        return Optional.ofNullable(software);
    }

    /** Trust for TLS; empty means the JDK's default trust store. */
    public Optional<TrustManagerFactory> trust() {
        return Optional.ofNullable(trust);
    }

    /** Whether the server certificate must match the host name (or IP) connected to. */
    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /** How many 300 Try Alternate redirections are followed. */
    public int maxRedirects() {
        return maxRedirects;
    }

    /** How long before an allocation expires it is refreshed. */
    public Duration allocationRefreshMargin() {
        return allocationRefreshMargin;
    }

    /** Permission refresh interval (permissions last 300 s). */
    public Duration permissionRefresh() {
        return permissionRefresh;
    }

    /** Channel binding refresh interval (bindings last 600 s). */
    public Duration channelRefresh() {
        return channelRefresh;
    }

    /** Password preparation before key derivation. */
    public PasswordPreparation passwordPreparation() {
        return passwordPreparation;
    }

    /** Receives the timeline (connects, transactions, retransmissions); never secrets. */
    public ProbeListener listener() {
        return listener;
    }

    /**
     * The local IP every connection binds (port chosen by the system): which interface of a multi-homed host
     * probes. Empty lets the routing table choose.
     */
    public Optional<java.net.InetAddress> localAddress() {
        return Optional.ofNullable(localAddress);
    }

    /**
     * The explicit HTTP proxy TCP and TLS connections go through with {@code CONNECT}; empty connects directly. UDP
     * never goes through it.
     */
    public Optional<HttpProxy> proxy() {
        return Optional.ofNullable(proxy);
    }

    /** Builds {@link TurnClientOptions}. */
    public static final class Builder {
        private StunTimers timers = StunTimers.RFC8489;
        private String software = "mediapath";
        private TrustManagerFactory trust;
        private boolean hostnameVerification = true;
        private int maxRedirects = 1;
        private Duration allocationRefreshMargin = Duration.ofSeconds(60);
        private Duration permissionRefresh = Duration.ofSeconds(240);
        private Duration channelRefresh = Duration.ofSeconds(540);
        private PasswordPreparation passwordPreparation = PasswordPreparation.OPAQUE_STRING;
        private ProbeListener listener = ProbeListener.NONE;
        private java.net.InetAddress localAddress;
        private HttpProxy proxy;

        private Builder() {
        }

        /**
         * The whole timer profile ({@link StunTimers#RFC8489} or {@link StunTimers#FAST}, or your own), connect and
         * handshake waits included: it replaces an earlier {@link #connectTimeout(Duration)}.
         */
        public Builder timers(StunTimers t) {
            this.timers = Objects.requireNonNull(t);
            return this;
        }

        /** TCP connect and TLS handshake timeout of the current profile ({@link StunTimers#withConnect}). */
        public Builder connectTimeout(Duration d) {
            this.timers = timers.withConnect(positive(d));
            return this;
        }

        /** SOFTWARE to send, or null for none. */
        public Builder software(String s) {
            this.software = s;
            return this;
        }

        /** Trust material for TLS (e.g. a factory initialised with a KeyStore holding a private CA). */
        public Builder trust(TrustManagerFactory tmf) {
            this.trust = tmf;
            return this;
        }

        /** Whether to verify the server's host name against its certificate. */
        public Builder hostnameVerification(boolean on) {
            this.hostnameVerification = on;
            return this;
        }

        /** How many ALTERNATE-SERVER redirections to follow (0 to 5). */
        public Builder maxRedirects(int n) {
            if (n < 0 || n > 5) {
                throw new IllegalArgumentException("maxRedirects: " + n + " (expected: 0 ~ 5)");
            }
            this.maxRedirects = n;
            return this;
        }

        /** Refresh an allocation this long before it expires. */
        public Builder allocationRefreshMargin(Duration d) {
            this.allocationRefreshMargin = positive(d);
            return this;
        }

        /** Permission refresh interval; must stay below 300 s. */
        public Builder permissionRefresh(Duration d) {
            if (positive(d).compareTo(Duration.ofSeconds(300)) >= 0) {
                throw new IllegalArgumentException("permissionRefresh: " + d + " (expected: < 300 s)");
            }
            this.permissionRefresh = d;
            return this;
        }

        /** Channel refresh interval; must stay below 600 s. */
        public Builder channelRefresh(Duration d) {
            if (positive(d).compareTo(Duration.ofSeconds(600)) >= 0) {
                throw new IllegalArgumentException("channelRefresh: " + d + " (expected: < 600 s)");
            }
            this.channelRefresh = d;
            return this;
        }

        /** Password preparation (OpaqueString by default). */
        public Builder passwordPreparation(PasswordPreparation p) {
            this.passwordPreparation = Objects.requireNonNull(p);
            return this;
        }

        /** Timeline listener. */
        public Builder listener(ProbeListener l) {
            this.listener = Objects.requireNonNull(l);
            return this;
        }

        /** Binds every connection to this local IP (null: any); see {@link TurnClientOptions#localAddress()}. */
        public Builder localAddress(java.net.InetAddress ip) {
            this.localAddress = ip;
            return this;
        }

        /** TCP and TLS through this HTTP proxy with {@code CONNECT} (null: directly); see {@link TurnClientOptions#proxy()}. */
        public Builder proxy(HttpProxy proxy) {
            this.proxy = proxy;
            return this;
        }

        /** The options. */
        public TurnClientOptions build() {
            return new TurnClientOptions(this);
        }

        private static Duration positive(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("duration must be positive: " + d);
            }
            return d;
        }
    }
}
