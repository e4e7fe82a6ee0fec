package io.mediapath.lab.proxy;

import io.mediapath.ice.TransportAddress;
import io.mediapath.lab.netns.NetworkNamespace;
import io.mediapath.lab.pki.IssuedCertificate;
import io.mediapath.lab.pki.LabCa;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;

/**
 * An in-process middlebox on loopback that answers a TLS or MS-TURN pseudo-TLS hello the way application-layer
 * firewalls and web-security proxies do (see {@link Mode}). Every answer is produced locally: the proxy does not
 * dial an upstream, so what a probe sees is exactly the mode's signature.
 *
 * <pre>{@code
 * try (InterceptingProxy proxy = InterceptingProxy.builder().mode(Mode.ONE_RECORD_PER_PACKET).start()) {
 *     TransportAddress target = proxy.address();
 *     X509Certificate issuer = proxy.ca().certificate();   // what a forged chain is signed by
 * }
 * }</pre>
 */
public final class InterceptingProxy implements AutoCloseable {

    /** What the proxy does with a connection once the client's first bytes (the hello) arrived. */
    public enum Mode {
        /**
         * Terminates real TLS (JDK TLS 1.2/1.3) with a leaf forged by the lab CA: ServerHello, Certificate, ... as
         * a real TLS stack sends them. A pseudo-TLS hello (TLS 1.0, anonymous RC4 only) is refused by that stack
         * with an alert, as sslsplit and squid refuse it.
         */
        FORGE,
        /** Plaintext {@code HTTP/1.1 407 Proxy Authentication Required} with {@code Proxy-Authenticate: Basic}. */
        HTTP_407,
        /** Plaintext {@code HTTP/1.1 302 Found} with a {@code Location} to a login portal (Websense style). */
        HTTP_302_PORTAL,
        /** Reads the hello, then resets the connection (SO_LINGER 0, so the client sees RST). */
        RESET,
        /** Reads the hello, then closes normally (FIN, no bytes). */
        CLOSE,
        /** Answers a fatal {@code handshake_failure(40)} alert record, then closes. */
        TLS_ALERT,
        /**
         * The seeds' signature: answers any hello with its own ServerHello, Certificate (forged leaf + lab CA) and
         * ServerHelloDone, each in its own record and its own TCP write, {@link Builder#recordGap} apart; then
         * waits.
         */
        ONE_RECORD_PER_PACKET,
        /** The same three records as {@link #ONE_RECORD_PER_PACKET} in a single TCP write (OpenSSL's layout). */
        FORGED_FLIGHT,
        /** Reads and discards everything, never answers; the connection stays open. */
        SILENCE,
        /**
         * Passes every byte through to {@link Builder#upstream} and back, but changes one byte of what the client
         * sends, at {@link Builder#modifyOffset} (XOR 0x20): a proxy that rewrites the hello. The only mode that
         * dials an upstream.
         */
        PASS_THROUGH_MODIFY
    }

    private static final int MAX_HELLO = 5 + 16384;

    private final Mode mode;
    private final LabCa ca;
    private final IssuedCertificate forgedLeaf;
    private final SslContext forgeContext;
    private final Duration recordGap;
    private final Duration idleTimeout;
    private final String portalLocation;
    private final String realm;
    private final InetSocketAddress upstream;
    private final int modifyOffset;
    private final EventLoopGroup group;
    private final Channel server;
    private final TransportAddress address;
    private final AtomicLong connections = new AtomicLong();
    private final SecureRandom random = new SecureRandom();

    private InterceptingProxy(Builder b) {
        this.mode = b.mode;
        this.ca = b.ca != null ? b.ca : LabCa.builder()
                .subject("CN=mediapath Lab Interception CA,O=mediapath lab proxy,OU=SSL Inspection").build();
        this.forgedLeaf = b.mimic != null ? ca.forge(b.mimic)
                : ca.forge(new X500Principal("CN=" + b.names.get(0)), b.names.toArray(new String[0]));
        this.forgeContext = mode == Mode.FORGE ? forgedLeaf.nettyServerContext() : null;
        this.recordGap = b.recordGap;
        this.idleTimeout = b.idleTimeout;
        this.portalLocation = b.portalLocation;
        this.realm = b.realm;
        if (mode == Mode.PASS_THROUGH_MODIFY && b.upstream == null) {
            throw new IllegalArgumentException("PASS_THROUGH_MODIFY needs an upstream");
        }
        this.upstream = b.upstream == null ? null : new InetSocketAddress(b.upstream.host(), b.upstream.port());
        this.modifyOffset = b.modifyOffset;
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            this.server = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.incrementAndGet();
                            if (mode == Mode.FORGE) {
                                ch.pipeline().addLast(forgeContext.newHandler(ch.alloc()));
                                ch.pipeline().addLast(new Discard(idleTimeout));
                            } else if (mode == Mode.PASS_THROUGH_MODIFY) {
                                ch.config().setAutoRead(false);
                                ch.pipeline().addLast(new PassThrough());
                            } else if (mode == Mode.SILENCE) {
                                ch.pipeline().addLast(new Discard(idleTimeout));
                            } else {
                                ch.pipeline().addLast(new HelloCollector());
                            }
                        }
                    })
                    .bind(new InetSocketAddress(b.bindAddress, b.port)).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            throw e;
        }
        InetSocketAddress local = (InetSocketAddress) server.localAddress();
        this.address = new TransportAddress(local.getAddress().getHostAddress(), local.getPort());
    }

    /** Starts a builder: 127.0.0.1, ephemeral port, mode {@link Mode#FORGE}, a fresh lab CA. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts a proxy in {@code mode} on 127.0.0.1 and an ephemeral port, with a fresh lab CA. */
    public static InterceptingProxy start(Mode mode) {
        return builder().mode(mode).start();
    }

    /** Where clients connect. */
    public TransportAddress address() {
        return address;
    }

    /** The mode this proxy runs in. */
    public Mode mode() {
        return mode;
    }

    /** The CA that signs the forged leaf (the "interception CA" a probe should find as issuer). */
    public LabCa ca() {
        return ca;
    }

    /** The forged leaf and chain this proxy presents in FORGE, ONE_RECORD_PER_PACKET and FORGED_FLIGHT. */
    public IssuedCertificate forgedLeaf() {
        return forgedLeaf;
    }

    /** How many connections were accepted. */
    public long connections() {
        return connections.get();
    }

    /** Closes the listener and every connection; waits up to five seconds. */
    @Override
    public void close() {
        server.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "InterceptingProxy[" + mode + " " + address + "]";
    }

    private void answer(ChannelHandlerContext ctx, byte[] hello) {
        int version = Flights.version(hello);
        switch (mode) {
            case HTTP_407 -> writeAndClose(ctx, Flights.http("407 Proxy Authentication Required",
                    "Proxy-Authenticate: Basic realm=\"" + realm + "\"\r\n", "Proxy Authentication Required",
                    "Please log in to the web gateway."));
            case HTTP_302_PORTAL -> writeAndClose(ctx, Flights.http("302 Found", "Location: " + portalLocation + "\r\n",
                    "Authentication Required", "You are being redirected to the login portal."));
            case RESET -> {
                // SO_LINGER 0 makes close() send RST instead of FIN.
                ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                ctx.close();
            }
            case CLOSE -> ctx.close();
            case TLS_ALERT -> writeAndClose(ctx, Flights.alertRecord(version));
            case FORGED_FLIGHT -> {
                byte[] sh = Flights.serverHelloRecord(version, random);
                byte[] cert = Flights.certificateRecord(version, forgedLeaf.chain());
                byte[] done = Flights.serverHelloDoneRecord(version);
                ctx.writeAndFlush(Unpooled.wrappedBuffer(sh, cert, done));
                ctx.pipeline().addLast(new Discard(idleTimeout));
            }
            case ONE_RECORD_PER_PACKET -> {
                byte[] sh = Flights.serverHelloRecord(version, random);
                byte[] cert = Flights.certificateRecord(version, forgedLeaf.chain());
                byte[] done = Flights.serverHelloDoneRecord(version);
                long gap = recordGap.toNanos();
                ctx.writeAndFlush(Unpooled.wrappedBuffer(sh));
                ctx.executor().schedule(() -> {
                    if (ctx.channel().isActive()) {
                        ctx.writeAndFlush(Unpooled.wrappedBuffer(cert));
                    }
                }, gap, TimeUnit.NANOSECONDS);
                ctx.executor().schedule(() -> {
                    if (ctx.channel().isActive()) {
                        ctx.writeAndFlush(Unpooled.wrappedBuffer(done));
                    }
                }, 2 * gap, TimeUnit.NANOSECONDS);
                ctx.pipeline().addLast(new Discard(idleTimeout));
            }
            default -> throw new IllegalStateException("mode " + mode + " does not collect a hello");
        }
    }

    private static void writeAndClose(ChannelHandlerContext ctx, byte[] bytes) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes)).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Collects the client's first bytes: one whole TLS record, or an HTTP request head, or whatever arrived when
     * the client pauses (a short quiet period), bounded to one maximal record. Then hands them to the mode.
     */
    /** {@link Mode#PASS_THROUGH_MODIFY}: client bytes to the upstream with one changed, upstream bytes back as they are. */
    private final class PassThrough extends ChannelInboundHandlerAdapter {
        private Channel up;
        private long offset;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel client = ctx.channel();
            new io.netty.bootstrap.Bootstrap().group(client.eventLoop()).channel(io.netty.channel.socket.nio.NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                    .handler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext u, Object msg) {
                            client.writeAndFlush(msg);
                        }

                        @Override
                        public void channelInactive(ChannelHandlerContext u) {
                            client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                        }

                        @Override
                        public void exceptionCaught(ChannelHandlerContext u, Throwable cause) {
                            u.close();
                        }
                    })
                    .connect(upstream).addListener((io.netty.channel.ChannelFutureListener) f -> {
                        if (f.isSuccess()) {
                            up = f.channel();
                            client.config().setAutoRead(true);
                        } else {
                            client.close();
                        }
                    });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            int n = b.readableBytes();
            if (modifyOffset >= offset && modifyOffset < offset + n) {
                int i = b.readerIndex() + (int) (modifyOffset - offset);
                b.setByte(i, b.getByte(i) ^ 0x20);
            }
            offset += n;
            up.writeAndFlush(b);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (up != null) {
                up.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private final class HelloCollector extends ChannelInboundHandlerAdapter {
        private static final long QUIET_MILLIS = 200;
        private ByteBuf cumulation;
        private ScheduledFuture<?> timer;
        private boolean done;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            timer = ctx.executor().schedule(() -> finish(ctx), idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            if (done) {
                in.release();
                return;
            }
            if (cumulation == null) {
                cumulation = ctx.alloc().buffer(512);
            }
            try {
                cumulation.writeBytes(in, Math.min(in.readableBytes(), MAX_HELLO - cumulation.readableBytes()));
            } finally {
                in.release();
            }
            if (complete()) {
                finish(ctx);
                return;
            }
            if (timer != null) {
                timer.cancel(false);
            }
            timer = ctx.executor().schedule(() -> finish(ctx), QUIET_MILLIS, TimeUnit.MILLISECONDS);
        }

        private boolean complete() {
            int n = cumulation.readableBytes();
            if (n >= MAX_HELLO) {
                return true;
            }
            int ri = cumulation.readerIndex();
            if (n >= 5 && cumulation.getByte(ri) == 0x16) {
                return n >= 5 + cumulation.getUnsignedShort(ri + 3);
            }
            return cumulation.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n");
        }

        private void finish(ChannelHandlerContext ctx) {
            if (done) {
                return;
            }
            done = true;
            if (timer != null) {
                timer.cancel(false);
            }
            byte[] hello = new byte[0];
            if (cumulation != null) {
                hello = new byte[cumulation.readableBytes()];
                cumulation.readBytes(hello);
                cumulation.release();
                cumulation = null;
            }
            if (!ctx.channel().isActive()) {
                return;
            }
            if (hello.length == 0) {
                ctx.close(); // the idle deadline passed without a hello
                return;
            }
            answer(ctx, hello);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            done = true;
            if (timer != null) {
                timer.cancel(false);
            }
            if (cumulation != null) {
                cumulation.release();
                cumulation = null;
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Discards input, closes after the idle timeout; swallows the client's resets and TLS failures. */
    private static final class Discard extends ChannelInboundHandlerAdapter {
        private final Duration idleTimeout;
        private ScheduledFuture<?> timer;

        Discard(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            timer = ctx.executor().schedule(() -> {
                ctx.close();
            }, idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (timer != null) {
                timer.cancel(false);
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Builds and starts an {@link InterceptingProxy}. */
    public static final class Builder {
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private Mode mode = Mode.FORGE;
        private LabCa ca;
        private X509Certificate mimic;
        private List<String> names = List.of("relay.lync.test");
        private Duration recordGap = Duration.ofMillis(30);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private String portalLocation = "http://gateway.lab.invalid:15871/cgi-bin/auth?ws-session=1";
        private String realm = "Web Gateway";
        private TransportAddress upstream;
        private int modifyOffset = 30;

        private Builder() {
        }

        /**
         * The listening address: 127.0.0.0/8 or ::1 only.
         *
         * @throws IllegalArgumentException for any other address
         */
        public Builder bindAddress(String address) {
            InetAddress a;
            try {
                a = InetAddress.getByName(Objects.requireNonNull(address, "address"));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("bind address: " + address + " (expected: an IP literal)", e);
            }
            return bindAddress(a);
        }

        /**
         * The listening address: 127.0.0.0/8 or ::1 on the host; any address but the wildcard inside a network
         * namespace a test created (a middlebox of {@code NetnsSeedTopology}).
         */
        public Builder bindAddress(InetAddress address) {
            if (!NetworkNamespace.isLoopback(Objects.requireNonNull(address, "address"))
                    && (address.isAnyLocalAddress() || !NetworkNamespace.isPrivate())) {
                throw new IllegalArgumentException("bind address: " + address.getHostAddress()
                        + " (expected: 127.0.0.0/8 or ::1; the proxy never binds anything else outside a test's"
                        + " network namespace)");
            }
            this.bindAddress = address;
            return this;
        }

        /** The port; 0 (the default) for an ephemeral one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " (expected: 0 ~ 65535)");
            }
            this.port = port;
            return this;
        }

        /** What the proxy does with a hello; default {@link Mode#FORGE}. */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** The interception CA that signs the forged leaf; default a fresh one. */
        public Builder ca(LabCa ca) {
            this.ca = Objects.requireNonNull(ca, "ca");
            return this;
        }

        /** Forge the leaf from this original certificate (subject and subjectAltName copied). */
        public Builder mimic(X509Certificate original) {
            this.mimic = Objects.requireNonNull(original, "original");
            return this;
        }

        /** Forge the leaf from these names when there is no original; default {@code relay.lync.test}. */
        public Builder forgedNames(String... names) {
            if (names.length == 0 || names[0].isBlank()) {
                throw new IllegalArgumentException("forgedNames: at least one name");
            }
            this.names = List.of(names);
            return this;
        }

        /** The delay between the records in {@link Mode#ONE_RECORD_PER_PACKET}; default 30 ms. */
        public Builder recordGap(Duration gap) {
            if (gap.isNegative() || gap.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new IllegalArgumentException("recordGap: " + gap + " (expected: 0 ~ 10 s)");
            }
            this.recordGap = gap;
            return this;
        }

        /** How long a connection may stay without a hello, or open after the answer; default 60 s. */
        public Builder idleTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout: " + timeout + " (expected: positive)");
            }
            this.idleTimeout = timeout;
            return this;
        }

        /** The {@code Location} of {@link Mode#HTTP_302_PORTAL}. */
        public Builder portalLocation(String location) {
            if (location.isBlank() || location.contains("\r") || location.contains("\n")) {
                throw new IllegalArgumentException("portalLocation: " + location + " (expected: one line)");
            }
            this.portalLocation = location;
            return this;
        }

        /** The Basic realm of {@link Mode#HTTP_407}. */
        public Builder realm(String realm) {
            if (realm.contains("\"") || realm.contains("\r") || realm.contains("\n")) {
                throw new IllegalArgumentException("realm: " + realm + " (expected: no quotes or line breaks)");
            }
            this.realm = realm;
            return this;
        }

        /** Where {@link Mode#PASS_THROUGH_MODIFY} passes the bytes (an IP literal and port). */
        public Builder upstream(TransportAddress upstream) {
            this.upstream = Objects.requireNonNull(upstream, "upstream");
            return this;
        }

        /** The offset in the client's stream of the byte {@link Mode#PASS_THROUGH_MODIFY} changes; default 30. */
        public Builder modifyOffset(int offset) {
            if (offset < 0) {
                throw new IllegalArgumentException("modifyOffset: " + offset + " (expected: 0 or more)");
            }
            this.modifyOffset = offset;
            return this;
        }

        /** Binds and returns the running proxy. */
        public InterceptingProxy start() {
            return new InterceptingProxy(this);
        }
    }
}
