package io.mediapath.turn.msturn;

import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.ice.probe.WirePayload;
import io.mediapath.ice.wire.PseudoTls;
import io.mediapath.turn.HttpProxy;
import io.mediapath.turn.StunTimers;
import io.mediapath.turn.TurnException;
import io.mediapath.turn.TurnException.Kind;
import io.mediapath.turn.internal.EventLoops;
import io.mediapath.turn.internal.Lookups;
import io.mediapath.turn.internal.Failures;
import io.mediapath.turn.internal.HttpConnectTunnel;
import io.mediapath.turn.internal.MsTurnDatagramHandler;
import io.mediapath.turn.internal.MsTurnFrame;
import io.mediapath.turn.internal.MsTurnFrameDecoder;
import io.mediapath.turn.internal.MsTurnSink;
import io.mediapath.turn.internal.MsTurnStreamHandler;
import io.mediapath.turn.internal.ProxyDial;
import io.mediapath.turn.internal.Retransmissions;
import io.mediapath.turn.internal.WireTap;
import io.mediapath.turn.stun.StunDecodeException;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Allocates on a Lync / Skype for Business Edge in the MS-TURN dialect, over TCP (pseudo-TLS, then the 4-byte
 * framing) or UDP:
 * <ol>
 * <li>TCP only: sends the 50-byte pseudo-TLS ClientHello and requires the Edge's 83-byte ServerHello +
 * ServerHelloDone; anything else is {@link Kind#PSEUDO_TLS_INTERCEPTED} and <b>nothing else is sent</b> (no
 * Allocate, no credentials) through that path;</li>
 * <li>Allocate (MAGIC-COOKIE, MS-VERSION, LIFETIME) &rarr; expects 0x0113 with 401, REALM and NONCE;</li>
 * <li>with credentials: Allocate with USERNAME, REALM, NONCE and MESSAGE-INTEGRITY in the regime both MS-VERSIONs
 * allow &rarr; 0x0103 whose MESSAGE-INTEGRITY is verified (constant-time) before its MAPPED-ADDRESS (the relayed
 * address) and XOR-MAPPED-ADDRESS are believed.</li>
 * </ol>
 * Every wait comes from the options' {@link StunTimers} profile, as in the RFC client: the same retransmission
 * schedule over UDP, {@code ti} over TCP, {@code connect} for the TCP connect and the pseudo-TLS answer. Failures
 * are {@link TurnException}s: {@link Kind#CONNECT_REFUSED}, {@link Kind#TIMEOUT}, {@link Kind#PSEUDO_TLS_INTERCEPTED}
 * (a middlebox answered the hello), {@link Kind#DIALECT_MISMATCH} (an RFC 5389 server: no MS-TURN 401), {@link
 * Kind#ERROR_RESPONSE}, {@link Kind#AUTH_FAILED} (401 again after the credentials), {@link Kind#INTEGRITY}, {@link
 * Kind#NOT_STUN}, {@link Kind#CLOSED}. Over UDP, when the Allocate gets no answer at all, the client asks once with
 * a credential-less RFC 5389 Binding request: an RFC answer means the server is alive but not an Edge ({@link
 * Kind#DIALECT_MISMATCH}).
 *
 * <pre>{@code
 * MsTurnOptions o = MsTurnOptions.builder().credentials(user, pass).timers(StunTimers.FAST).build();
 * try (MsTurnClient client = MsTurnClient.create(o)) {
 *     MsTurnAllocation a = client.allocate("edge.example.com", 443, MsTurnTransport.TCP).get();
 * }
 * }</pre>
 *
 * Thread-safe. Runs on turn-client's shared event loops (those of every probe run), or on a caller's group given to
 * {@link #create(MsTurnOptions, EventLoopGroup)}; it starts no thread of its own.
 */
public final class MsTurnClient implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final InetAddress LOOPBACK6 = loopback6();

    private final MsTurnOptions options;
    private final EventLoopGroup group;
    private final Set<Session> live = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private MsTurnClient(MsTurnOptions options, EventLoopGroup group) {
        this.options = Objects.requireNonNull(options, "options");
        this.group = Objects.requireNonNull(group, "group");
    }

    /** A client on turn-client's shared event loops. */
    public static MsTurnClient create(MsTurnOptions options) {
        return new MsTurnClient(options, EventLoops.shared());
    }

    /**
     * A client on a caller-owned NIO event loop group (for instance the one a {@code TurnClient} was created on), not
     * shut down by {@link #close()}.
     */
    public static MsTurnClient create(MsTurnOptions options, EventLoopGroup group) {
        return new MsTurnClient(options, group);
    }

    /** The options. */
    public MsTurnOptions options() {
        return options;
    }

    /**
     * Resolves {@code host} (on a resolver thread, never the caller's or an event loop, bounded by the connect wait)
     * and allocates; see {@link #allocate(InetSocketAddress, MsTurnTransport)}.
     */
    public CompletableFuture<MsTurnAllocation> allocate(String host, int port, MsTurnTransport transport) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
        return Lookups.resolve(host, port, options.timers().connect(), "")
                .thenCompose(server -> allocate(server, transport));
    }

    /**
     * Runs the exchange described on the class against {@code server}; over TCP through the options' {@link
     * MsTurnOptions#proxy() HTTP proxy} when one is set (CONNECT, then the pseudo-TLS hello in the tunnel).
     */
    public CompletableFuture<MsTurnAllocation> allocate(InetSocketAddress server, MsTurnTransport transport) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(transport, "transport");
        HttpProxy proxy = transport == MsTurnTransport.TCP ? options.proxy().orElse(null) : null;
        if (proxy == null) {
            return dial(server, transport, null, null);
        }
        // The proxy's name is looked up as the RFC client does: on a resolver thread, never on the event loop.
        return ProxyDial.resolve(proxy, options.timers().connect())
                .thenCompose(p -> dial(server, transport, proxy, p));
    }

    private CompletableFuture<MsTurnAllocation> dial(InetSocketAddress server, MsTurnTransport transport,
            HttpProxy proxy, InetSocketAddress proxyAddress) {
        InetSocketAddress dialed = proxyAddress != null ? proxyAddress : server;
        InetAddress localAddress = options.localAddress().orElse(null);
        Optional<TurnException> wrongFamily = Failures.familyMismatch(localAddress, dialed.getAddress());
        if (wrongFamily.isPresent()) {
            return CompletableFuture.failedFuture(wrongFamily.get());
        }
        if (closed || group.isShuttingDown()) {
            return CompletableFuture.failedFuture(new TurnException(Kind.CLOSED, "client closed"));
        }
        Session s = new Session(server, transport);
        live.add(s);
        s.result.whenComplete((v, e) -> live.remove(s));
        HttpConnectTunnel tunnel = proxy == null ? null : ProxyDial.tunnel(proxy, server);
        Bootstrap b = new Bootstrap().group(group);
        if (transport == MsTurnTransport.UDP) {
            b.channel(NioDatagramChannel.class)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65535))
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            tap(ch);
                            ch.pipeline().addLast(MsTurnStreamHandler.NAME, new MsTurnDatagramHandler(s, server));
                        }
                    });
        } else {
            b.channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.timers().connect().toMillis())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            if (tunnel != null) {
                                // Next to the socket, before the tap: the CONNECT (which may carry the proxy
                                // password) never reaches the wire listener; once open, the tunnel leaves the
                                // pipeline and the tap sees the pseudo-TLS records as they cross it.
                                ch.pipeline().addLast("proxy", tunnel);
                                tap(ch);
                            } else {
                                tap(ch);
                                ch.pipeline().addLast(MsTurnStreamHandler.NAME, new MsTurnStreamHandler(s));
                            }
                        }
                    });
        }
        s.event("msturn.connect", transport + " " + server + (proxy == null ? "" : " via HTTP proxy "
                + proxy.authority()));
        ChannelFuture cf;
        InetAddress a = dialed.getAddress();
        try {
            if (localAddress != null) {
                cf = b.connect(dialed, new InetSocketAddress(localAddress, 0));
            } else if (a.isLoopbackAddress()) {
                // Stay on loopback for loopback targets (tests must not bind anything else).
                cf = b.connect(dialed, new InetSocketAddress(a instanceof Inet6Address ? LOOPBACK6
                        : InetAddress.getLoopbackAddress(), 0));
            } else {
                cf = b.connect(dialed);
            }
        } catch (RejectedExecutionException e) {
            s.result.completeExceptionally(new TurnException(Kind.CLOSED, "client closed", null, e));
            return s.result;
        }
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                s.fail(Failures.classify(f.cause(), "connect to " + (proxy == null ? server
                        : "the HTTP proxy " + proxy.authority())));
                return;
            }
            if (transport == MsTurnTransport.TCP && cf.channel().localAddress() instanceof InetSocketAddress l) {
                wire(new WirePayload(WirePayload.Direction.SENT, WirePayload.Transport.TCP, l, server, 0, new byte[0]));
            }
            if (tunnel == null) {
                s.start(cf.channel());
                return;
            }
            Channel ch = cf.channel();
            s.event("proxy.connect", "CONNECT " + ProxyDial.authority(server) + " via " + proxy.authority()
                    + proxy.username().map(u -> " (Basic auth as " + u + ")").orElse(""));
            ScheduledFuture<?> wait = ch.eventLoop().schedule(() -> {
                if (!tunnel.result().isDone()) {
                    ch.close();
                    s.fail(new TurnException(Kind.TIMEOUT, "the HTTP proxy " + proxy.authority()
                            + " did not answer CONNECT " + ProxyDial.authority(server) + " within "
                            + options.timers().connect().toMillis() + " ms"));
                }
            }, options.timers().connect().toMillis(), TimeUnit.MILLISECONDS);
            tunnel.result().whenComplete((resp, err) -> {
                wait.cancel(false);
                TurnException refused = ProxyDial.outcome(proxy, server, resp, err);
                if (refused != null) {
                    s.event("proxy.refused", refused.getMessage());
                    ch.close();
                    s.fail(refused);
                    return;
                }
                s.event("proxy.established", resp.status() + " " + resp.reason());
                ch.eventLoop().execute(() -> {
                    ch.pipeline().addLast(MsTurnStreamHandler.NAME, new MsTurnStreamHandler(s));
                    tunnel.release(ch);
                    s.start(ch);
                });
            });
        });
        return s.result;
    }

    private void tap(Channel ch) {
        if (options.wireListener().isPresent()) {
            ch.pipeline().addLast("wire", new WireTap(this::wire));
        }
    }

    private void wire(WirePayload w) {
        options.wireListener().ifPresent(l -> {
            try {
                l.accept(w);
            } catch (RuntimeException ignored) {
                // A listener must not break the exchange it watches.
            }
        });
    }

    /**
     * Ends the running exchanges ({@link Kind#CLOSED}) and closes their connections; later calls to {@code allocate}
     * fail with {@link Kind#CLOSED}. The event loops are shared, so nothing waits for them.
     */
    @Override
    public void close() {
        closed = true;
        for (Session s : live) {
            s.abort();
        }
    }

    private static InetAddress loopback6() {
        try {
            return InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private enum Step { CONNECT, HELLO, CHALLENGE, AUTHENTICATED, RFC_PROBE, DONE }

    /** One exchange; every method but {@link #abort()} runs on the channel's event loop (after start). */
    private final class Session implements MsTurnSink {
        final CompletableFuture<MsTurnAllocation> result = new CompletableFuture<>();
        final InetSocketAddress server;
        final MsTurnTransport transport;
        final StunTimers timers = options.timers();
        final String username = options.credentials().map(c -> c.username()).orElse(null);
        final int msVersion = options.msVersion();
        final int lifetime = options.lifetime();
        final long startNanos = System.nanoTime();
        volatile Channel channel;
        Step step = Step.CONNECT;
        final byte[] hello = new byte[PseudoTls.ANSWER_LENGTH + 1];
        int helloLength;
        byte[] pendingTxid;
        byte[] pendingBytes;
        String pendingWhat;
        int sent;
        ScheduledFuture<?> timer;
        String realm;
        int serverVersion;
        IntegrityRegime regime;
        MsIntegrityKey key;

        Session(InetSocketAddress server, MsTurnTransport transport) {
            this.server = server;
            this.transport = transport;
        }

        void event(String kind, String detail) {
            try {
                options.listener().onEvent(new TimelineEvent(System.nanoTime() - startNanos, kind, detail));
            } catch (RuntimeException ignored) {
                // a listener's failure is not the exchange's
            }
        }

        void start(Channel ch) {
            channel = ch;
            ch.eventLoop().execute(() -> {
                if (result.isDone()) {
                    ch.close();
                    return;
                }
                event("msturn.connected", "local " + ch.localAddress());
                if (transport == MsTurnTransport.TCP) {
                    step = Step.HELLO;
                    cancel(timer);
                    timer = ch.eventLoop().schedule(() -> onTimeout("the pseudo-TLS answer"),
                            timers.connect().toMillis(), TimeUnit.MILLISECONDS);
                    event("pseudo-tls.hello", PseudoTls.hello().length + " bytes");
                    ch.writeAndFlush(Unpooled.wrappedBuffer(PseudoTls.hello()));
                } else {
                    sendFirstAllocate();
                }
            });
        }

        @Override
        public void onRaw(ByteBuf in) {
            if (result.isDone() || step != Step.HELLO) {
                return;
            }
            int n = Math.min(in.readableBytes(), hello.length - helloLength);
            in.readBytes(hello, helloLength, n);
            helloLength += n;
            int bad = PseudoTls.firstMismatch(hello, helloLength);
            if (bad >= 0) {
                fail(new TurnException(Kind.PSEUDO_TLS_INTERCEPTED, "pseudo-TLS hello to " + server
                        + " answered with " + PseudoTls.describe(hello, helloLength) + " (differs from the Edge's "
                        + "83-byte answer at offset " + bad + "); a middlebox is on the path, nothing else was sent"));
                return;
            }
            if (helloLength == PseudoTls.ANSWER_LENGTH) {
                event("pseudo-tls.answer", "the genuine " + PseudoTls.ANSWER_LENGTH + "-byte answer");
                channel.pipeline().addBefore(MsTurnStreamHandler.NAME, "framer", new MsTurnFrameDecoder());
                sendFirstAllocate();
            }
        }

        void sendFirstAllocate() {
            step = Step.CHALLENGE;
            MsTurnMessage m = MsTurnMessage.builder(MsTurnMessage.ALLOCATE_REQUEST)
                    .add(MsAttributes.magicCookie(), MsAttributes.msVersion(msVersion),
                            MsAttributes.lifetime(lifetime))
                    .build();
            send(m.transactionId(), m.toBytes(), "the 401 challenge to Allocate");
        }

        /** Starts a transaction: sends, and retransmits over UDP as the timer profile says. */
        void send(byte[] txid, byte[] bytes, String what) {
            pendingTxid = txid;
            pendingBytes = bytes;
            pendingWhat = what;
            sent = 0;
            transmit();
        }

        void transmit() {
            if (result.isDone() || pendingBytes == null) {
                return;
            }
            sent++;
            boolean stream = transport == MsTurnTransport.TCP;
            event(sent == 1 ? "msturn.request" : "msturn.retransmit", step.name().toLowerCase(Locale.ROOT)
                    + " #" + sent);
            write(pendingBytes);
            long wait = Retransmissions.waitMillis(timers, stream, sent);
            boolean last = Retransmissions.isLast(timers, stream, sent);
            String what = pendingWhat;
            cancel(timer);
            timer = channel.eventLoop().schedule(() -> {
                if (last) {
                    onTimeout(what);
                } else {
                    transmit();
                }
            }, wait, TimeUnit.MILLISECONDS);
        }

        void write(byte[] bytes) {
            if (transport == MsTurnTransport.UDP) {
                channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(bytes), server));
            } else {
                channel.writeAndFlush(Unpooled.wrappedBuffer(new MsTurnFrame(MsTurnFrame.CONTROL, bytes).toBytes()));
            }
        }

        /** The wait of the current step: the pseudo-TLS answer, or a transaction over this transport. */
        Duration waitFor() {
            return step == Step.HELLO ? timers.connect()
                    : timers.transactionTimeout(transport == MsTurnTransport.UDP);
        }

        void onTimeout(String what) {
            if (result.isDone()) {
                return;
            }
            if (step == Step.CHALLENGE && transport == MsTurnTransport.UDP && options.rfcProbeOnSilence()) {
                // Silence to an MS-TURN Allocate: an RFC server (coturn drops cookie-less requests) or nothing at
                // all. One credential-less RFC 5389 Binding tells them apart ("detect by response").
                step = Step.RFC_PROBE;
                byte[] binding = new byte[20];
                binding[1] = 0x01;
                binding[4] = 0x21;
                binding[5] = 0x12;
                binding[6] = (byte) 0xA4;
                binding[7] = 0x42;
                byte[] tx = new byte[12];
                RANDOM.nextBytes(tx);
                System.arraycopy(tx, 0, binding, 8, 12);
                send(null, binding, "an answer to an RFC 5389 Binding request");
                return;
            }
            if (step == Step.RFC_PROBE) {
                fail(new TurnException(Kind.TIMEOUT, "no answer from " + server + " over UDP within "
                        + timers.udpTimeout() + " to an MS-TURN Allocate, nor to an RFC 5389 Binding request"));
                return;
            }
            fail(new TurnException(Kind.TIMEOUT, "no " + what + " from " + server + " over " + transport
                    + " within " + waitFor()));
        }

        @Override
        public void onMessage(byte[] bytes) {
            if (result.isDone()) {
                return;
            }
            TurnDialect dialect = TurnDialect.detect(bytes);
            if (step == Step.RFC_PROBE) {
                if (dialect == TurnDialect.RFC_STUN) {
                    fail(new TurnException(Kind.DIALECT_MISMATCH, server + " ignored the MS-TURN Allocate but "
                            + "answered an RFC 5389 Binding request: an RFC STUN/TURN server, not an MS-TURN Edge"));
                }
                return;
            }
            if (dialect == TurnDialect.RFC_STUN) {
                fail(new TurnException(Kind.DIALECT_MISMATCH, server + " answered in the RFC 5389 dialect (magic "
                        + "cookie in the header): not an MS-TURN Edge"));
                return;
            }
            MsTurnMessage m;
            try {
                m = MsTurnMessage.decode(bytes);
            } catch (StunDecodeException e) {
                if (transport == MsTurnTransport.UDP) {
                    return; // a stray datagram cannot be trusted to end the exchange
                }
                fail(new TurnException(Kind.NOT_STUN, server + " sent a malformed MS-TURN message: "
                        + e.getMessage(), null, e));
                return;
            }
            if (pendingTxid == null || !m.hasTransactionId(pendingTxid)) {
                return; // not ours (late retransmission answer, or spoofed)
            }
            if (!m.hasMagicCookie()) {
                fail(new TurnException(Kind.DIALECT_MISMATCH, server + " answered without the MAGIC-COOKIE "
                        + "attribute first: not MS-TURN"));
                return;
            }
            try {
                if (step == Step.CHALLENGE) {
                    onChallenge(m);
                } else if (step == Step.AUTHENTICATED) {
                    onAllocated(m);
                }
            } catch (StunDecodeException e) {
                fail(new TurnException(Kind.PROTOCOL, server + ": malformed attribute: " + e.getMessage(), null, e));
            }
        }

        void onChallenge(MsTurnMessage m) {
            if (m.type() == MsTurnMessage.ALLOCATE_RESPONSE) {
                fail(new TurnException(Kind.PROTOCOL, server + " allocated without a 401 challenge: an Edge always "
                        + "challenges, and an unauthenticated response cannot be verified"));
                return;
            }
            if (m.type() != MsTurnMessage.ALLOCATE_ERROR) {
                fail(new TurnException(Kind.PROTOCOL, String.format("%s answered Allocate with type 0x%04x",
                        server, m.type())));
                return;
            }
            Optional<MsTurnError> err = m.errorCode();
            if (err.isEmpty() || err.get().code() != MsTurnError.UNAUTHORIZED) {
                fail(new TurnException(Kind.ERROR_RESPONSE, server + " answered Allocate with error "
                        + err.map(MsTurnError::toString).orElse("(no ERROR-CODE)") + " instead of a 401 challenge"));
                return;
            }
            Optional<String> r = m.realm();
            Optional<String> n = m.nonce();
            if (r.isEmpty() || n.isEmpty()) {
                fail(new TurnException(Kind.PROTOCOL, server + " sent 401 without "
                        + (r.isEmpty() ? "REALM (0x0015)" : "NONCE (0x0014)")));
                return;
            }
            realm = r.get();
            serverVersion = m.msVersion().orElse(0);
            regime = IntegrityRegime.negotiate(msVersion, serverVersion);
            if (username == null) {
                succeed(new MsTurnAllocation(server, transport, realm, serverVersion, regime, Optional.empty(),
                        Optional.empty(), 0));
                return;
            }
            key = MsIntegrityKey.derive(regime, username, realm, n.get(), options.credentials().get().password());
            step = Step.AUTHENTICATED;
            MsTurnMessage req = MsTurnMessage.builder(MsTurnMessage.ALLOCATE_REQUEST)
                    .add(MsAttributes.magicCookie(), MsAttributes.msVersion(msVersion),
                            MsAttributes.lifetime(lifetime), MsAttributes.username(username),
                            MsAttributes.realm(realm), MsAttributes.nonce(n.get()))
                    .build(key);
            send(req.transactionId(), req.toBytes(), "answer to the authenticated Allocate");
        }

        void onAllocated(MsTurnMessage m) {
            if (m.type() == MsTurnMessage.ALLOCATE_ERROR) {
                Optional<MsTurnError> err = m.errorCode();
                if (err.isPresent() && err.get().code() == MsTurnError.UNAUTHORIZED) {
                    fail(new TurnException(Kind.AUTH_FAILED, server + " rejected the credentials (401 to the "
                            + "authenticated Allocate, " + regime + ")"));
                } else {
                    fail(new TurnException(Kind.ERROR_RESPONSE, server + " answered the authenticated Allocate with "
                            + err.map(MsTurnError::toString).orElse("an error without ERROR-CODE")));
                }
                return;
            }
            if (m.type() != MsTurnMessage.ALLOCATE_RESPONSE) {
                fail(new TurnException(Kind.PROTOCOL, String.format("%s answered Allocate with type 0x%04x",
                        server, m.type())));
                return;
            }
            if (!m.checkIntegrity(key)) {
                fail(new TurnException(Kind.INTEGRITY, server + ": Allocate response MESSAGE-INTEGRITY "
                        + (m.hasIntegrity() ? "does not verify (" + regime + ")" : "is missing")));
                return;
            }
            Optional<InetSocketAddress> relayed = m.mappedAddress();
            if (relayed.isEmpty()) {
                fail(new TurnException(Kind.PROTOCOL, server + ": Allocate response without MAPPED-ADDRESS"));
                return;
            }
            succeed(new MsTurnAllocation(server, transport, realm, serverVersion, regime, relayed,
                    m.xorMappedAddress(), m.lifetime().orElse(0)));
        }

        @Override
        public void onClosed() {
            if (result.isDone()) {
                return;
            }
            if (transport == MsTurnTransport.UDP) {
                fail(new TurnException(Kind.CLOSED, "UDP channel to " + server + " closed"));
            } else if (step == Step.HELLO) {
                fail(new TurnException(Kind.PSEUDO_TLS_INTERCEPTED, server + " closed the connection after the "
                        + "pseudo-TLS hello, having sent " + PseudoTls.describe(hello, helloLength) + "; an Edge "
                        + "must answer it: a middlebox is on the path, nothing else was sent"));
            } else {
                fail(new TurnException(Kind.CLOSED, server + " closed the connection while waiting for "
                        + step.name().toLowerCase(Locale.ROOT)));
            }
        }

        @Override
        public void onError(Throwable cause) {
            if (result.isDone()) {
                return;
            }
            Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
            if (step == Step.HELLO && c instanceof IOException && !(c instanceof PortUnreachableException)) {
                fail(new TurnException(Kind.PSEUDO_TLS_INTERCEPTED, server + " reset the connection after the "
                        + "pseudo-TLS hello (" + c.getMessage() + "): a middlebox is on the path, nothing else was "
                        + "sent", null, c));
                return;
            }
            fail(Failures.classify(c, String.valueOf(server)));
        }

        void succeed(MsTurnAllocation a) {
            event(a.allocated() ? "msturn.allocated" : "msturn.challenged", a.allocated() ? "relayed "
                    + a.relayed().map(Object::toString).orElse("-") : "401 from realm \"" + a.realm() + "\"");
            finish();
            result.complete(a);
        }

        void fail(TurnException e) {
            event("msturn.failed", e.kind().name());
            finish();
            result.completeExceptionally(e);
        }

        /** From {@link #close()}, on any thread: the caller learns at once, the channel closes on its loop. */
        void abort() {
            // Fail first, so that the channel closing below is not mistaken for a middlebox or a server close.
            if (result.completeExceptionally(new TurnException(Kind.CLOSED, "client closed while talking to "
                    + server))) {
                Channel ch = channel;
                if (ch != null) {
                    ch.eventLoop().execute(this::finish);
                }
            }
        }

        private void finish() {
            step = Step.DONE;
            pendingBytes = null;
            cancel(timer);
            Channel ch = channel;
            if (ch != null) {
                ch.close();
            }
        }

        private void cancel(ScheduledFuture<?> f) {
            if (f != null) {
                f.cancel(false);
            }
        }
    }
}
