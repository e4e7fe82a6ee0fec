package io.mediapath.turn;

import io.mediapath.ice.probe.WirePayload;
import io.mediapath.turn.internal.DatagramDemux;
import io.mediapath.turn.internal.Lookups;
import io.mediapath.turn.internal.HttpConnectTunnel;
import io.mediapath.turn.internal.ProxyDial;
import io.mediapath.turn.internal.Failures;
import io.mediapath.turn.internal.StreamDispatch;
import io.mediapath.turn.internal.TcpDataDecoder;
import io.mediapath.turn.internal.StunStreamFramer;
import io.mediapath.turn.internal.WireTap;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import io.mediapath.turn.internal.RecordingTrustManager;

/**
 * A STUN/TURN client: opens {@link StunConnection}s to servers over UDP, TCP or TLS on Netty. Usable on its own
 * ("TURN without ICE"):
 *
 * <pre>{@code
 * try (TurnClient client = TurnClient.create(TurnClientOptions.defaults())) {
 *     StunConnection c = client.connect(StunUri.parse("turn:turn.example.org?transport=tcp")).get();
 *     TurnAllocation a = c.allocate(new TurnCredentials("alice", "s3cret"), AllocateOptions.defaults()).get();
 *     a.createPermission(peer.getAddress()).get();
 *     a.send(peer, bytes);
 * }
 * }</pre>
 *
 * Thread-safe. Owns its event loop unless one is given to {@link #create(TurnClientOptions, EventLoopGroup)}.
 */
public final class TurnClient implements AutoCloseable {
    private final TurnClientOptions options;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    // Connections not yet closed: on a shared group, close() must close them itself.
    private final java.util.Set<StunConnection> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private TurnClient(TurnClientOptions options, EventLoopGroup group, boolean owns) {
        this.options = Objects.requireNonNull(options, "options");
        this.group = group;
        this.ownsGroup = owns;
    }

    /** A client with its own single-thread NIO event loop. */
    public static TurnClient create(TurnClientOptions options) {
        return new TurnClient(options, new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()), true);
    }

    /** A client on a caller-owned NIO event loop group (not shut down by {@link #close()}). */
    public static TurnClient create(TurnClientOptions options, EventLoopGroup group) {
        return new TurnClient(options, Objects.requireNonNull(group, "group"), false);
    }

    /** The options. */
    public TurnClientOptions options() {
        return options;
    }

    /** Resolves the URI's host and connects with the URI's transport. */
    public CompletableFuture<StunConnection> connect(StunUri uri) {
        return connect(uri.host(), uri.port(), uri.transport());
    }

    /**
     * Resolves {@code host} and connects. The lookup blocks, so it runs on a resolver thread, never on the event loop
     * (a slow resolver would stall every connection's retransmissions and refreshes), and has the connect timeout
     * as its deadline.
     */
    public CompletableFuture<StunConnection> connect(String host, int port, StunTransport transport) {
        return Lookups.resolve(host, port, options.connectTimeout(), "")
                .thenCompose(a -> connect(a, transport, host));
    }

    /**
     * Connects to a resolved address. {@code serverName} is used for SNI and hostname verification on TLS (an IP
     * literal disables SNI but is still verified against the certificate's IP SANs).
     */
    public CompletableFuture<StunConnection> connect(InetSocketAddress server, StunTransport transport,
            String serverName) {
        return connect(server, transport, serverName, null, false);
    }

    /**
     * Connects from a chosen local address: the interface to probe from on a multi-homed host (port 0 lets the
     * system pick the port), or an exact local port.
     */
    public CompletableFuture<StunConnection> connect(InetSocketAddress server, StunTransport transport,
            String serverName, InetSocketAddress localAddress) {
        return connect(server, transport, serverName, Objects.requireNonNull(localAddress, "localAddress"), false);
    }

    CompletableFuture<StunConnection> connect(InetSocketAddress server, StunTransport transport, String serverName,
            boolean tcpData) {
        return connect(server, transport, serverName, null, tcpData);
    }

    /**
     * @param local the local address to bind, or null for any
     * @param tcpData an RFC 6062 data connection: STUN until the ConnectionBind success, then raw peer bytes
     */
    CompletableFuture<StunConnection> connect(InetSocketAddress server, StunTransport transport, String serverName,
            InetSocketAddress local, boolean tcpData) {
        return connect(server, transport, serverName, local, tcpData, c -> { });
    }

    /**
     * @param created receives the connection as soon as it exists, so a caller can read its connect and handshake
     *                stamps even when the future fails
     */
    CompletableFuture<StunConnection> connect(InetSocketAddress server, StunTransport transport, String serverName,
            InetSocketAddress local, boolean tcpData, java.util.function.Consumer<StunConnection> created) {
        if (tcpData && !transport.isStream()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("a data connection is TCP or TLS"));
        }
        HttpProxy proxy = transport.isStream() ? options.proxy().orElse(null) : null;
        if (proxy == null) {
            return dial(server, transport, serverName, local, tcpData, created, null, null);
        }
        // The proxy's name is looked up like a relay's: on a resolver thread, never on the event loop.
        return ProxyDial.resolve(proxy, options.connectTimeout())
                .thenCompose(p -> dial(server, transport, serverName, local, tcpData, created, proxy, p));
    }

    /**
     * Connects to the relay, or to {@code proxyAddress} and through it with {@code CONNECT} ({@link
     * HttpConnectTunnel}); the TLS and STUN handlers join the pipeline once the tunnel is open.
     */
    private CompletableFuture<StunConnection> dial(InetSocketAddress server, StunTransport transport,
            String serverName, InetSocketAddress local, boolean tcpData,
            java.util.function.Consumer<StunConnection> created, HttpProxy proxy, InetSocketAddress proxyAddress) {
        InetSocketAddress dialed = proxyAddress != null ? proxyAddress : server;
        InetSocketAddress from = local != null ? local
                : options.localAddress().map(ip -> new InetSocketAddress(ip, 0)).orElse(null);
        java.util.Optional<TurnException> wrongFamily = Failures.familyMismatch(from == null ? null : from.getAddress(),
                dialed.getAddress());
        if (wrongFamily.isPresent()) {
            return CompletableFuture.failedFuture(wrongFamily.get());
        }
        CompletableFuture<StunConnection> result = new CompletableFuture<>();
        StunConnection conn = new StunConnection(this, server, transport, serverName == null
                ? server.getHostString() : serverName);
        created.accept(conn);
        open.add(conn);
        conn.event("connect.start", transport + " " + server + (proxy == null ? "" : " via HTTP proxy "
                + proxy.authority()));
        Bootstrap b = new Bootstrap().group(group);
        SslContext ssl = null;
        HttpConnectTunnel tunnel = proxy == null ? null : ProxyDial.tunnel(proxy, server);
        if (transport == StunTransport.UDP) {
            b.channel(NioDatagramChannel.class)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65535))
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast("stamp", conn.connectStamp);
                            ch.pipeline().addLast("wire", new WireTap(conn::wire));
                            ch.pipeline().addLast("demux", new DatagramDemux(conn.sink()));
                        }
                    });
        } else {
            ssl = transport == StunTransport.TLS ? sslContext(result, conn) : null;
            if (transport == StunTransport.TLS && ssl == null) {
                return result;
            }
            SslContext tls = ssl;
            b.channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast("stamp", conn.connectStamp);
                            // A proxy tunnel next to the socket, before the tap: the CONNECT (which may carry the
                            // proxy password) never reaches the wire listener (ladders, --pcap); once open, the
                            // tunnel leaves the pipeline. The tap before TLS keeps the records as they crossed the
                            // wire.
                            if (tunnel != null) {
                                ch.pipeline().addLast("proxy", tunnel);
                            }
                            ch.pipeline().addLast("wire", new WireTap(conn::wire));
                            if (tunnel == null) {
                                relayHandlers(ch, tls, conn, server, tcpData);
                            }
                        }
                    });
        }
        SslContext tls = ssl;
        ChannelFuture cf = from == null ? b.connect(dialed) : b.connect(dialed, from);
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                open.remove(conn);
                result.completeExceptionally(StunConnection.classify(f.cause(), "connect to "
                        + (proxy == null ? server : "the HTTP proxy " + proxy.authority())));
                return;
            }
            Channel ch = cf.channel();
            ch.closeFuture().addListener(x -> open.remove(conn));
            if (closed) {
                ch.close(); // the client closed while this connect was under way
            }
            conn.connectStamp.connected();
            if (tunnel == null) {
                established(ch, conn, server, result);
                return;
            }
            conn.event("proxy.connect", "CONNECT " + ProxyDial.authority(server) + " via " + proxy.authority()
                    + proxy.username().map(u -> " (Basic auth as " + u + ")").orElse(""));
            tunnel.result().whenComplete((resp, err) -> {
                TurnException refused = ProxyDial.outcome(proxy, server, resp, err);
                if (refused != null) {
                    conn.event("proxy.refused", refused.getMessage());
                    ch.close();
                    result.completeExceptionally(refused);
                    return;
                }
                conn.event("proxy.established", resp.status() + " " + resp.reason());
                relayHandlers(ch, tls, conn, server, tcpData);
                tunnel.release(ch);
                established(ch, conn, server, result);
            });
        });
        return result.orTimeout(options.connectTimeout().toMillis() * 2 + 1000, TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> {
                    Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                            ? e.getCause() : e;
                    if (c instanceof java.util.concurrent.TimeoutException) {
                        cf.channel().close();
                        c = new TurnException(TurnException.Kind.TIMEOUT, "connect to " + server
                                + (proxy == null ? "" : " via the HTTP proxy " + proxy.authority()) + " timed out");
                    }
                    return CompletableFuture.failedFuture(c);
                });
    }

    private void relayHandlers(Channel ch, SslContext ssl, StunConnection conn, InetSocketAddress server,
            boolean tcpData) {
        if (ssl != null) {
            SslHandler h = ssl.newHandler(ch.alloc(), conn.serverName(), server.getPort());
            h.setHandshakeTimeoutMillis(options.connectTimeout().toMillis());
            ch.pipeline().addLast("tls", h);
        }
        if (tcpData) {
            ch.pipeline().addLast("framer", new TcpDataDecoder());
            ch.pipeline().addLast("dispatch", new StreamDispatch(conn.sink(), conn::onRaw));
        } else {
            ch.pipeline().addLast("framer", new StunStreamFramer());
            ch.pipeline().addLast("dispatch", new StreamDispatch(conn.sink()));
        }
    }

    /** The connection reaches the relay (directly, or through the open tunnel): attach, then TLS if any. */
    private void established(Channel ch, StunConnection conn, InetSocketAddress server,
            CompletableFuture<StunConnection> result) {
        conn.attach(ch);
        // A TCP connect moved no payload, but it opened the connection: a zero-byte payload marks it (the handshake
        // of a ladder diagram or a pcap) with both endpoints.
        conn.event("connect.done", "local " + ch.localAddress() + " in "
                + Math.max(0, conn.connectStamp.connectNanos()) / 1000 + " µs", conn.transport().isStream()
                && ch.localAddress() instanceof InetSocketAddress l && ch.remoteAddress() instanceof InetSocketAddress r
                ? new WirePayload(WirePayload.Direction.SENT, WirePayload.Transport.TCP, l, r, 0, new byte[0]) : null);
        SslHandler tls = ch.pipeline().get(SslHandler.class);
        if (tls == null) {
            result.complete(conn);
            return;
        }
        conn.event("tls.start", "SNI " + conn.serverName());
        tls.handshakeFuture().addListener(h -> {
            conn.tlsEndNanos = System.nanoTime();
            SSLSession s = tls.engine().getSession();
            List<X509Certificate> chain = new ArrayList<>(conn.peerCertificates());
            try {
                Certificate[] certs = s.getPeerCertificates();
                chain.clear();
                for (Certificate c : certs) {
                    if (c instanceof X509Certificate x) {
                        chain.add(x);
                    }
                }
            } catch (SSLException ignored) {
                // No chain (handshake failed before Certificate): recorded as empty.
            }
            conn.tlsDone(chain, s.getProtocol(), s.getCipherSuite());
            if (h.isSuccess()) {
                conn.event("tls.done", s.getProtocol() + " " + s.getCipherSuite());
                result.complete(conn);
            } else {
                ch.close();
                TurnException te = h.cause() instanceof io.netty.handler.ssl.SslHandshakeTimeoutException
                        ? Failures.classify(h.cause(), "TLS handshake with " + server)
                        : new TurnException(TurnException.Kind.TLS_FAILED, "TLS handshake with " + server
                                + " failed: " + h.cause().getMessage(), null, h.cause());
                result.completeExceptionally(te.withPeerCertificates(chain));
            }
        });
    }


    private SslContext sslContext(CompletableFuture<StunConnection> result, StunConnection conn) {
        try {
            TrustManagerFactory tmf = options.trust().orElse(null);
            if (tmf == null) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init((java.security.KeyStore) null);
            }
            X509ExtendedTrustManager real = null;
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    real = x;
                }
            }
            if (real == null) {
                throw new SSLException("the trust manager factory has no X509ExtendedTrustManager");
            }
            // The context, not the engine, decides: Netty 4.2 client contexts check host names unless told not to,
            // so leaving the engine's parameters alone did not turn the check off (issue 11).
            return SslContextBuilder.forClient()
                    .endpointIdentificationAlgorithm(options.hostnameVerification() ? "HTTPS" : null)
                    .trustManager(new RecordingTrustManager(real, chain -> conn.tlsDone(chain, "", ""))).build();
        } catch (java.security.GeneralSecurityException | SSLException e) {
            result.completeExceptionally(new TurnException(TurnException.Kind.TLS_FAILED,
                    "cannot build TLS context: " + e.getMessage(), null, e));
            return null;
        }
    }

    EventLoopGroup group() {
        return group;
    }

    /**
     * Closes the connections this client opened that are still open (without deallocating: an allocation expires on
     * the server) and shuts an owned event loop down; a caller's group stays up.
     */
    @Override
    public void close() {
        closed = true;
        List<ChannelFuture> closing = new ArrayList<>();
        for (StunConnection c : open) {
            Channel ch = c.channel();
            if (ch != null) {
                closing.add(ch.close());
            }
        }
        if (ownsGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            return;
        }
        // As with an owned loop, the sockets are closed when close() returns (a peer or a proxy sees the end), for at
        // most two seconds; never waited for on an event loop, which would block the close itself.
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (ChannelFuture f : closing) {
            if (!f.channel().eventLoop().inEventLoop()) {
                f.awaitUninterruptibly(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        }
    }
}
