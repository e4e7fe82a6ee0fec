package io.mediapath.turn;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Immutable settings of a {@link TurnProbe}; start from {@link #defaults()} or {@link #builder()}. The same shape as
 * the MS-TURN probe's {@code MsTurnOptions}: the client's options (timers, trust, proxy, local address, listener),
 * the credentials that decide how far the probe goes, and the echo peers of its relay steps.
 */
public final class TurnProbeOptions {
    private final TurnClientOptions client;
    private final TurnCredentials credentials;
    private final InetSocketAddress peer;
    private final InetSocketAddress tcpPeer;
    private final Executor executor;

    private TurnProbeOptions(Builder b) {
        this.client = b.client;
        this.credentials = b.credentials;
        this.peer = b.peer;
        this.tcpPeer = b.tcpPeer;
        this.executor = b.executor;
    }

    /** Default client options, no credentials (stop at the 401), no echo peers, the shared pool of probe runs. */
    public static TurnProbeOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.client = client;
        b.credentials = credentials;
        b.peer = peer;
        b.tcpPeer = tcpPeer;
        b.executor = executor;
        return b;
    }

    /** The options of the {@link TurnClient} each run opens (use {@link StunTimers#FAST} for diagnostics). */
    public TurnClientOptions client() {
        return client;
    }

    /** The long-term credentials; empty: the probe stops after the 401 challenge and sends no USERNAME. */
    public Optional<TurnCredentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /** The UDP echo peer of the {@code relay-echo} step; empty: the step is skipped. */
    public Optional<InetSocketAddress> peer() {
        return Optional.ofNullable(peer);
    }

    /**
     * The TCP echo peer of the RFC 6062 step {@code tcp-relay-echo} (a TCP allocation over the TCP/TLS control
     * connection, Connect to this peer, raw bytes echoed back); empty, or over UDP: the step is not run.
     */
    public Optional<InetSocketAddress> tcpPeer() {
        return Optional.ofNullable(tcpPeer);
    }

    /**
     * Where runs execute. A run waits for each step's outcome before choosing the next, so it holds a thread of the
     * executor until its deadline at most; empty: runs share a small pool of daemon threads (at most 16 at once), and
     * no run starts a thread or an event loop of its own.
     */
    public Optional<Executor> executor() {
        return Optional.ofNullable(executor);
    }

    @Override
    public String toString() {
        return "TurnProbeOptions[credentials=" + credentials + ", peer=" + peer + ", tcpPeer=" + tcpPeer + "]";
    }

    /** Builds {@link TurnProbeOptions}. */
    public static final class Builder {
        private TurnClientOptions client = TurnClientOptions.defaults();
        private TurnCredentials credentials;
        private InetSocketAddress peer;
        private InetSocketAddress tcpPeer;
        private Executor executor;

        private Builder() {
        }

        /** The client options; see {@link TurnProbeOptions#client()}. */
        public Builder client(TurnClientOptions options) {
            this.client = Objects.requireNonNull(options, "client");
            return this;
        }

        /** The credentials (null: none); see {@link TurnProbeOptions#credentials()}. */
        public Builder credentials(TurnCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /** The credentials as user and password; see {@link TurnProbeOptions#credentials()}. */
        public Builder credentials(String username, String password) {
            return credentials(new TurnCredentials(username, password));
        }

        /** The UDP echo peer (null: none); see {@link TurnProbeOptions#peer()}. */
        public Builder peer(InetSocketAddress peer) {
            this.peer = peer;
            return this;
        }

        /** The TCP echo peer (null: none); see {@link TurnProbeOptions#tcpPeer()}. */
        public Builder tcpPeer(InetSocketAddress tcpPeer) {
            this.tcpPeer = tcpPeer;
            return this;
        }

        /** The executor of runs (null: the shared pool); see {@link TurnProbeOptions#executor()}. */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** The options. */
        public TurnProbeOptions build() {
            return new TurnProbeOptions(this);
        }
    }
}
