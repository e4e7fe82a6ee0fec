package io.mediapath.turn;

import io.mediapath.ice.probe.Deadline;
import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.turn.internal.Retransmissions;
import io.mediapath.turn.internal.ConnectStamp;
import io.mediapath.turn.internal.Failures;
import io.mediapath.turn.internal.InboundSink;
import io.mediapath.turn.stun.AttributeType;
import io.mediapath.turn.stun.Attributes;
import io.mediapath.turn.stun.ChannelData;
import io.mediapath.turn.stun.ErrorCode;
import io.mediapath.turn.stun.IntegrityStatus;
import io.mediapath.turn.stun.MessageType;
import io.mediapath.turn.stun.PasswordAlgorithm;
import io.mediapath.turn.stun.SecurityFeatures;
import io.mediapath.turn.stun.StunClass;
import io.mediapath.turn.stun.StunDecodeException;
import io.mediapath.turn.stun.StunKey;
import io.mediapath.turn.stun.StunMessage;
import io.mediapath.turn.stun.StunMethod;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ConnectTimeoutException;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection (UDP 5-tuple, TCP or TLS connection) to a STUN/TURN server: Binding, the long-term credential
 * mechanism, Allocate and raw transactions. A TURN allocation is bound to its connection (RFC 8656: the 5-tuple).
 * Thread-safe: state lives on the connection's event loop.
 */
public final class StunConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StunConnection.class);

    private final TurnClient client;
    private final InetSocketAddress server;
    private final StunTransport transport;
    private final String serverName;
    private final TurnClientOptions options;
    private final long startNanos = System.nanoTime();
    /** The socket's own connect, stamped on the event loop (see {@link ConnectStamp}). */
    final ConnectStamp connectStamp = new ConnectStamp();
    /** {@link System#nanoTime()} when the TLS handshake ended (either way); 0 before. */
    volatile long tlsEndNanos;
    private final Map<String, Pending> pending = new HashMap<>();
    private final CompletableFuture<Throwable> closed = new CompletableFuture<>();
    private volatile Channel channel;
    private volatile List<X509Certificate> peerChain = List.of();
    private volatile String tlsProtocol = "";
    private volatile String tlsCipher = "";
    private volatile TurnAllocation allocation;
    private volatile int undecodable;
    private volatile String lastUndecodable = "";
    private volatile List<InetSocketAddress> redirectedFrom = List.of();
    private volatile String expectedRealm;
    // Set on a connection opened to leave a stale 437 behind: a second 437 there fails instead of looping.
    private volatile boolean mismatchRetried;
    private volatile java.util.function.Consumer<ByteBuf> rawSink;

    StunConnection(TurnClient client, InetSocketAddress server, StunTransport transport, String serverName) {
        this.client = client;
        this.server = server;
        this.transport = transport;
        this.serverName = serverName;
        this.options = client.options();
    }

    // ---------------------------------------------------------------- accessors

    /** The server's address. */
    public InetSocketAddress server() {
        return server;
    }

    /** The transport. */
    public StunTransport transport() {
        return transport;
    }

    /** The name used for SNI and certificate checks. */
    public String serverName() {
        return serverName;
    }

    /** The local address of the connection. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** The server's certificate chain (TLS only; recorded even when verification failed). */
    public List<X509Certificate> peerCertificates() {
        return peerChain;
    }

    /** The negotiated TLS protocol, e.g. {@code TLSv1.2} (empty for UDP/TCP). */
    public String tlsProtocol() {
        return tlsProtocol;
    }

    /** The negotiated TLS cipher suite (empty for UDP/TCP). */
    public String tlsCipherSuite() {
        return tlsCipher;
    }

    /** How many received datagrams were neither STUN nor ChannelData, or malformed. */
    public int undecodableCount() {
        return undecodable;
    }

    /** Why the last undecodable datagram was dropped. */
    public String lastUndecodable() {
        return lastUndecodable;
    }

    /** True while the channel is open. */
    public boolean isOpen() {
        Channel c = channel;
        return c != null && c.isActive();
    }

    /** Completes with the cause (or null) when the connection closes. */
    public CompletableFuture<Throwable> closeFuture() {
        return closed;
    }

    TurnClientOptions options() {
        return options;
    }

    TurnClient client() {
        return client;
    }

    /**
     * The servers that redirected to this one with 300 Try Alternate, first to last (empty when this connection was
     * not reached by a redirect). RFC 8489 §10.
     */
    public List<InetSocketAddress> redirectedFrom() {
        return redirectedFrom;
    }

    /** RFC 6062 data connections: where raw peer bytes go once ConnectionBind succeeded (the consumer releases). */
    void rawSink(java.util.function.Consumer<ByteBuf> sink) {
        this.rawSink = sink;
    }

    void onRaw(ByteBuf b) {
        java.util.function.Consumer<ByteBuf> s = rawSink;
        if (s == null) {
            b.release();
        } else {
            s.accept(b);
        }
    }

    // ---------------------------------------------------------------- STUN

    /** A Binding request: the server-reflexive address. */
    public CompletableFuture<BindingResult> binding() {
        StunMessage.Builder b = StunMessage.builder(MessageType.BINDING_REQUEST);
        options.software().ifPresent(s -> b.add(Attributes.software(s)));
        StunMessage req = b.fingerprint().build();
        long t0 = System.nanoTime();
        return transact(req, null, null).thenApply(r -> {
            if (r.messageClass() != StunClass.SUCCESS_RESPONSE) {
                throw new CompletionException(errorOf(r, "Binding"));
            }
            InetSocketAddress mapped = r.xorMappedAddress().or(r::mappedAddress).orElseThrow(() ->
                    new CompletionException(new TurnException(TurnException.Kind.PROTOCOL,
                            "Binding success without XOR-MAPPED-ADDRESS", r, null)));
            return new BindingResult(mapped, r.responseOrigin(), r.software(), Duration.ofNanos(System.nanoTime() - t0));
        });
    }

    /**
     * Sends an unauthenticated Allocate and expects the 401 challenge (REALM, NONCE): proof that a TURN server with
     * long-term credentials is answering. A success (a server without authentication) or another error fails with
     * {@link TurnException.Kind#ERROR_RESPONSE} / {@link TurnException.Kind#PROTOCOL}.
     */
    public CompletableFuture<Challenge> challenge(AllocateOptions o) {
        StunMessage req = allocateRequest(o).fingerprint().build();
        return transact(req, null, null).thenApply(r -> {
            Optional<ErrorCode> ec = r.errorCode();
            if (r.messageClass() == StunClass.ERROR_RESPONSE && ec.isPresent()
                    && ec.get().code() == ErrorCode.UNAUTHENTICATED) {
                if (r.realm().isEmpty() || r.nonce().isEmpty()) {
                    throw new CompletionException(new TurnException(TurnException.Kind.PROTOCOL,
                            "401 without REALM/NONCE", r, null));
                }
                return new Challenge(r.realm().get(), r.nonce().get(), r.passwordAlgorithms(), r.securityFeatures(),
                        r.software());
            }
            if (r.messageClass() == StunClass.ERROR_RESPONSE) {
                throw new CompletionException(errorOf(r, "Allocate"));
            }
            throw new CompletionException(new TurnException(TurnException.Kind.PROTOCOL,
                    "unauthenticated Allocate succeeded: the server does not require credentials", r, null));
        });
    }

    /**
     * Allocates a relay: challenge, then the authenticated Allocate (with 438 and 300 handling). A 300 Try Alternate
     * (to either request) is followed to the ALTERNATE-SERVER on a new connection of the same transport, at most
     * {@link TurnClientOptions#maxRedirects()} times and never back to a server already tried (a loop fails with
     * {@link TurnException.Kind#REDIRECT_LIMIT}); see {@link #redirectedFrom()} on the result's connection. A 437
     * Allocation Mismatch on a connection holding no allocation of ours (the server kept a stale one for this
     * 5-tuple) is retried once from a new local port, so the result may live on another connection too.
     */
    public CompletableFuture<TurnAllocation> allocate(TurnCredentials credentials, AllocateOptions o) {
        return challenge(o).handle((ch, e) -> {
            if (e == null) {
                return allocate(credentials, o, ch);
            }
            Throwable c = unwrap(e);
            if (isTryAlternate(c)) {
                // Redirected before any credentials were sent: nothing to protect yet, and no realm to compare.
                return redirect((TurnException) c, credentials, o, null);
            }
            if (isStaleMismatch(c)) {
                return fromNewLocalPort(credentials, o);
            }
            return CompletableFuture.<TurnAllocation>failedFuture(c);
        }).thenCompose(f -> f);
    }

    /**
     * A 437 Allocation Mismatch to an Allocate on a connection that holds no allocation of ours: the server still
     * has one for this 5-tuple from someone else — a crashed client whose local port the system gave us again, or a
     * NAT that reused a mapping (RFC 8656 §7.3). Worth one retry from a different local port. A second Allocate on
     * a connection that has our allocation is the caller's own mismatch and fails as it is.
     */
    private boolean isStaleMismatch(Throwable c) {
        return c instanceof TurnException te && te.errorCode().map(ErrorCode::code).orElse(0)
                == ErrorCode.ALLOCATION_MISMATCH && allocation == null && !mismatchRetried;
    }

    /**
     * Connects again from the same local IP and a new port — opened before this connection closes, so the system
     * cannot hand back the same port — and allocates there. The new connection inherits the redirect history.
     */
    private CompletableFuture<TurnAllocation> fromNewLocalPort(TurnCredentials credentials, AllocateOptions o) {
        InetSocketAddress was = localAddress();
        event("turn.allocation-mismatch", "437 from " + server + ": it holds an allocation for " + was
                + " that is not ours; allocating again from a new local port");
        InetSocketAddress local = new InetSocketAddress(was.getAddress(), 0);
        return client.connect(server, transport, serverName, local).thenCompose(c -> {
            close();
            c.redirectedFrom = redirectedFrom;
            c.expectedRealm = expectedRealm;
            c.mismatchRetried = true;
            return allocateOrClose(c, credentials, o);
        });
    }

    /**
     * Allocates on a connection this class opened (redirect, 437 retry): the caller only ever sees the allocation,
     * so when there is none the connection is closed here or nobody would.
     */
    private static CompletableFuture<TurnAllocation> allocateOrClose(StunConnection c, TurnCredentials credentials,
            AllocateOptions o) {
        return c.allocate(credentials, o).whenComplete((a, e) -> {
            if (e != null) {
                c.close();
            }
        });
    }

    static boolean isTryAlternate(Throwable c) {
        return c instanceof TurnException te && te.errorCode().map(ErrorCode::code).orElse(0) == ErrorCode.TRY_ALTERNATE;
    }

    /** Allocates a relay answering an already received {@link Challenge}. */
    public CompletableFuture<TurnAllocation> allocate(TurnCredentials credentials, AllocateOptions o, Challenge ch) {
        String realm = expectedRealm;
        if (realm != null && !realm.equals(ch.realm())) {
            // RFC 8489 §10: the redirected request uses the credentials meant for the redirecting server; a different
            // realm means different credentials, so the key (and a dictionary-attackable HMAC) is not sent here.
            event("stun.redirect-realm-mismatch", "alternate realm " + ch.realm() + " ≠ " + realm
                    + ": credentials not sent");
            return CompletableFuture.failedFuture(new TurnException(TurnException.Kind.AUTH_FAILED,
                    "alternate server " + server + " challenges for realm \"" + ch.realm() + "\" but the redirecting "
                    + "server's realm was \"" + realm + "\": credentials not sent"));
        }
        final Auth auth;
        try {
            auth = Auth.of(credentials, ch, options);
        } catch (TurnException e) {
            return CompletableFuture.failedFuture(e);
        }
        return authRequest(auth, () -> allocateRequest(o), "Allocate", 0).handle((r, e) -> {
            if (e == null) {
                return CompletableFuture.completedFuture(newAllocation(auth, r, o));
            }
            Throwable c = unwrap(e);
            if (isTryAlternate(c)) {
                StunMessage resp = ((TurnException) c).response().orElseThrow();
                if (resp.checkIntegrity(auth.key) != IntegrityStatus.VALID) {
                    // The request was authenticated, so a genuine redirect is too (RFC 8489 §10); an
                    // unauthenticated 300 could come from anyone on the path and would steer the credentials away.
                    event("stun.integrity-rejected", "300 Try Alternate without valid integrity ignored");
                    return CompletableFuture.<TurnAllocation>failedFuture(new TurnException(
                            TurnException.Kind.INTEGRITY, "Allocate: 300 Try Alternate to an authenticated request "
                            + "without a valid MESSAGE-INTEGRITY: not followed", resp, null));
                }
                return redirect((TurnException) c, credentials, o, auth.realm);
            }
            if (isStaleMismatch(c)) {
                return fromNewLocalPort(credentials, o);
            }
            return CompletableFuture.<TurnAllocation>failedFuture(c);
        }).thenCompose(f -> f);
    }

    /**
     * Follows a 300 Try Alternate (RFC 8489 §10): same transport, ALTERNATE-DOMAIN (or the original name) for the TLS
     * certificate check, never a server already tried, at most {@code maxRedirects} hops.
     *
     * @param realm the realm the credentials were used for, or null when none were sent yet
     */
    private CompletableFuture<TurnAllocation> redirect(TurnException te, TurnCredentials credentials,
            AllocateOptions o, String realm) {
        return follow(te, realm).thenCompose(c -> allocateOrClose(c, credentials, o));
    }

    /**
     * Checks a 300 Try Alternate and connects to its ALTERNATE-SERVER (closing this connection); the new connection
     * knows where it was redirected from. Fails with {@link TurnException.Kind#REDIRECT_LIMIT} on a loop or past the
     * limit, {@link TurnException.Kind#PROTOCOL} on a missing/malformed/wrong-family ALTERNATE-SERVER.
     */
    CompletableFuture<StunConnection> follow(TurnException te, String realm) {
        StunMessage r = te.response().orElseThrow();
        Optional<InetSocketAddress> alt;
        try {
            alt = r.alternateServer();
        } catch (StunDecodeException e) {
            return CompletableFuture.failedFuture(new TurnException(TurnException.Kind.PROTOCOL,
                    "300 Try Alternate with a malformed ALTERNATE-SERVER", r, e));
        }
        if (alt.isEmpty()) {
            return CompletableFuture.failedFuture(new TurnException(TurnException.Kind.PROTOCOL,
                    "300 Try Alternate without ALTERNATE-SERVER", r, null));
        }
        InetSocketAddress to = alt.get();
        if (to.getAddress().getClass() != server.getAddress().getClass()) {
            // RFC 8489 §14.15: the alternate's family MUST be that of the request's source address.
            return CompletableFuture.failedFuture(new TurnException(TurnException.Kind.PROTOCOL,
                    "ALTERNATE-SERVER " + to + " is not in the address family of " + server, r, null));
        }
        List<InetSocketAddress> visited = new java.util.ArrayList<>(redirectedFrom);
        visited.add(server);
        if (visited.contains(to)) {
            event("stun.redirect-loop", server + " → " + to + " was already tried");
            return CompletableFuture.failedFuture(new TurnException(TurnException.Kind.REDIRECT_LIMIT,
                    "redirection loop: " + server + " redirects back to " + to + " (already tried: " + visited + ")",
                    r, null));
        }
        if (redirectedFrom.size() >= options.maxRedirects()) {
            return CompletableFuture.failedFuture(new TurnException(TurnException.Kind.REDIRECT_LIMIT,
                    "redirected to " + to + " after " + redirectedFrom.size() + " redirection(s); the limit is "
                    + options.maxRedirects(), r, null));
        }
        event("stun.redirect", "300 Try Alternate " + server + " → " + to);
        close();
        String name = r.alternateDomain().orElse(serverName);
        return client.connect(to, transport, name).thenApply(c -> {
            c.redirectedFrom = List.copyOf(visited);
            c.expectedRealm = realm;
            return c;
        });
    }

    private StunMessage.Builder allocateRequest(AllocateOptions o) {
        StunMessage.Builder b = StunMessage.builder(MessageType.of(StunMethod.ALLOCATE, StunClass.REQUEST))
                .add(Attributes.requestedTransport(o.transport()));
        o.requestedAddressFamily().ifPresent(f -> b.add(Attributes.requestedAddressFamily(f)));
        o.lifetime().ifPresent(l -> b.add(Attributes.lifetime(l)));
        options.software().ifPresent(s -> b.add(Attributes.software(s)));
        return b;
    }

    private TurnAllocation newAllocation(Auth auth, StunMessage r, AllocateOptions o) {
        List<InetSocketAddress> relayed = r.xorAddresses(AttributeType.XOR_RELAYED_ADDRESS);
        if (relayed.isEmpty()) {
            throw new CompletionException(new TurnException(TurnException.Kind.PROTOCOL,
                    "Allocate success without XOR-RELAYED-ADDRESS", r, null));
        }
        long lifetime = r.lifetime().orElse(600);
        TurnAllocation a = new TurnAllocation(this, auth, relayed, r.xorMappedAddress(), lifetime, o.autoRefresh(),
                o.transport());
        this.allocation = a;
        event("turn.allocated", "relayed " + relayed + " lifetime " + lifetime + " s, key " + auth.algorithm);
        return a;
    }

    /**
     * An authenticated request with the allocation's credentials; 438 Stale Nonce is answered with the new nonce
     * (at most twice). Completes with the success response, or fails with a {@link TurnException}.
     */
    CompletableFuture<StunMessage> authRequest(Auth auth, java.util.function.Supplier<StunMessage.Builder> request,
            String what, int staleRetries) {
        StunMessage req = auth.sign(request.get());
        return transact(req, auth.key, null).thenCompose(r -> {
            if (r.messageClass() == StunClass.SUCCESS_RESPONSE) {
                return CompletableFuture.completedFuture(r);
            }
            int code = r.errorCode().map(ErrorCode::code).orElse(0);
            if (code == ErrorCode.STALE_NONCE && staleRetries < 2 && r.nonce().isPresent()) {
                // A 438 need not carry valid integrity, so it may change only the nonce: the key was derived from
                // the realm, and a forged realm would make every later request of the allocation fail with 401.
                if (r.realm().isPresent() && !r.realm().get().equals(auth.realm)) {
                    return CompletableFuture.failedFuture(new TurnException(TurnException.Kind.AUTH_FAILED, what
                            + ": 438 names realm \"" + r.realm().get() + "\", not \"" + auth.realm + "\"", r, null));
                }
                Optional<SecurityFeatures> f = r.securityFeatures();
                if (f.isPresent() && f.get().passwordAlgorithms() && r.passwordAlgorithms().isEmpty()) {
                    // RFC 8489 §9.2.5, as for the 401: the cookie announces algorithms the response does not list.
                    return CompletableFuture.failedFuture(new TurnException(TurnException.Kind.AUTH_FAILED, what
                            + ": 438 nonce cookie announces PASSWORD-ALGORITHMS but lists none (possible downgrade)",
                            r, null));
                }
                event("stun.stale-nonce", what + ": 438, retrying with the new nonce");
                auth.nonce = r.nonce().get();
                return authRequest(auth, request, what, staleRetries + 1);
            }
            return CompletableFuture.failedFuture(errorOf(r, what));
        });
    }

    static TurnException errorOf(StunMessage r, String what) {
        Optional<ErrorCode> ec;
        try {
            ec = r.errorCode();
        } catch (StunDecodeException e) {
            return new TurnException(TurnException.Kind.PROTOCOL, what + ": malformed ERROR-CODE", r, e);
        }
        if (ec.isEmpty()) {
            return new TurnException(TurnException.Kind.PROTOCOL, what + ": error response without ERROR-CODE", r, null);
        }
        TurnException.Kind k = ec.get().code() == ErrorCode.UNAUTHENTICATED
                || ec.get().code() == ErrorCode.WRONG_CREDENTIALS ? TurnException.Kind.AUTH_FAILED
                : TurnException.Kind.ERROR_RESPONSE;
        return new TurnException(k, what + ": " + ec.get(), r, null);
    }

    // ---------------------------------------------------------------- transactions

    /**
     * Runs one transaction: sends {@code request} (retransmitting over UDP), and completes with the response, success
     * or error. When {@code key} is given, a response must carry a valid MESSAGE-INTEGRITY(-SHA256): success
     * responses without one, and any response with a wrong one, are rejected (RFC 8489 §9.2.5; over UDP they are
     * discarded and the transaction continues). Fails with {@link TurnException} on timeout or transport failure.
     *
     * @param deadline optional: the transaction also ends at this deadline
     */
    public CompletableFuture<StunMessage> transact(StunMessage request, StunKey key, Deadline deadline) {
        Pending p = new Pending(request, key, deadline);
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            return CompletableFuture.failedFuture(new TurnException(TurnException.Kind.CLOSED,
                    "connection to " + server + " is closed", null, closed.getNow(null)));
        }
        ch.eventLoop().execute(() -> p.start(ch));
        return p.future;
    }

    /** Sends an indication (no response). */
    public CompletableFuture<Void> sendIndication(StunMessage indication) {
        return write(Unpooled.wrappedBuffer(indication.toBytes()));
    }

    CompletableFuture<Void> write(ByteBuf buf) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        Channel ch = channel;
        if (ch == null) {
            buf.release();
            f.completeExceptionally(new TurnException(TurnException.Kind.CLOSED, "not connected"));
            return f;
        }
        ch.writeAndFlush(buf).addListener(w -> {
            if (w.isSuccess()) {
                f.complete(null);
            } else {
                f.completeExceptionally(classify(w.cause(), "send to " + server));
            }
        });
        return f;
    }

    Channel channel() {
        return channel;
    }

    private final class Pending {
        final StunMessage request;
        final StunKey key;
        final Deadline deadline;
        final CompletableFuture<StunMessage> future = new CompletableFuture<>();
        int sent;
        ScheduledFuture<?> timer;
        ScheduledFuture<?> deadlineTimer;
        String rejected;
        Channel ch;

        Pending(StunMessage request, StunKey key, Deadline deadline) {
            this.request = request;
            this.key = key;
            this.deadline = deadline;
        }

        void start(Channel ch) {
            this.ch = ch;
            pending.put(request.transactionIdHex(), this);
            if (deadline != null) {
                deadlineTimer = ch.eventLoop().schedule(() -> timeout("deadline reached"),
                        Math.max(0, deadline.remaining().toNanos()), TimeUnit.NANOSECONDS);
            }
            send();
        }

        void send() {
            if (future.isDone()) {
                return; // finished (a failed write can finish it before its retransmission is scheduled)
            }
            sent++;
            event(sent == 1 ? "stun.request" : "stun.retransmit", request.type() + " #" + sent);
            ch.writeAndFlush(Unpooled.wrappedBuffer(request.toBytes())).addListener(w -> {
                if (!w.isSuccess()) {
                    fail(classify(w.cause(), request.type() + " to " + server));
                }
            });
            StunTimers t = options.timers();
            long wait = Retransmissions.waitMillis(t, transport.isStream(), sent);
            boolean last = Retransmissions.isLast(t, transport.isStream(), sent);
            if (future.isDone()) {
                return; // the write failed at once: finish() ran before there was a timer to cancel
            }
            timer = ch.eventLoop().schedule(() -> {
                if (last) {
                    timeout("no response after " + sent + " request(s) in "
                            + t.transactionTimeout(!transport.isStream()).toMillis() + " ms");
                } else {
                    send();
                }
            }, wait, TimeUnit.MILLISECONDS);
        }

        void timeout(String why) {
            if (rejected != null) {
                fail(new TurnException(TurnException.Kind.INTEGRITY, request.type() + ": " + rejected));
            } else {
                fail(new TurnException(TurnException.Kind.TIMEOUT, request.type() + " to " + server + ": " + why));
            }
        }

        void onResponse(StunMessage r) {
            if (key != null) {
                IntegrityStatus s = r.checkIntegrity(key);
                boolean challenge = r.messageClass() == StunClass.ERROR_RESPONSE && r.errorCode().map(
                        e -> e.code() == ErrorCode.UNAUTHENTICATED || e.code() == ErrorCode.STALE_NONCE).orElse(false);
                boolean ok = s == IntegrityStatus.VALID
                        || (s == IntegrityStatus.ABSENT && r.messageClass() == StunClass.ERROR_RESPONSE)
                        || (s == IntegrityStatus.INVALID && challenge);
                if (!ok) {
                    String why = "response " + r.type() + " with " + (s == IntegrityStatus.ABSENT
                            ? "no MESSAGE-INTEGRITY" : "a wrong MESSAGE-INTEGRITY") + " rejected";
                    event("stun.integrity-rejected", why);
                    if (transport.isStream()) {
                        fail(new TurnException(TurnException.Kind.INTEGRITY, why, r, null));
                    } else {
                        rejected = why; // RFC 8489 §9.2.5: discard over UDP, keep retransmitting
                    }
                    return;
                }
            }
            List<Integer> unknown = r.unknownComprehensionRequired();
            if (!unknown.isEmpty()) {
                fail(new TurnException(TurnException.Kind.PROTOCOL, "response with unknown comprehension-required "
                        + "attribute(s) " + unknown.stream().map(AttributeType::name).toList(), r, null));
                return;
            }
            event("stun.response", r.type() + r.errorCode().map(e -> " " + e).orElse(""));
            finish();
            future.complete(r);
        }

        void fail(Throwable t) {
            finish();
            future.completeExceptionally(t);
        }

        private void finish() {
            pending.remove(request.transactionIdHex(), this);
            if (timer != null) {
                timer.cancel(false);
            }
            if (deadlineTimer != null) {
                deadlineTimer.cancel(false);
            }
        }
    }

    // ---------------------------------------------------------------- inbound

    void attach(Channel ch) {
        this.channel = ch;
        ch.closeFuture().addListener(f -> closed.complete(null));
    }

    void tlsDone(List<X509Certificate> chain, String protocol, String cipher) {
        this.peerChain = List.copyOf(chain);
        this.tlsProtocol = protocol == null ? "" : protocol;
        this.tlsCipher = cipher == null ? "" : cipher;
    }

    InboundSink sink() {
        return new InboundSink() {
            @Override
            public void onStun(StunMessage m) {
                if (m.messageClass().isResponse()) {
                    Pending p = pending.get(m.transactionIdHex());
                    if (p != null) {
                        p.onResponse(m);
                    } else {
                        event("stun.stray-response", m.type().toString());
                    }
                    return;
                }
                TurnAllocation a = allocation;
                if (a != null && m.messageClass() == StunClass.INDICATION) {
                    a.onIndication(m);
                }
            }

            @Override
            public void onChannelData(ChannelData data) {
                try {
                    TurnAllocation a = allocation;
                    if (a != null) {
                        a.onChannelData(data);
                    }
                } finally {
                    data.release();
                }
            }

            @Override
            public void onUndecodable(String reason) {
                undecodable++;
                lastUndecodable = reason;
                event("bytes.undecodable", reason);
            }

            @Override
            public void onError(Throwable cause) {
                TurnException te = classify(cause, "connection to " + server);
                event("transport.error", te.kind() + ": " + te.getMessage());
                LOG.debug("{}: {}", server, te.getMessage());
                for (Pending p : List.copyOf(pending.values())) {
                    p.fail(te);
                }
                if (transport.isStream()) {
                    closed.complete(te);
                }
            }

            @Override
            public void onClosed() {
                event("connect.closed", String.valueOf(server));
                TurnException te = new TurnException(TurnException.Kind.CLOSED, "connection to " + server + " closed");
                for (Pending p : List.copyOf(pending.values())) {
                    p.fail(te);
                }
                closed.complete(te);
                TurnAllocation a = allocation;
                if (a != null) {
                    a.onConnectionClosed();
                }
            }
        };
    }

    static TurnException classify(Throwable t, String what) {
        return Failures.classify(t, what);
    }

    static Throwable unwrap(Throwable t) {
        return Failures.unwrap(t);
    }

    void event(String kind, String detail) {
        event(kind, detail, null);
    }

    /** The bytes the socket moved (from the {@link io.mediapath.turn.internal.WireTap}), as a timeline event. */
    void wire(io.mediapath.ice.probe.WirePayload w) {
        event(w.direction() == io.mediapath.ice.probe.WirePayload.Direction.SENT ? "bytes.sent" : "bytes.received",
                w.length() + " bytes " + (w.direction() == io.mediapath.ice.probe.WirePayload.Direction.SENT
                        ? "to " : "from ") + w.remote(), w);
    }

    void event(String kind, String detail, io.mediapath.ice.probe.WirePayload wire) {
        try {
            options.listener().onEvent(new TimelineEvent(System.nanoTime() - startNanos, kind, detail, wire));
        } catch (RuntimeException e) {
            LOG.debug("listener threw", e);
        }
    }

    /** Closes the connection (without deallocating; see {@link TurnAllocation#close()}). */
    @Override
    public void close() {
        Channel c = channel;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public String toString() {
        SocketAddress l = channel == null ? null : channel.localAddress();
        return "StunConnection[" + transport + " " + l + " -> " + server + "]";
    }

    // ---------------------------------------------------------------- credentials

    /** Long-term credential state for one allocation: realm, nonce, key, algorithm (RFC 8489 §9.2). */
    static final class Auth {
        final String username;
        volatile String realm;
        volatile String nonce;
        final StunKey key;
        final PasswordAlgorithm algorithm;
        final List<Integer> offered;
        final boolean userHash;

        private Auth(String username, String realm, String nonce, StunKey key, PasswordAlgorithm algorithm,
                List<Integer> offered, boolean userHash) {
            this.username = username;
            this.realm = realm;
            this.nonce = nonce;
            this.key = key;
            this.algorithm = algorithm;
            this.offered = offered;
            this.userHash = userHash;
        }

        static Auth of(TurnCredentials c, Challenge ch, TurnClientOptions o) throws TurnException {
            Optional<SecurityFeatures> f = ch.securityFeatures();
            if (f.isPresent() && f.get().passwordAlgorithms() && ch.passwordAlgorithms().isEmpty()) {
                // RFC 8489 §9.2.5: a cookie announcing password algorithms without the list is a downgrade attempt.
                throw new TurnException(TurnException.Kind.AUTH_FAILED,
                        "nonce cookie announces PASSWORD-ALGORITHMS but the 401 carries none (possible downgrade)");
            }
            PasswordAlgorithm alg = ch.passwordAlgorithms().contains(PasswordAlgorithm.SHA256.code())
                    ? PasswordAlgorithm.SHA256 : PasswordAlgorithm.MD5;
            if (!ch.passwordAlgorithms().isEmpty() && !ch.passwordAlgorithms().contains(alg.code())) {
                throw new TurnException(TurnException.Kind.AUTH_FAILED,
                        "server offers no supported password algorithm: " + ch.passwordAlgorithms());
            }
            StunKey key;
            try {
                key = StunKey.longTerm(c.username(), ch.realm(), c.password(), alg, o.passwordPreparation());
            } catch (IllegalArgumentException e) {
                throw new TurnException(TurnException.Kind.AUTH_FAILED, "password cannot be prepared: "
                        + e.getMessage());
            }
            boolean anonymity = f.isPresent() && f.get().usernameAnonymity();
            return new Auth(c.username(), ch.realm(), ch.nonce(), key, alg, ch.passwordAlgorithms(), anonymity);
        }

        /** An independent copy (own nonce) for a second connection, e.g. an RFC 6062 data connection. */
        Auth copy() {
            return new Auth(username, realm, nonce, key, algorithm, offered, userHash);
        }

        StunMessage sign(StunMessage.Builder b) {
            if (userHash) {
                b.add(Attributes.userHash(StunKey.userHash(username, realm)));
            } else {
                b.add(Attributes.username(username));
            }
            b.add(Attributes.realm(realm), Attributes.nonce(nonce));
            if (!offered.isEmpty()) {
                b.add(Attributes.passwordAlgorithms(offered), Attributes.passwordAlgorithm(algorithm.code()));
            }
            if (algorithm == PasswordAlgorithm.SHA256) {
                b.messageIntegritySha256(key);
            } else {
                b.messageIntegrity(key);
            }
            return b.fingerprint().build();
        }

        String integrityAttribute() {
            return algorithm == PasswordAlgorithm.SHA256 ? "MESSAGE-INTEGRITY-SHA256" : "MESSAGE-INTEGRITY";
        }
    }
}
