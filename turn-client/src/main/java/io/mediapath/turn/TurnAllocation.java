package io.mediapath.turn;

import io.mediapath.turn.stun.Attributes;
import io.mediapath.turn.stun.ChannelData;
import io.mediapath.turn.stun.ErrorCode;
import io.mediapath.turn.stun.MessageType;
import io.mediapath.turn.stun.PasswordAlgorithm;
import io.mediapath.turn.stun.StunClass;
import io.mediapath.turn.stun.StunDecodeException;
import io.mediapath.turn.stun.StunMessage;
import io.mediapath.turn.stun.StunMethod;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TURN allocation (RFC 8656) on one {@link StunConnection}: the relayed address, permissions, channels and data.
 * Permissions and channels are refreshed automatically (below 300 s and 600 s), the allocation itself before its
 * lifetime ends, when {@link AllocateOptions#autoRefresh()} is on. Channel numbers stay stable per peer (a lost
 * ChannelBind response is retried with the same number; coturn answers 400 to a new number for a bound peer).
 */
public final class TurnAllocation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TurnAllocation.class);

    private final StunConnection conn;
    private final StunConnection.Auth auth;
    private final List<InetSocketAddress> relayed;
    private final Optional<InetSocketAddress> mapped;
    private final boolean autoRefresh;
    private final Map<InetAddress, ScheduledFuture<?>> permissions = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, Integer> channels = new ConcurrentHashMap<>();
    private final Map<Integer, InetSocketAddress> channelPeers = new ConcurrentHashMap<>();
    private final Map<Integer, ScheduledFuture<?>> channelTimers = new ConcurrentHashMap<>();
    // When each piece lapses on the server (System.nanoTime), so a failed refresh can be retried while it lasts.
    private final Map<InetAddress, Long> permissionExpiry = new ConcurrentHashMap<>();
    private final Map<Integer, Long> channelExpiry = new ConcurrentHashMap<>();
    // Channel numbers handed out but not yet bound, so two concurrent binds of one peer ask for the same number.
    private final Map<InetSocketAddress, Integer> reservedChannels = new java.util.HashMap<>();
    private volatile long allocationExpiry;
    private volatile long lifetime;
    private volatile PeerDataListener listener = (p, d, c) -> { };
    private volatile ScheduledFuture<?> refreshTimer;
    private volatile boolean released;
    private int nextChannel = ChannelData.MIN_CHANNEL;
    private final int transport;
    private volatile java.util.function.Consumer<TcpRelayConnection> acceptor;
    private static final long PERMISSION_LIFETIME_NANOS = TimeUnit.SECONDS.toNanos(300); // RFC 8656 §9
    private static final long CHANNEL_LIFETIME_NANOS = TimeUnit.SECONDS.toNanos(600); // RFC 8656 §12
    private static final long MAX_RETRY_DELAY_MILLIS = 10_000;

    TurnAllocation(StunConnection conn, StunConnection.Auth auth, List<InetSocketAddress> relayed,
            Optional<InetSocketAddress> mapped, long lifetime, boolean autoRefresh, int transport) {
        this.transport = transport;
        this.conn = conn;
        this.auth = auth;
        this.relayed = List.copyOf(relayed);
        this.mapped = mapped;
        this.lifetime = lifetime;
        this.allocationExpiry = System.nanoTime() + TimeUnit.SECONDS.toNanos(lifetime);
        this.autoRefresh = autoRefresh;
        scheduleRefresh();
    }

    /** The connection this allocation lives on (after a redirect, the alternate server's). */
    public StunConnection connection() {
        return conn;
    }

    /** REQUESTED-TRANSPORT of this allocation: 17 UDP relay, 6 TCP relay (RFC 6062). */
    public int requestedTransport() {
        return transport;
    }

    /** True for an RFC 6062 TCP allocation ({@link #connect(InetSocketAddress)}, incoming connections). */
    public boolean isTcp() {
        return transport == Attributes.TRANSPORT_TCP;
    }

    /** The servers that redirected to this allocation's server (300 Try Alternate), first to last; usually empty. */
    public List<InetSocketAddress> redirectedFrom() {
        return conn.redirectedFrom();
    }

    /**
     * RFC 6062 §4.3: opens a TCP connection from the relay to {@code peer}. Sends Connect on the control connection
     * (which needs a permission for the peer, installed here first), opens a data connection of the same transport
     * (TCP or TLS) to the server, and sends ConnectionBind with the CONNECTION-ID and the allocation's credentials.
     * Each step has a deadline (transaction timeout Ti, connect timeout). Failures are {@link TurnException}s:
     * {@code 447} Connection Timeout or Failure (peer refused or unreachable), {@code 446} Connection Already Exists,
     * {@code 403} peer forbidden, {@code 400} not a TCP allocation on the server's side.
     *
     * <p>On a UDP allocation the future fails with {@link IllegalStateException}.
     */
    public CompletableFuture<TcpRelayConnection> connect(InetSocketAddress peer) {
        if (!isTcp()) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "Connect needs a TCP allocation (AllocateOptions.tcp()); this one relays UDP"));
        }
        conn.event("turn.tcp-connect", "Connect to " + peer);
        return createPermission(peer.getAddress())
                .thenCompose(v -> conn.authRequest(auth, () -> StunMessage.builder(MessageType.of(StunMethod.CONNECT,
                        StunClass.REQUEST)).add(Attributes.xorPeerAddress(peer)), "Connect", 0))
                .thenCompose(r -> {
                    java.util.OptionalLong id;
                    try {
                        id = r.connectionId();
                    } catch (StunDecodeException e) {
                        id = java.util.OptionalLong.empty();
                    }
                    if (id.isEmpty()) {
                        return CompletableFuture.failedFuture(new TurnException(TurnException.Kind.PROTOCOL,
                                "Connect success without CONNECTION-ID", r, null));
                    }
                    return bindData(peer, id.getAsLong(), false);
                });
    }

    /**
     * Accepts peer-initiated TCP connections (RFC 6062 §4.4): each ConnectionAttempt indication is answered with a
     * data connection and ConnectionBind; {@code acceptor} gets the bound connection. Without an acceptor, attempts
     * are ignored (the server gives up after 30 s). Failures to bind appear as {@code turn.tcp-accept-failed}
     * timeline events. The peer needs a permission ({@link #createPermission}) before it connects.
     */
    public void onConnectionAttempt(java.util.function.Consumer<TcpRelayConnection> acceptor) {
        this.acceptor = acceptor;
    }

    private CompletableFuture<TcpRelayConnection> bindData(InetSocketAddress peer, long id, boolean incoming) {
        StunConnection.Auth dataAuth = auth.copy();
        return conn.client().connect(conn.server(), conn.transport(), conn.serverName(), true).thenCompose(dc -> {
            TcpRelayConnection h = new TcpRelayConnection(dc, peer, id, incoming);
            dc.rawSink(h::onBytes);
            return bindRequest(dc, dataAuth, id, 0).handle((r, e) -> {
                if (e != null) {
                    dc.close();
                    throw new java.util.concurrent.CompletionException(StunConnection.unwrap(e));
                }
                conn.event("turn.tcp-bound", String.format("connection 0x%08x to %s on %s", id, peer,
                        dc.localAddress()));
                return h;
            });
        });
    }

    /** ConnectionBind; a 401 with a fresh NONCE on the new connection is answered once with that nonce. */
    private CompletableFuture<StunMessage> bindRequest(StunConnection dc, StunConnection.Auth a, long id, int tries) {
        return dc.authRequest(a, () -> StunMessage.builder(MessageType.of(StunMethod.CONNECTION_BIND,
                StunClass.REQUEST)).add(Attributes.connectionId(id)), "ConnectionBind", 0).handle((r, e) -> {
                    if (e == null) {
                        return CompletableFuture.completedFuture(r);
                    }
                    Throwable c = StunConnection.unwrap(e);
                    if (tries == 0 && c instanceof TurnException te && te.errorCode().map(ErrorCode::code).orElse(0)
                            == ErrorCode.UNAUTHENTICATED && te.response().flatMap(StunMessage::nonce).isPresent()
                            && te.response().flatMap(StunMessage::realm).map(a.realm::equals).orElse(false)) {
                        a.nonce = te.response().flatMap(StunMessage::nonce).get();
                        return bindRequest(dc, a, id, 1);
                    }
                    return CompletableFuture.<StunMessage>failedFuture(c);
                }).thenCompose(f -> f);
    }

    /** The relayed transport address (the first, when the server gave two). */
    public InetSocketAddress relayedAddress() {
        return relayed.get(0);
    }

    /** Every relayed address (dual allocations have two). */
    public List<InetSocketAddress> relayedAddresses() {
        return relayed;
    }

    /** The client's server-reflexive address as the server saw it (XOR-MAPPED-ADDRESS), when sent. */
    public Optional<InetSocketAddress> mappedAddress() {
        return mapped;
    }

    /** The lifetime the server granted in its last Allocate/Refresh response, in seconds. */
    public long lifetimeSeconds() {
        return lifetime;
    }

    /** The long-term key algorithm used: SHA-256 when the server offered it, MD5 otherwise. */
    public PasswordAlgorithm passwordAlgorithm() {
        return auth.algorithm;
    }

    /** The integrity attribute used: {@code MESSAGE-INTEGRITY} or {@code MESSAGE-INTEGRITY-SHA256}. */
    public String integrityAttribute() {
        return auth.integrityAttribute();
    }

    /** The realm. */
    public String realm() {
        return auth.realm;
    }

    /** The channel bound to {@code peer}, if any. */
    public Optional<Integer> channel(InetSocketAddress peer) {
        return Optional.ofNullable(channels.get(peer));
    }

    /** Sets the listener for data from peers. */
    public void onData(PeerDataListener l) {
        this.listener = l == null ? (p, d, c) -> { } : l;
    }

    /** Refreshes the allocation with LIFETIME {@code seconds}; 0 deletes it (a 437 on delete counts as done). */
    public CompletableFuture<Long> refresh(long seconds) {
        return conn.authRequest(auth, () -> StunMessage.builder(MessageType.of(StunMethod.REFRESH, StunClass.REQUEST))
                .add(Attributes.lifetime(seconds)), "Refresh", 0).handle((r, e) -> {
                    if (e != null) {
                        Throwable c = StunConnection.unwrap(e);
                        if (seconds == 0 && c instanceof TurnException te
                                && te.errorCode().map(ErrorCode::code).orElse(0) == ErrorCode.ALLOCATION_MISMATCH) {
                            released = true;
                            return 0L;
                        }
                        throw new java.util.concurrent.CompletionException(c);
                    }
                    long granted = r.lifetime().orElse(seconds);
                    lifetime = granted;
                    allocationExpiry = System.nanoTime() + TimeUnit.SECONDS.toNanos(granted);
                    if (seconds == 0) {
                        released = true;
                        cancelTimers();
                    } else {
                        scheduleRefresh();
                    }
                    return granted;
                });
    }

    /** Installs (or refreshes) permissions for the peers' IP addresses in one CreatePermission. */
    public CompletableFuture<Void> createPermission(InetAddress... peers) {
        if (peers.length == 0) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no peer"));
        }
        return conn.authRequest(auth, () -> {
            StunMessage.Builder b = StunMessage.builder(MessageType.of(StunMethod.CREATE_PERMISSION, StunClass.REQUEST));
            for (InetAddress p : peers) {
                b.add(Attributes.xorPeerAddress(new InetSocketAddress(p, 0)));
            }
            return b;
        }, "CreatePermission", 0).thenAccept(r -> {
            long until = System.nanoTime() + PERMISSION_LIFETIME_NANOS;
            for (InetAddress p : peers) {
                permissionExpiry.put(p, until);
                schedulePermissionRefresh(p);
            }
        });
    }

    /**
     * Binds a channel to {@code peer} (which also installs a permission) and returns its number. Re-binding a peer
     * reuses its number, which is also how a binding is refreshed.
     */
    public CompletableFuture<Integer> bindChannel(InetSocketAddress peer) {
        int ch;
        synchronized (this) {
            Integer existing = channels.get(peer);
            if (existing == null) {
                existing = reservedChannels.get(peer);
            }
            if (existing != null) {
                ch = existing;
            } else {
                if (nextChannel > ChannelData.MAX_CHANNEL) {
                    return CompletableFuture.failedFuture(new IllegalStateException("no free channel numbers"));
                }
                ch = nextChannel++;
                reservedChannels.put(peer, ch);
            }
        }
        return bindChannel(peer, ch);
    }

    /** Binds a specific channel number to {@code peer} (for tests of server behaviour). */
    public CompletableFuture<Integer> bindChannel(InetSocketAddress peer, int channel) {
        return conn.authRequest(auth, () -> StunMessage.builder(MessageType.of(StunMethod.CHANNEL_BIND,
                StunClass.REQUEST)).add(Attributes.channelNumber(channel), Attributes.xorPeerAddress(peer)),
                "ChannelBind", 0).thenApply(r -> {
                    long now = System.nanoTime();
                    synchronized (this) {
                        reservedChannels.remove(peer, channel);
                        channels.put(peer, channel);
                    }
                    channelPeers.put(channel, peer);
                    channelExpiry.put(channel, now + CHANNEL_LIFETIME_NANOS);
                    permissionExpiry.put(peer.getAddress(), now + PERMISSION_LIFETIME_NANOS);
                    scheduleChannelRefresh(peer, channel);
                    schedulePermissionRefresh(peer.getAddress());
                    return channel;
                });
    }

    /** Sends data to {@code peer}: over its channel when one is bound, else in a Send indication. */
    public CompletableFuture<Void> send(InetSocketAddress peer, byte[] data) {
        Integer ch = channels.get(peer);
        return ch != null ? sendChannelData(ch, data) : sendIndication(peer, data);
    }

    /** Sends a Send indication (RFC 8656 §11). */
    public CompletableFuture<Void> sendIndication(InetSocketAddress peer, byte[] data) {
        StunMessage m = StunMessage.builder(MessageType.of(StunMethod.SEND, StunClass.INDICATION))
                .add(Attributes.xorPeerAddress(peer), Attributes.data(data)).fingerprint().build();
        return conn.sendIndication(m);
    }

    /**
     * Sends ChannelData on {@code channel}; padded to 4 bytes on TCP/TLS (RFC 8656 §12.5). The bytes are copied into
     * a pooled buffer before this returns, so the caller may reuse {@code data} at once.
     */
    public CompletableFuture<Void> sendChannelData(int channel, byte[] data) {
        io.netty.channel.Channel ch = conn.channel();
        if (ch == null) {
            return conn.write(Unpooled.EMPTY_BUFFER); // fails as "not connected"
        }
        // written straight into one pooled buffer: a media sender calls this every 20 ms per run
        int size = 4 + data.length;
        int padded = conn.transport().isStream() ? (size + 3) & ~3 : size;
        ByteBuf out = ch.alloc().buffer(padded);
        out.writeShort(channel).writeShort(data.length).writeBytes(data).writeZero(padded - size);
        return conn.write(out);
    }

    /**
     * The event loop this allocation's connection does its I/O on, as a scheduler. Work scheduled here runs on the
     * thread that writes the socket, so a sender that paces packets from it (a quality run) hands nothing to another
     * thread per packet. Tasks must not block.
     *
     * @throws IllegalStateException when the connection was never opened
     */
    public java.util.concurrent.ScheduledExecutorService eventLoop() {
        io.netty.channel.Channel ch = conn.channel();
        if (ch == null) {
            throw new IllegalStateException("connection to " + conn.server() + " is not open");
        }
        return ch.eventLoop();
    }

    void onIndication(StunMessage m) {
        if (m.method().equals(StunMethod.CONNECTION_ATTEMPT)) {
            onConnectionAttemptIndication(m);
            return;
        }
        if (m.method().equals(StunMethod.DATA)) {
            try {
                Optional<InetSocketAddress> peer = m.xorPeerAddress();
                Optional<byte[]> data = m.data();
                if (peer.isPresent() && data.isPresent()) {
                    conn.event("turn.data", "Data indication from " + peer.get() + ", " + data.get().length + " bytes");
                    deliver(peer.get(), data.get(), 0);
                }
            } catch (StunDecodeException e) {
                conn.event("bytes.undecodable", "Data indication: " + e.getMessage());
            }
        }
    }

    private void onConnectionAttemptIndication(StunMessage m) {
        Optional<InetSocketAddress> peer;
        java.util.OptionalLong id;
        try {
            peer = m.xorPeerAddress();
            id = m.connectionId();
        } catch (StunDecodeException e) {
            conn.event("bytes.undecodable", "ConnectionAttempt: " + e.getMessage());
            return;
        }
        java.util.function.Consumer<TcpRelayConnection> a = acceptor;
        if (peer.isEmpty() || id.isEmpty() || !isTcp()) {
            conn.event("turn.tcp-attempt-ignored", "ConnectionAttempt without XOR-PEER-ADDRESS/CONNECTION-ID or on a "
                    + "UDP allocation");
            return;
        }
        conn.event("turn.tcp-attempt", String.format("ConnectionAttempt 0x%08x from %s", id.getAsLong(), peer.get()));
        if (a == null) {
            conn.event("turn.tcp-attempt-ignored", "no acceptor set");
            return;
        }
        bindData(peer.get(), id.getAsLong(), true).whenComplete((h, e) -> {
            if (e != null) {
                conn.event("turn.tcp-accept-failed", peer.get() + ": " + StunConnection.unwrap(e).getMessage());
                return;
            }
            try {
                a.accept(h);
            } catch (RuntimeException ex) {
                LOG.warn("connection attempt acceptor threw", ex);
                h.close();
            }
        });
    }

    void onChannelData(ChannelData cd) {
        InetSocketAddress peer = channelPeers.get(cd.channel());
        if (peer != null) {
            deliver(peer, ByteBufUtil.getBytes(cd.content()), cd.channel());
        }
    }

    private void deliver(InetSocketAddress peer, byte[] data, int channel) {
        try {
            listener.onData(peer, data, channel);
        } catch (RuntimeException e) {
            LOG.warn("peer data listener threw", e);
        }
    }

    void onConnectionClosed() {
        cancelTimers();
    }

    private void scheduleRefresh() {
        if (!autoRefresh || released || conn.channel() == null) {
            return;
        }
        long margin = conn.options().allocationRefreshMargin().toSeconds();
        long at = Math.max(lifetime / 2, lifetime - margin);
        ScheduledFuture<?> old = refreshTimer;
        if (old != null) {
            old.cancel(false);
        }
        refreshTimer = conn.channel().eventLoop().schedule(this::autoRefreshAllocation, Math.max(1, at),
                TimeUnit.SECONDS);
    }

    // One attempt; a failure (a lost UDP transaction, a transient 5xx, an ICMP error) is retried while the
    // allocation still lasts, so one bad moment does not let it lapse.
    private void autoRefreshAllocation() {
        conn.event("turn.auto-refresh", "allocation");
        refresh(lifetime == 0 ? 600 : lifetime).exceptionally(e -> {
            conn.event("turn.auto-refresh-failed", String.valueOf(StunConnection.unwrap(e).getMessage()));
            long retry = retryDelayMillis(allocationExpiry);
            if (retry > 0 && !released && conn.isOpen()) {
                refreshTimer = conn.channel().eventLoop().schedule(this::autoRefreshAllocation, retry,
                        TimeUnit.MILLISECONDS);
            }
            return null;
        });
    }

    /** How long to wait before retrying a failed refresh of something that lapses at {@code expiry}; 0: too late. */
    static long retryDelayMillis(long expiry) {
        long left = TimeUnit.NANOSECONDS.toMillis(expiry - System.nanoTime());
        return left < 2_000 ? 0 : Math.min(MAX_RETRY_DELAY_MILLIS, left / 3);
    }

    private void schedulePermissionRefresh(InetAddress peer) {
        schedulePermission(peer, conn.options().permissionRefresh().toMillis());
    }

    private void schedulePermission(InetAddress peer, long delayMillis) {
        if (!autoRefresh || released || conn.channel() == null) {
            return;
        }
        ScheduledFuture<?> f = conn.channel().eventLoop().schedule(() -> {
            conn.event("turn.auto-refresh", "permission " + peer.getHostAddress());
            createPermission(peer).exceptionally(e -> {
                long retry = retryDelayMillis(permissionExpiry.getOrDefault(peer, 0L));
                conn.event("turn.auto-refresh-failed", "permission " + peer.getHostAddress() + ": "
                        + StunConnection.unwrap(e).getMessage() + (retry > 0 ? "; retrying" : "; it lapses"));
                if (retry > 0) {
                    schedulePermission(peer, retry);
                } else {
                    permissions.remove(peer);
                }
                return null;
            });
        }, delayMillis, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> old = permissions.put(peer, f);
        if (old != null) {
            old.cancel(false);
        }
    }

    private void scheduleChannelRefresh(InetSocketAddress peer, int channel) {
        scheduleChannel(peer, channel, conn.options().channelRefresh().toMillis());
    }

    private void scheduleChannel(InetSocketAddress peer, int channel, long delayMillis) {
        if (!autoRefresh || released || conn.channel() == null) {
            return;
        }
        ScheduledFuture<?> f = conn.channel().eventLoop().schedule(() -> {
            conn.event("turn.auto-refresh", String.format("channel 0x%04x", channel));
            bindChannel(peer, channel).exceptionally(e -> {
                long retry = retryDelayMillis(channelExpiry.getOrDefault(channel, 0L));
                conn.event("turn.auto-refresh-failed", String.format("channel 0x%04x: %s%s", channel,
                        StunConnection.unwrap(e).getMessage(), retry > 0 ? "; retrying" : "; it lapses"));
                if (retry > 0) {
                    scheduleChannel(peer, channel, retry);
                } else {
                    dropChannel(peer, channel);
                }
                return null;
            });
        }, delayMillis, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> old = channelTimers.put(channel, f);
        if (old != null) {
            old.cancel(false);
        }
    }

    // The server forgot the binding: ChannelData on it would be dropped, so send() falls back to Send indications.
    private void dropChannel(InetSocketAddress peer, int channel) {
        synchronized (this) {
            channels.remove(peer, channel);
            reservedChannels.put(peer, channel); // a later bind may reuse the number for the same peer
        }
        channelPeers.remove(channel, peer);
        channelExpiry.remove(channel);
        channelTimers.remove(channel);
    }

    private void cancelTimers() {
        ScheduledFuture<?> r = refreshTimer;
        if (r != null) {
            r.cancel(false);
        }
        List<ScheduledFuture<?>> all = new ArrayList<>(permissions.values());
        all.addAll(channelTimers.values());
        all.forEach(f -> f.cancel(false));
        permissions.clear();
        channelTimers.clear();
    }

    /** True after a successful Refresh with LIFETIME 0. */
    public boolean isReleased() {
        return released;
    }

    /**
     * Deletes the allocation (Refresh LIFETIME 0, waiting at most the transaction timeout) and closes the
     * connection. Never throws; a failure to delete only means the server lets the allocation expire. Called on the
     * connection's event loop (from a future's callback), it does not wait — the Refresh could not be sent while
     * the loop is blocked — and behaves as {@link #closeAsync()}.
     */
    @Override
    public void close() {
        io.netty.channel.Channel ch = conn.channel();
        if (ch != null && ch.eventLoop().inEventLoop()) {
            closeAsync();
            return;
        }
        cancelTimers();
        if (!released && conn.isOpen()) {
            try {
                refresh(0).get(conn.options().timers().udpTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.debug("deallocation failed: {}", e.toString());
            }
        }
        conn.close();
    }

    /**
     * Deletes the allocation and closes the connection without waiting: completes when the Refresh LIFETIME 0 is
     * answered or has failed (never exceptionally), the connection closed either way.
     */
    public CompletableFuture<Void> closeAsync() {
        cancelTimers();
        if (released || !conn.isOpen()) {
            conn.close();
            return CompletableFuture.completedFuture(null);
        }
        return refresh(0).handle((v, e) -> {
            if (e != null) {
                LOG.debug("deallocation failed: {}", e.toString());
            }
            conn.close();
            return null;
        });
    }

    @Override
    public String toString() {
        return "TurnAllocation[relayed=" + relayed + ", via " + conn + "]";
    }
}
