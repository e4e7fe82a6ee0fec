package io.mediapath.responder;

import io.mediapath.responder.internal.ReceiptIssuer;
import io.mediapath.responder.internal.SelfSigned;
import io.mediapath.responder.internal.Shared;
import io.mediapath.responder.internal.SourceTable;
import io.mediapath.responder.internal.TcpHandler;
import io.mediapath.responder.internal.UdpHandler;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The far end of the two-ended path proof (issue 16): listens on the UDP and TCP addresses it is given and answers
 * as a relay would — STUN Binding, a TURN or MS-TURN 401 challenge, the genuine 83-byte pseudo-TLS answer, a real TLS
 * handshake with its own self-signed certificate — and, when the probe sends a receipt request tagged with the shared
 * token, a signed receipt of what arrived (ice-core's {@code io.mediapath.ice.receipt}).
 *
 * <p>Safe to expose: without a valid request it answers nothing beyond what a relay would; over UDP no source ever
 * gets more bytes than it sent; arrivals are rate-limited per source; connections are capped per source and in all,
 * and each has {@link ResponderOptions#helloTimeout()} from accept to its receipt; at most 16 KiB are buffered per
 * connection; nothing is relayed anywhere. One line per arrival goes to {@link ResponderOptions#arrivalLog()}, never
 * the token. Embeddable: {@link #start} returns once every listener is bound; {@link #close} stops it.
 */
public final class Responder implements AutoCloseable {

    private final EventLoopGroup group;
    private final Shared shared;
    private final List<Channel> udp = new ArrayList<>();
    private final List<Channel> tcp = new ArrayList<>();
    private final X509Certificate certificate;

    private Responder(ResponderOptions o) {
        SelfSigned self = SelfSigned.generate(o.certificateName());
        this.certificate = self.certificate();
        SslContext tls;
        try {
            tls = SslContextBuilder.forServer(self.keys().getPrivate(), self.certificate())
                    .sslProvider(SslProvider.JDK).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
        this.shared = new Shared(new SourceTable(o.maxSources(), o.ratePerSecond(), o.burst(),
                o.maxConnectionsPerSource()), o.token().map(t -> new ReceiptIssuer(t, o.window(), o.clock())), tls,
                o.realm(), o.helloTimeout().toNanos(), o.maxConnections(), o.arrivalLog());
        this.group = new MultiThreadIoEventLoopGroup(Math.min(2, Runtime.getRuntime().availableProcessors()),
                NioIoHandler.newFactory());
    }

    /**
     * Binds every listener and starts answering.
     *
     * @throws IllegalStateException naming the address when a listener cannot bind
     */
    public static Responder start(ResponderOptions options) {
        Responder r = new Responder(options);
        try {
            r.bind(options);
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
        return r;
    }

    private void bind(ResponderOptions o) {
        for (InetSocketAddress a : o.udp()) {
            try {
                udp.add(new Bootstrap().group(group).channel(NioDatagramChannel.class)
                        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(4096))
                        .handler(new UdpHandler(shared)).bind(a).sync().channel());
            } catch (Exception e) {
                throw new IllegalStateException("cannot listen on UDP " + a + ": " + e.getMessage(), e);
            }
        }
        for (InetSocketAddress a : o.tcp()) {
            try {
                tcp.add(new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                        .option(ChannelOption.SO_BACKLOG, 4096)
                        .childOption(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(4096))
                        .childHandler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline().addLast("responder", new TcpHandler(shared));
                            }
                        }).bind(a).sync().channel());
            } catch (Exception e) {
                throw new IllegalStateException("cannot listen on TCP " + a + ": " + e.getMessage(), e);
            }
        }
    }

    /** The bound UDP addresses, in the order given. */
    public List<InetSocketAddress> udpAddresses() {
        return udp.stream().map(c -> (InetSocketAddress) c.localAddress()).toList();
    }

    /** The bound TCP addresses, in the order given. */
    public List<InetSocketAddress> tcpAddresses() {
        return tcp.stream().map(c -> (InetSocketAddress) c.localAddress()).toList();
    }

    /** The responder's self-signed certificate (what a TLS client sees from it when nothing is in between). */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The counters now. */
    public ResponderStats stats() {
        return new ResponderStats(shared.arrivals.get(), shared.refused.get(), shared.answers.get(),
                shared.receipts.get(), shared.udpIn.get(), shared.udpOut.get(), shared.open.get());
    }

    /** Stops listening, closes every connection, and waits (at most 5 s) for the event loops to end. */
    @Override
    public void close() {
        udp.forEach(Channel::close);
        tcp.forEach(Channel::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
