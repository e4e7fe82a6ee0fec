package io.mediapath.turn.msturn;

import io.mediapath.ice.probe.WirePayload;
import io.mediapath.ice.wire.PseudoTls;
import io.mediapath.turn.StunTimers;
import io.mediapath.turn.TurnException;
import io.mediapath.turn.TurnException.Kind;
import io.mediapath.turn.internal.Failures;
import io.mediapath.turn.internal.WireTap;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import io.mediapath.turn.stun.StunDecodeException;
import io.netty.channel.ConnectTimeoutException;

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
 * Every wait has a deadline. Failures are {@link TurnException}s: {@link Kind#CONNECT_REFUSED}, {@link
 * Kind#TIMEOUT}, {@link Kind#PSEUDO_TLS_INTERCEPTED} (a middlebox answered the hello), {@link
 * Kind#DIALECT_MISMATCH} (an RFC 5389 server: no MS-TURN 401), {@link Kind#ERROR_RESPONSE}, {@link
 * Kind#AUTH_FAILED} (401 again after the credentials), {@link Kind#INTEGRITY}, {@link Kind#NOT_STUN}, {@link
 * Kind#CLOSED}. Over UDP, when the Allocate gets no answer at all, the client asks once with a credential-less RFC
 * 5389 Binding request: an RFC answer means the server is alive but not an Edge ({@link Kind#DIALECT_MISMATCH}).
 *
 * <pre>{@code
 * try (MsTurnClient client = MsTurnClient.builder().credentials(user, pass).build()) {
 *     MsTurnAllocation a = client.allocate("edge.example.com", 443, MsTurnTransport.TCP).get();
 * }
 * }</pre>
 *
 * Thread-safe; owns one event loop thread until {@link #close()}.
 */
public final class MsTurnClient implements AutoCloseable {
    /**
     * Default MS-VERSION 3. MS-VERSION 3 is the first that carries HMAC-SHA256 integrity and is what svens/turner's
     * Lync-era vector uses; a Lync 2013 client may announce 4 (IPv6) or more, but 4+ promises IPv6 allocations and
     * 5/6 multiplexed TURN, which this client does not implement, so announcing them would be dishonest.
     */
    public static final int DEFAULT_MS_VERSION = 3;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long FIRST_RTO_MILLIS = 250;
    private static final InetAddress LOOPBACK6 = loopback6();

    private final EventLoopGroup group;
    private final String username;
    private final String password;
    private final int msVersion;
    private final int lifetime;
    private final Duration connectTimeout;
    private final Duration helloTimeout;
    private final Duration udpTimeout;
    private final Duration tcpTimeout;
    private final long firstRtoMillis;
    private final boolean rfcProbeOnSilence;
    private final InetAddress localAddress;
    private final java.util.function.Consumer<WirePayload> wireListener;
    private final java.util.Set<Session> live = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private MsTurnClient(Builder b) {
        this.username = b.username;
        this.password = b.password;
        this.msVersion = b.msVersion;
        this.lifetime = b.lifetime;
        this.connectTimeout = b.connectTimeout;
        this.helloTimeout = b.helloTimeout;
        this.udpTimeout = b.udpTimeout;
        this.tcpTimeout = b.tcpTimeout;
        this.firstRtoMillis = b.firstRtoMillis;
        this.rfcProbeOnSilence = b.rfcProbeOnSilence;
        this.localAddress = b.localAddress;
        this.wireListener = b.wireListener;
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    /** A builder with MS-VERSION {@value #DEFAULT_MS_VERSION}, no credentials, 5 s deadlines. */
    public static Builder builder() {
        return new Builder();
    }

    /** The MS-VERSION this client announces. */
    public int msVersion() {
        return msVersion;
    }

    /** Resolves {@code host} and allocates; see {@link #allocate(InetSocketAddress, MsTurnTransport)}. */
    public CompletableFuture<MsTurnAllocation> allocate(String host, int port, MsTurnTransport transport) {
        InetSocketAddress server;
        try {
            server = new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new TurnException(Kind.RESOLVE_FAILED,
                    "cannot resolve " + host + ": " + e.getMessage(), null, e));
        }
        return allocate(server, transport);
    }

    /** Runs the exchange described on the class against {@code server}. */
    public CompletableFuture<MsTurnAllocation> allocate(InetSocketAddress server, MsTurnTransport transport) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(transport, "transport");
        java.util.Optional<TurnException> wrongFamily = Failures.familyMismatch(localAddress, server.getAddress());
        if (wrongFamily.isPresent()) {
            return CompletableFuture.failedFuture(wrongFamily.get());
        }
        Session s = new Session(server, transport);
        if (group.isShuttingDown()) {
            return CompletableFuture.failedFuture(new TurnException(Kind.CLOSED, "client closed"));
        }
        live.add(s);
        s.result.whenComplete((v, e) -> live.remove(s));
        Bootstrap b = new Bootstrap().group(group);
        if (transport == MsTurnTransport.UDP) {
            b.channel(NioDatagramChannel.class)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65535))
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            tap(ch);
                            ch.pipeline().addLast("msturn", new UdpHandler(s));
                        }
                    });
        } else {
            b.channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            tap(ch);
                            ch.pipeline().addLast("msturn", new TcpHandler(s));
                        }
                    });
        }
        ChannelFuture cf;
        InetAddress a = server.getAddress();
        try {
            if (localAddress != null) {
                cf = b.connect(server, new InetSocketAddress(localAddress, 0));
            } else if (a.isLoopbackAddress()) {
                // Stay on loopback for loopback targets (tests must not bind anything else).
                cf = b.connect(server, new InetSocketAddress(a instanceof Inet6Address ? LOOPBACK6
                        : InetAddress.getLoopbackAddress(), 0));
            } else {
                cf = b.connect(server);
            }
        } catch (java.util.concurrent.RejectedExecutionException e) {
            s.result.completeExceptionally(new TurnException(Kind.CLOSED, "client closed", null, e));
            return s.result;
        }
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                s.fail(classify(f.cause(), "connect to " + server));
                return;
            }
            if (wireListener != null && transport == MsTurnTransport.TCP
                    && cf.channel().localAddress() instanceof InetSocketAddress l) {
                wire(new WirePayload(WirePayload.Direction.SENT, WirePayload.Transport.TCP, l, server, 0, new byte[0]));
            }
            s.start(cf.channel());
        });
        return s.result;
    }

    private void tap(Channel ch) {
        if (wireListener != null) {
            ch.pipeline().addLast("wire", new WireTap(this::wire));
        }
    }

    private void wire(WirePayload w) {
        try {
            wireListener.accept(w);
        } catch (RuntimeException ignored) {
            // A listener must not break the exchange it watches.
        }
    }

    /** Closes the event loop; running exchanges fail with {@link Kind#CLOSED}. Waits up to five seconds. */
    @Override
    public void close() {
        for (Session s : live) {
            // Fail first, so that the channel closing below is not mistaken for a middlebox or a server close.
            s.result.completeExceptionally(new TurnException(Kind.CLOSED, "client closed while talking to "
                    + s.server));
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private static InetAddress loopback6() {
        try {
            return InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static TurnException classify(Throwable t, String what) {
        return Failures.classify(t, what);
    }

    private enum Step { CONNECT, HELLO, CHALLENGE, AUTHENTICATED, RFC_PROBE, DONE }

    /** One exchange; every method runs on the channel's event loop (after start). */
    private final class Session {
        final CompletableFuture<MsTurnAllocation> result = new CompletableFuture<>();
        final InetSocketAddress server;
        final MsTurnTransport transport;
        Channel channel;
        Step step = Step.CONNECT;
        final byte[] hello = new byte[PseudoTls.ANSWER_LENGTH + 1];
        int helloLength;
        byte[] pendingTxid;
        byte[] pendingBytes;
        ScheduledFuture<?> deadline;
        ScheduledFuture<?> retransmit;
        String realm;
        int serverVersion;
        IntegrityRegime regime;
        MsIntegrityKey key;

        Session(InetSocketAddress server, MsTurnTransport transport) {
            this.server = server;
            this.transport = transport;
        }

        void start(Channel ch) {
            channel = ch;
            ch.eventLoop().execute(() -> {
                if (result.isDone()) {
                    ch.close();
                    return;
                }
                if (transport == MsTurnTransport.TCP) {
                    step = Step.HELLO;
                    arm("the pseudo-TLS answer");
                    ch.writeAndFlush(Unpooled.wrappedBuffer(PseudoTls.hello()));
                } else {
                    sendFirstAllocate();
                }
            });
        }

        void onHelloBytes(ByteBuf in) {
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
                channel.pipeline().addBefore("msturn", "framer", new MsTurnFrameDecoder());
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

        void send(byte[] txid, byte[] bytes, String what) {
            pendingTxid = txid;
            pendingBytes = bytes;
            arm(what);
            write(bytes);
            if (transport == MsTurnTransport.UDP) {
                scheduleRetransmit(firstRtoMillis);
            }
        }

        void write(byte[] bytes) {
            if (transport == MsTurnTransport.UDP) {
                channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(bytes), server));
            } else {
                channel.writeAndFlush(Unpooled.wrappedBuffer(new MsTurnFrame(MsTurnFrame.CONTROL, bytes).toBytes()));
            }
        }

        void scheduleRetransmit(long rto) {
            cancel(retransmit);
            retransmit = channel.eventLoop().schedule(() -> {
                if (!result.isDone() && pendingBytes != null) {
                    write(pendingBytes);
                    scheduleRetransmit(rto * 2);
                }
            }, rto, TimeUnit.MILLISECONDS);
        }

        void arm(String what) {
            cancel(deadline);
            deadline = channel.eventLoop().schedule(() -> onTimeout(what), waitFor().toMillis(),
                    TimeUnit.MILLISECONDS);
        }

        /** The wait of the current step: the pseudo-TLS answer, or a transaction over this transport. */
        Duration waitFor() {
            return step == Step.HELLO ? helloTimeout : transport == MsTurnTransport.UDP ? udpTimeout : tcpTimeout;
        }

        void onTimeout(String what) {
            if (result.isDone()) {
                return;
            }
            if (step == Step.CHALLENGE && transport == MsTurnTransport.UDP && rfcProbeOnSilence) {
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
                        + udpTimeout + " to an MS-TURN Allocate, nor to an RFC 5389 Binding request"));
                return;
            }
            fail(new TurnException(Kind.TIMEOUT, "no " + what + " from " + server + " over " + transport
                    + " within " + waitFor()));
        }

        void onMessage(byte[] bytes) {
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
            key = MsIntegrityKey.derive(regime, username, realm, n.get(), password);
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

        void onClosed() {
            if (step == Step.HELLO) {
                fail(new TurnException(Kind.PSEUDO_TLS_INTERCEPTED, server + " closed the connection after the "
                        + "pseudo-TLS hello, having sent " + PseudoTls.describe(hello, helloLength) + "; an Edge "
                        + "must answer it: a middlebox is on the path, nothing else was sent"));
            } else {
                fail(new TurnException(Kind.CLOSED, server + " closed the connection while waiting for "
                        + step.name().toLowerCase(java.util.Locale.ROOT)));
            }
        }

        void onError(Throwable cause) {
            Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
            if (step == Step.HELLO && c instanceof IOException && !(c instanceof PortUnreachableException)) {
                fail(new TurnException(Kind.PSEUDO_TLS_INTERCEPTED, server + " reset the connection after the "
                        + "pseudo-TLS hello (" + c.getMessage() + "): a middlebox is on the path, nothing else was "
                        + "sent", null, c));
                return;
            }
            fail(classify(c, String.valueOf(server)));
        }

        void succeed(MsTurnAllocation a) {
            finish();
            result.complete(a);
        }

        void fail(TurnException e) {
            finish();
            result.completeExceptionally(e);
        }

        private void finish() {
            step = Step.DONE;
            pendingBytes = null;
            cancel(deadline);
            cancel(retransmit);
            if (channel != null) {
                channel.close();
            }
        }

        private void cancel(ScheduledFuture<?> f) {
            if (f != null) {
                f.cancel(false);
            }
        }
    }

    private static final class TcpHandler extends ChannelInboundHandlerAdapter {
        private final Session s;

        TcpHandler(Session s) {
            this.s = s;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof MsTurnFrame f) {
                    if (f.type() == MsTurnFrame.CONTROL) {
                        s.onMessage(f.payload());
                    }
                } else if (msg instanceof ByteBuf b) {
                    if (s.step == Step.HELLO) {
                        s.onHelloBytes(b);
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!s.result.isDone()) {
                s.onClosed();
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!s.result.isDone()) {
                s.onError(cause);
            }
            ctx.close();
        }
    }

    private static final class UdpHandler extends ChannelInboundHandlerAdapter {
        private final Session s;

        UdpHandler(Session s) {
            this.s = s;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof DatagramPacket p && p.sender().equals(s.server)) {
                    ByteBuf c = p.content();
                    byte[] b = new byte[c.readableBytes()];
                    c.getBytes(c.readerIndex(), b);
                    s.onMessage(b);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!s.result.isDone()) {
                s.onError(cause);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!s.result.isDone()) {
                s.fail(new TurnException(Kind.CLOSED, "UDP channel to " + s.server + " closed"));
            }
            ctx.fireChannelInactive();
        }
    }

    /** Builds an {@link MsTurnClient}. */
    public static final class Builder {
        private String username;
        private String password;
        private int msVersion = DEFAULT_MS_VERSION;
        private int lifetime = 600;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration helloTimeout = Duration.ofSeconds(5);
        private Duration udpTimeout = Duration.ofSeconds(5);
        private Duration tcpTimeout = Duration.ofSeconds(5);
        private long firstRtoMillis = FIRST_RTO_MILLIS;
        private boolean rfcProbeOnSilence = true;
        private InetAddress localAddress;
        private java.util.function.Consumer<WirePayload> wireListener;

        private Builder() {
        }

        /**
         * Receives, on the event loop, every payload the client's sockets write or read (the pseudo-TLS hello and
         * answer, each MS-TURN frame or datagram), and a zero-byte payload when a TCP connect completes: what a
         * ladder diagram or a reconstructed capture is drawn from. A listener that throws is ignored.
         */
        public Builder wireListener(java.util.function.Consumer<WirePayload> listener) {
            this.wireListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The MRAS-issued long-term credentials. Without them the client stops after the 401 challenge (which
         * already proves the path) and sends no USERNAME.
         */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * The MS-VERSION to announce (1..6); default {@value MsTurnClient#DEFAULT_MS_VERSION}. Below 3 selects
         * HMAC-SHA1 integrity.
         */
        public Builder msVersion(int version) {
            if (version < 1 || version > 6) {
                throw new IllegalArgumentException("msVersion: " + version + " (expected: 1 ~ 6)");
            }
            this.msVersion = version;
            return this;
        }

        /** The LIFETIME to request, in seconds; default 600. */
        public Builder lifetime(int seconds) {
            if (seconds < 0) {
                throw new IllegalArgumentException("lifetime: " + seconds + " (expected: >= 0)");
            }
            this.lifetime = seconds;
            return this;
        }

        /** TCP connect deadline; default 5 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** Deadline of each step (pseudo-TLS answer, each Allocate transaction); default 5 s. */
        public Builder transactionTimeout(Duration timeout) {
            this.helloTimeout = positive(timeout, "transactionTimeout");
            this.udpTimeout = timeout;
            this.tcpTimeout = timeout;
            return this;
        }

        /**
         * Every wait from one profile, as the RFC client takes it: TCP connect and the pseudo-TLS answer wait
         * {@link StunTimers#connect()}, a UDP transaction retransmits from {@link StunTimers#rto()} and lasts
         * {@link StunTimers#udpTimeout()}, a TCP transaction lasts {@link StunTimers#ti()}. So {@link StunTimers#FAST}
         * gives up on each within 2.75 s. The UDP silence check ({@link #rfcProbeOnSilence}) is one more transaction.
         */
        public Builder timers(StunTimers timers) {
            Objects.requireNonNull(timers, "timers");
            this.connectTimeout = positive(timers.connect(), "connect");
            this.helloTimeout = timers.connect();
            this.udpTimeout = positive(timers.udpTimeout(), "udpTimeout");
            this.tcpTimeout = positive(timers.ti(), "ti");
            this.firstRtoMillis = Math.max(1, timers.rto().toMillis());
            return this;
        }

        /** Whether UDP silence is followed by one credential-less RFC 5389 Binding to classify; default true. */
        public Builder rfcProbeOnSilence(boolean enabled) {
            this.rfcProbeOnSilence = enabled;
            return this;
        }

        /** The local IP to connect from (port chosen by the system); default: the routing table's choice. */
        public Builder localAddress(InetAddress ip) {
            this.localAddress = ip;
            return this;
        }

        /** A client with this configuration (starts one event loop thread). */
        public MsTurnClient build() {
            return new MsTurnClient(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(what + ": " + d + " (expected: positive)");
            }
            return d;
        }
    }
}
