package io.mediapath.turn.msturn;

import io.mediapath.ice.probe.ProbeListener;
import io.mediapath.ice.probe.WirePayload;
import io.mediapath.turn.HttpProxy;
import io.mediapath.turn.StunTimers;
import io.mediapath.turn.TurnCredentials;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Immutable settings of an {@link MsTurnClient} (and of an {@link MsTurnProbe}); start from {@link #defaults()} or
 * {@link #builder()}. The same shape as the RFC client's {@code TurnClientOptions}: one {@link StunTimers} profile
 * governs every wait, the local address binds every connection, and a listener receives the timeline.
 */
public final class MsTurnOptions {
    /**
     * Default MS-VERSION 3. MS-VERSION 3 is the first that carries HMAC-SHA256 integrity and is what svens/turner's
     * Lync-era vector uses; a Lync 2013 client may announce 4 (IPv6) or more, but 4+ promises IPv6 allocations and
     * 5/6 multiplexed TURN, which this client does not implement, so announcing them would be dishonest.
     */
    public static final int DEFAULT_MS_VERSION = 3;

    private final TurnCredentials credentials;
    private final int msVersion;
    private final int lifetime;
    private final StunTimers timers;
    private final boolean rfcProbeOnSilence;
    private final InetAddress localAddress;
    private final ProbeListener listener;
    private final Consumer<WirePayload> wireListener;
    private final HttpProxy proxy;

    private MsTurnOptions(Builder b) {
        this.credentials = b.credentials;
        this.msVersion = b.msVersion;
        this.lifetime = b.lifetime;
        this.timers = b.timers;
        this.rfcProbeOnSilence = b.rfcProbeOnSilence;
        this.localAddress = b.localAddress;
        this.listener = b.listener;
        this.wireListener = b.wireListener;
        this.proxy = b.proxy;
    }

    /** No credentials (stop at the 401), MS-VERSION {@value #DEFAULT_MS_VERSION}, RFC 8489 timers, LIFETIME 600. */
    public static MsTurnOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.credentials = credentials;
        b.msVersion = msVersion;
        b.lifetime = lifetime;
        b.timers = timers;
        b.rfcProbeOnSilence = rfcProbeOnSilence;
        b.localAddress = localAddress;
        b.listener = listener;
        b.wireListener = wireListener;
        b.proxy = proxy;
        return b;
    }

    /**
     * The MRAS-issued long-term credentials; empty: the exchange stops after the 401 challenge (which already proves
     * the path) and sends no USERNAME.
     */
    public Optional<TurnCredentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /** The MS-VERSION announced. */
    public int msVersion() {
        return msVersion;
    }

    /** The LIFETIME requested, in seconds. */
    public int lifetime() {
        return lifetime;
    }

    /**
     * Every wait: the TCP connect and the pseudo-TLS answer wait {@link StunTimers#connect()}, a UDP Allocate
     * retransmits as {@link StunTimers#rto()}, {@link StunTimers#rc()} and {@link StunTimers#rm()} say, a TCP one
     * waits {@link StunTimers#ti()}. The UDP silence check ({@link #rfcProbeOnSilence()}) is one more transaction.
     */
    public StunTimers timers() {
        return timers;
    }

    /** Whether UDP silence is followed by one credential-less RFC 5389 Binding to classify it. */
    public boolean rfcProbeOnSilence() {
        return rfcProbeOnSilence;
    }

    /** The local IP every connection binds (port chosen by the system); empty lets the routing table choose. */
    public Optional<InetAddress> localAddress() {
        return Optional.ofNullable(localAddress);
    }

    /** Receives the timeline (connect, pseudo-TLS, each request, retransmission and answer); never secrets. */
    public ProbeListener listener() {
        return listener;
    }

    /**
     * Receives, on the event loop, every payload the client's sockets write or read (the pseudo-TLS hello and
     * answer, each MS-TURN frame or datagram), and a zero-byte payload when a TCP connect completes: what a ladder
     * diagram or a reconstructed capture is drawn from. Empty: nothing is copied.
     */
    public Optional<Consumer<WirePayload>> wireListener() {
        return Optional.ofNullable(wireListener);
    }

    /**
     * The explicit HTTP proxy TCP connections go through with {@code CONNECT} (the pseudo-TLS hello and the framed
     * MS-TURN messages then travel in the tunnel), as the RFC client's {@code TurnClientOptions.proxy}; UDP never
     * uses it. A 407 is {@link io.mediapath.turn.TurnException.Kind#PROXY_AUTH_REQUIRED}, the proxy's, never the
     * Edge's authentication.
     */
    public Optional<HttpProxy> proxy() {
        return Optional.ofNullable(proxy);
    }

    @Override
    public String toString() {
        return "MsTurnOptions[credentials=" + credentials + ", msVersion=" + msVersion + ", lifetime=" + lifetime
                + ", timers=" + timers + ", rfcProbeOnSilence=" + rfcProbeOnSilence + ", localAddress="
                + localAddress + (proxy == null ? "" : ", proxy=" + proxy) + "]";
    }

    /** Builds {@link MsTurnOptions}. */
    public static final class Builder {
        private TurnCredentials credentials;
        private int msVersion = DEFAULT_MS_VERSION;
        private int lifetime = 600;
        private StunTimers timers = StunTimers.RFC8489;
        private boolean rfcProbeOnSilence = true;
        private InetAddress localAddress;
        private ProbeListener listener = ProbeListener.NONE;
        private Consumer<WirePayload> wireListener;
        private HttpProxy proxy;

        private Builder() {
        }

        /** The credentials (null: none); see {@link MsTurnOptions#credentials()}. */
        public Builder credentials(TurnCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /** The credentials as user and password; see {@link MsTurnOptions#credentials()}. */
        public Builder credentials(String username, String password) {
            return credentials(new TurnCredentials(username, password));
        }

        /** The MS-VERSION to announce (1..6). Below 3 selects HMAC-SHA1 integrity. */
        public Builder msVersion(int version) {
            if (version < 1 || version > 6) {
                throw new IllegalArgumentException("msVersion: " + version + " (expected: 1 ~ 6)");
            }
            this.msVersion = version;
            return this;
        }

        /** The LIFETIME to request, in seconds. */
        public Builder lifetime(int seconds) {
            if (seconds < 0) {
                throw new IllegalArgumentException("lifetime: " + seconds + " (expected: >= 0)");
            }
            this.lifetime = seconds;
            return this;
        }

        /** The whole timer profile ({@link StunTimers#RFC8489}, {@link StunTimers#FAST}, or your own). */
        public Builder timers(StunTimers timers) {
            this.timers = Objects.requireNonNull(timers, "timers");
            return this;
        }

        /** TCP connect and pseudo-TLS answer wait of the current profile ({@link StunTimers#withConnect}). */
        public Builder connectTimeout(Duration timeout) {
            this.timers = timers.withConnect(timeout);
            return this;
        }

        /** Whether UDP silence is followed by one credential-less RFC 5389 Binding to classify. */
        public Builder rfcProbeOnSilence(boolean enabled) {
            this.rfcProbeOnSilence = enabled;
            return this;
        }

        /** The local IP to connect from (null: the routing table's choice). */
        public Builder localAddress(InetAddress ip) {
            this.localAddress = ip;
            return this;
        }

        /** Timeline listener. */
        public Builder listener(ProbeListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The wire listener (null: none); see {@link MsTurnOptions#wireListener()}. A listener that throws is ignored. */
        public Builder wireListener(Consumer<WirePayload> listener) {
            this.wireListener = listener;
            return this;
        }

        /** The explicit HTTP proxy for TCP (null: none); see {@link MsTurnOptions#proxy()}. */
        public Builder proxy(HttpProxy proxy) {
            this.proxy = proxy;
            return this;
        }

        /** The options. */
        public MsTurnOptions build() {
            if (timers.connect().toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("connect: " + timers.connect() + " (too long)");
            }
            return new MsTurnOptions(this);
        }
    }
}
