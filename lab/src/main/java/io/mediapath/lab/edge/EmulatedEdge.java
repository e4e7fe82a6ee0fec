package io.mediapath.lab.edge;

import io.mediapath.ice.TransportAddress;
import io.mediapath.lab.netns.NetworkNamespace;
import io.netty.bootstrap.Bootstrap;
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
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An emulated Lync/Skype for Business Edge on TCP: reads the 50-byte MS-TURN pseudo-TLS ClientHello and answers
 * the genuine single 83-byte record (ServerHello + ServerHelloDone, no Certificate; fresh random and session id),
 * then keeps the connection open and discards what follows — unless {@link Builder#msTurn} is set: then it answers
 * MS-TURN Allocates inside the 4-byte framing, and on a UDP listener too.
 *
 * <p>A first record that is not a ClientHello offering cipher 0x0018, or a hello not complete within the hello
 * deadline, is answered by closing the connection (FIN). Binds only to 127.0.0.0/8 or ::1, or to any address when
 * running inside a private network namespace (see {@link NetworkNamespace#checkBindable}).
 *
 * <pre>{@code
 * try (EmulatedEdge edge = EmulatedEdge.start()) {
 *     TransportAddress relay = edge.address();   // 127.0.0.1:<ephemeral>
 * }
 * }</pre>
 *
 * <p>It also runs standalone (used inside network namespaces):
 * {@code java -cp ... io.mediapath.lab.edge.EmulatedEdge <bind-address> <port> [<udp-port> <user> <password>]}
 * (the optional part adds MS-TURN and the UDP listener); it prints {@code LISTENING host:port} and runs until killed.
 */
public final class EmulatedEdge implements AutoCloseable {

    private static final int MAX_RECORD = 5 + 16384;

    private final EventLoopGroup group;
    private final List<Channel> servers;
    private final List<TransportAddress> addresses;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final SecureRandom random = new SecureRandom();
    /** MS-TURN Allocate service; null unless {@link Builder#msTurn} was called. */
    private final EdgeTurnService turn;
    private final TransportAddress udpAddress;

    private EmulatedEdge(Builder b) {
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.turn = b.turnUser == null ? null
                : new EdgeTurnService(b.turnUser, b.turnPassword, b.turnRealm, b.turnVersion,
                        b.turnCorruptIntegrity, random);
        TransportAddress udpAddr = null;
        List<Channel> chans = new ArrayList<>();
        List<TransportAddress> addrs = new ArrayList<>();
        try {
            ServerBootstrap sb = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HelloHandler(b.helloDeadline));
                        }
                    });
            for (InetSocketAddress bind : b.binds) {
                Channel ch = sb.bind(bind).syncUninterruptibly().channel();
                chans.add(ch);
                InetSocketAddress local = (InetSocketAddress) ch.localAddress();
                addrs.add(new TransportAddress(local.getAddress().getHostAddress(), local.getPort()));
            }
            if (turn != null) {
                // The Edge's UDP 3478 listener, on the first bind address: MS-TURN without pseudo-TLS or framing.
                Channel u = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                        .handler(new UdpTurnHandler())
                        .bind(new InetSocketAddress(b.binds.get(0).getAddress(), b.udpPort)).syncUninterruptibly().channel();
                chans.add(u);
                InetSocketAddress local = (InetSocketAddress) u.localAddress();
                udpAddr = new TransportAddress(local.getAddress().getHostAddress(), local.getPort());
            }
        } catch (RuntimeException e) {
            chans.forEach(Channel::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            throw e;
        }
        this.servers = List.copyOf(chans);
        this.addresses = List.copyOf(addrs);
        this.udpAddress = udpAddr;
    }

    /** Starts an edge on 127.0.0.1 and an ephemeral port. */
    public static EmulatedEdge start() {
        return builder().start();
    }

    /** Starts a builder; without a bind call it binds 127.0.0.1 on an ephemeral port. */
    public static Builder builder() {
        return new Builder();
    }

    /** The first (usually only) listening address. */
    public TransportAddress address() {
        return addresses.get(0);
    }

    /** Every listening address, in bind order. */
    public List<TransportAddress> addresses() {
        return addresses;
    }

    /** How many pseudo-TLS hellos were answered with the genuine 83-byte record. */
    public long answered() {
        return answered.get();
    }

    /** How many connections were closed because their first record was not a pseudo-TLS hello. */
    public long rejected() {
        return rejected.get();
    }

    /** The MS-TURN UDP listener (same IP as the first TCP address), present when {@link Builder#msTurn} was set. */
    public java.util.Optional<TransportAddress> udpAddress() {
        return java.util.Optional.ofNullable(udpAddress);
    }

    /** How many MS-TURN Allocate requests (TCP and UDP) arrived. */
    public long allocateRequests() {
        return turn == null ? 0 : turn.allocates.get();
    }

    /** How many Allocate requests carried a USERNAME (i.e. how often a client sent credentials). */
    public long usernamesSeen() {
        return turn == null ? 0 : turn.usernamesSeen.get();
    }

    /** How many Allocate requests were answered 0x0103 (credentials and MESSAGE-INTEGRITY verified). */
    public long allocations() {
        return turn == null ? 0 : turn.allocated.get();
    }

    /** How many Allocate requests with credentials were refused (wrong user, password or MAC). */
    public long integrityFailures() {
        return turn == null ? 0 : turn.badIntegrity.get();
    }

    /** Closes the listeners and every open connection; waits up to five seconds. */
    @Override
    public void close() {
        servers.forEach(Channel::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "EmulatedEdge" + addresses;
    }

    /**
     * Runs an edge until the process is killed: {@code EmulatedEdge <bind-address> <port>}. Prints
     * {@code LISTENING host:port} once bound.
     */
    public static void main(String[] args) throws InterruptedException, UnknownHostException {
        if (args.length != 2 && args.length != 5) {
            System.err.println("usage: EmulatedEdge <bind-address> <port> [<udp-port> <ms-turn-user> <ms-turn-password>]");
            System.exit(2);
        }
        Builder b = builder().bind(args[0], Integer.parseInt(args[1]));
        if (args.length == 5) {
            // lab credentials (SeedTopology's constants), not secrets: the namespace edge needs MS-TURN on UDP too
            b.udpPort(Integer.parseInt(args[2])).msTurn(args[3], args[4]);
        }
        EmulatedEdge edge = b.start();
        Runtime.getRuntime().addShutdownHook(new Thread(edge::close, "edge-shutdown"));
        System.out.println("LISTENING " + edge.address());
        edge.udpAddress().ifPresent(u -> System.out.println("LISTENING UDP " + u));
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /** Accumulates the first record (bounded), answers or closes, then discards. */
    private final class HelloHandler extends ChannelInboundHandlerAdapter {
        private final Duration helloDeadline;
        /** The hello's bytes so far (at most one record); a plain array for the reason given at {@link #framed}. */
        private byte[] cumulation = new byte[0];
        private boolean done;
        private ScheduledFuture<?> timeout;
        private boolean answeredHello;
        /**
         * MS-TURN framed bytes after the hello that do not yet make a whole frame (fewer than one maximal frame). A
         * plain array, not a ByteBuf: a connection still open when the lab's event loops shut down gets no
         * channelInactive, and a buffer held across reads then leaked (seen once by the PARANOID detector in CI).
         */
        private byte[] framed = new byte[0];

        HelloHandler(Duration helloDeadline) {
            this.helloDeadline = helloDeadline;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            timeout = ctx.executor().schedule(() -> {
                if (!done) {
                    done = true;
                    rejected.incrementAndGet();
                    ctx.close();
                }
            }, helloDeadline.toMillis(), TimeUnit.MILLISECONDS);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            if (done && turn != null && answeredHello) {
                onFramed(ctx, in);
                return;
            }
            if (done) {
                in.release(); // after the handshake: discard (MS-TURN not enabled on this edge)
                return;
            }
            try {
                int take = Math.min(MAX_RECORD - cumulation.length, in.readableBytes());
                byte[] grown = Arrays.copyOf(cumulation, cumulation.length + take);
                in.readBytes(grown, cumulation.length, take);
                cumulation = grown;
            } finally {
                in.release();
            }
            if (cumulation.length < 5) {
                return;
            }
            int first = cumulation[0] & 0xff;
            int len = ((cumulation[3] & 0xff) << 8) | (cumulation[4] & 0xff);
            if (first != 0x16 || len > 16384) {
                reject(ctx);
                return;
            }
            if (cumulation.length < 5 + len) {
                return;
            }
            byte[] record = Arrays.copyOf(cumulation, 5 + len);
            release();
            done = true;
            timeout.cancel(false);
            if (PseudoTlsServerHello.isPseudoTlsClientHello(record)) {
                answered.incrementAndGet();
                answeredHello = true;
                // One write so the record leaves in one segment, as a genuine Edge sends it.
                ctx.writeAndFlush(Unpooled.wrappedBuffer(PseudoTlsServerHello.build(random)));
            } else {
                done = false;
                reject(ctx);
            }
        }

        private void reject(ChannelHandlerContext ctx) {
            release();
            if (!done) {
                done = true;
                rejected.incrementAndGet();
            }
            if (timeout != null) {
                timeout.cancel(false);
            }
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }

        /**
         * [MS-TURN] 2.1.4 framing: {@code 02 00 LL LL} control messages are answered; {@code 03} data is dropped (no
         * media relay); any other first byte ends the connection, as the stream cannot be re-synchronised.
         */
        private void onFramed(ChannelHandlerContext ctx, ByteBuf in) {
            byte[] buf;
            try {
                buf = new byte[framed.length + in.readableBytes()];
                System.arraycopy(framed, 0, buf, 0, framed.length);
                in.readBytes(buf, framed.length, in.readableBytes());
            } finally {
                in.release();
            }
            int pos = 0;
            while (buf.length - pos >= 4) {
                int type = buf[pos] & 0xff;
                int len = ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
                if (type != 0x02 && type != 0x03) {
                    framed = new byte[0];
                    ctx.close();
                    return;
                }
                if (buf.length - pos < 4 + len) {
                    break;
                }
                byte[] payload = Arrays.copyOfRange(buf, pos + 4, pos + 4 + len);
                pos += 4 + len;
                if (type == 0x02) {
                    byte[] answer = turn.answer(payload, (InetSocketAddress) ctx.channel().remoteAddress());
                    if (answer != null) {
                        ByteBuf out = ctx.alloc().buffer(4 + answer.length);
                        out.writeByte(0x02).writeByte(0).writeShort(answer.length).writeBytes(answer);
                        ctx.writeAndFlush(out);
                    }
                }
            }
            framed = Arrays.copyOfRange(buf, pos, buf.length);
        }

        private void release() {
            cumulation = new byte[0];
            framed = new byte[0];
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            release();
            if (timeout != null) {
                timeout.cancel(false);
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            release();
            ctx.close(); // a reset by the client is normal in tests; nothing to report
        }
    }

    /** Answers MS-TURN Allocates arriving over UDP (no pseudo-TLS, no framing). */
    private final class UdpTurnHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof DatagramPacket p) {
                    byte[] req = new byte[p.content().readableBytes()];
                    p.content().getBytes(p.content().readerIndex(), req);
                    byte[] answer = turn.answer(req, p.sender());
                    if (answer != null) {
                        ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(answer), p.sender()));
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP errors from clients that went away: nothing to report, keep serving
        }
    }

    /** Builds and starts an {@link EmulatedEdge}. */
    public static final class Builder {
        private final List<InetSocketAddress> binds = new ArrayList<>();
        private Duration helloDeadline = Duration.ofSeconds(30);
        private int udpPort;
        private String turnUser;
        private String turnPassword;
        private String turnRealm = "SIP Communications Service";
        private int turnVersion = 3;
        private boolean turnCorruptIntegrity;

        private Builder() {
        }

        /**
         * Speaks MS-TURN after the pseudo-TLS exchange (inside the 4-byte framing) and on a UDP listener ({@link
         * EmulatedEdge#udpAddress()}): an Allocate without credentials gets 401 with REALM/NONCE; one with these
         * credentials and a valid MESSAGE-INTEGRITY (HMAC-SHA1 or, when both MS-VERSIONs are &ge; 3, HMAC-SHA256)
         * gets 0x0103 with a relay address on 127.0.0.1 (not actually relaying) and the XOR-MAPPED-ADDRESS;
         * anything else with credentials gets 401 again.
         */
        public Builder msTurn(String username, String password) {
            this.turnUser = Objects.requireNonNull(username, "username");
            this.turnPassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The REALM of the 401; default {@code SIP Communications Service} (what Lync Edges send). */
        public Builder msTurnRealm(String realm) {
            this.turnRealm = Objects.requireNonNull(realm, "realm");
            return this;
        }

        /** The MS-VERSION the edge announces (1..6); default 3. Below 3 forces HMAC-SHA1 integrity. */
        public Builder msTurnVersion(int version) {
            if (version < 1 || version > 6) {
                throw new IllegalArgumentException("msTurnVersion: " + version + " (expected: 1 ~ 6)");
            }
            this.turnVersion = version;
            return this;
        }

        /**
         * Adds a listening address (may be called several times, e.g. for 127.0.0.x aliases).
         *
         * @param address an IP literal in 127.0.0.0/8 or ::1 (any address inside a private network namespace)
         * @param port 0 for an ephemeral port
         */
        public Builder bind(String address, int port) {
            try {
                return bind(InetAddress.getByName(Objects.requireNonNull(address, "address")), port);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("bind address: " + address + " (expected: an IP literal)", e);
            }
        }

        /** Adds a listening address; see {@link #bind(String, int)}. */
        public Builder bind(InetAddress address, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " (expected: 0 ~ 65535)");
            }
            binds.add(new InetSocketAddress(NetworkNamespace.checkBindable(address), port));
            return this;
        }

        /** The UDP listener's port (with {@link #msTurn}); default 0, an ephemeral port. */
        public Builder udpPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("udpPort: " + port + " (expected: 0 ~ 65535)");
            }
            this.udpPort = port;
            return this;
        }

        /** How long a connection may take to deliver its hello before it is closed; default 30 s. */
        public Builder helloDeadline(Duration deadline) {
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("helloDeadline: " + deadline + " (expected: positive)");
            }
            this.helloDeadline = deadline;
            return this;
        }

        /**
         * For negative tests: flips one bit of the MESSAGE-INTEGRITY of every 0x0103 success, as a forging or
         * corrupting middlebox would; a client must reject those responses. Default false.
         */
        public Builder msTurnCorruptResponseIntegrity(boolean corrupt) {
            this.turnCorruptIntegrity = corrupt;
            return this;
        }

        /** Binds every address and returns the running edge. */
        public EmulatedEdge start() {
            if (binds.isEmpty()) {
                bind(InetAddress.getLoopbackAddress(), 0);
            }
            return new EmulatedEdge(this);
        }
    }
}
