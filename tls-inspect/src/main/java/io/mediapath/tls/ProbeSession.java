package io.mediapath.tls;

import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Deadline;
import io.mediapath.ice.probe.ProbeListener;
import io.mediapath.ice.probe.WirePayload;
import io.mediapath.tls.wire.HttpSniffer;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One probe run over one TCP connection: connect (timed), optionally CONNECT through an explicit proxy, send the
 * hello, read the answer under the deadline, and hand what was seen to {@link Verdicts}. Subclasses say what the
 * hello is and when the answer is complete. Everything runs on the channel's event loop.
 */
abstract class ProbeSession extends ChannelInboundHandlerAdapter {

    /** Bytes of a CONNECT answer read at most before giving up on it. */
    private static final int MAX_PROXY_ANSWER = 16 * 1024;

    final Observation obs;
    final InspectOptions options;
    private final EventLoopGroup group;
    final Deadline deadline;
    private final CompletableFuture<TlsInspection> result = new CompletableFuture<>();
    private Channel channel;
    private ScheduledFuture<?> deadlineTimer;
    private ScheduledFuture<?> quietTimer;
    private boolean proxyPhase;
    private byte[] proxyBytes = new byte[0];
    private boolean done;

    ProbeSession(String probe, TransportAddress target, InspectOptions options, EventLoopGroup group, Deadline deadline,
            ProbeListener listener) {
        this.obs = new Observation(probe, target, listener);
        this.options = options;
        this.group = group;
        this.deadline = deadline;
        this.obs.viaProxy = options.httpProxy();
    }

    /** Writes the hello (and records when). */
    abstract void sendHello(ChannelHandlerContext ctx);

    /** Called after each read of the answer; returns true when the answer is complete and can be judged. */
    abstract boolean answerComplete(ChannelHandlerContext ctx);

    /** True while a TLS library is still driving the exchange, so quiet periods do not end it. */
    boolean libraryDriving() {
        return false;
    }

    /**
     * True while the bytes so far are the start of an answer the probe knows the length of, so a pause (a
     * retransmission, a re-segmenting tunnel) does not end the read before the deadline.
     */
    boolean awaitingKnownAnswer() {
        return false;
    }

    /**
     * Starts the run: the name is resolved off the event loop (a blocking lookup there would stall every probe
     * sharing it) within the deadline, then the connection is made.
     */
    final CompletionStage<TlsInspection> start() {
        TransportAddress dial = options.httpProxy() != null ? options.httpProxy() : obs.target;
        java.net.InetAddress literal = dial.isIpLiteral() ? literal(dial.host()) : null;
        if (literal != null) {
            return connect(dial, new InetSocketAddress(literal, dial.port()));
        }
        java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return java.net.InetAddress.getByName(dial.host());
            } catch (java.net.UnknownHostException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, EventLoops.lookups()).orTimeout(Math.max(1, deadline.remaining().toMillis()), TimeUnit.MILLISECONDS)
                .whenComplete((a, e) -> {
                    if (e == null) {
                        connect(dial, new InetSocketAddress(a, dial.port()));
                        return;
                    }
                    Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                            ? e.getCause() : e;
                    obs.event("connect.start", dial.toString());
                    obs.error = c instanceof java.util.concurrent.TimeoutException
                            ? "resolving " + dial.host() + " took longer than the deadline"
                            : "cannot resolve " + dial.host() + ": " + reason(c);
                    obs.ending = Observation.Ending.CONNECT_FAILED;
                    judge();
                });
        return result;
    }

    /**
     * A one-line reason a person reads, without the exception's class name ({@code AnnotatedConnectException:
     * Connection refused: /127.0.0.1:1} is "Connection refused: /127.0.0.1:1").
     */
    static String reason(Throwable t) {
        String m = t.getMessage();
        if (t instanceof java.net.UnknownHostException) {
            return "no such host" + (m == null || m.isBlank() ? "" : " (" + m + ")");
        }
        if (m == null || m.isBlank()) {
            return t instanceof java.util.concurrent.TimeoutException || t instanceof io.netty.channel.ConnectTimeoutException
                    ? "timed out" : "failed (" + t.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2")
                    .toLowerCase(java.util.Locale.ROOT).replace(" exception", "") + ")";
        }
        return m;
    }

    // The address of an IP literal (v4, or v6 with or without brackets), parsed without any lookup; null if malformed.
    private static java.net.InetAddress literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return java.net.InetAddress.getByName(h); // a literal: no lookup
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    private CompletionStage<TlsInspection> connect(TransportAddress dial, InetSocketAddress resolved) {
        long ms = Math.max(1, deadline.remaining().toMillis());
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, ms))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.AUTO_READ, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("stamp", new ConnectStamp());
                        ch.pipeline().addLast("wire", new WriteTap());
                        ch.pipeline().addLast("probe", ProbeSession.this);
                    }
                });
        obs.event("connect.start", dial.toString() + (options.httpProxy() != null ? " (proxy for " + obs.target + ")" : ""));
        long t0 = System.nanoTime();
        ChannelFuture f;
        try {
            f = b.connect(resolved);
        } catch (RuntimeException e) {
            obs.error = String.valueOf(e.getMessage());
            obs.ending = Observation.Ending.CONNECT_FAILED;
            judge();
            return result;
        }
        channel = f.channel();
        channel.eventLoop().execute(() -> {
            if (!done) {
                deadlineTimer = channel.eventLoop().schedule(() -> finish(
                        obs.connectNanos < 0 ? Observation.Ending.CONNECT_FAILED : Observation.Ending.TIMEOUT,
                        "deadline passed"), Math.max(1, deadline.remaining().toNanos()), TimeUnit.NANOSECONDS);
            }
        });
        f.addListener(fut -> {
            if (!fut.isSuccess()) {
                Throwable c = fut.cause();
                finish(Observation.Ending.CONNECT_FAILED, c == null ? "connect failed" : reason(c));
                return;
            }
            long issued = connectIssuedAt;
            obs.connectNanos = (connectDoneAt != 0 ? connectDoneAt : System.nanoTime()) - (issued != 0 ? issued : t0);
            if (channel.remoteAddress() instanceof InetSocketAddress ra && ra.getAddress() != null) {
                obs.remoteIp = ra.getAddress().getHostAddress();
            }
            // No payload moved, but the connection opened: a zero-byte payload marks it with both endpoints.
            obs.event("connect.done", obs.remoteIp + " in " + obs.connectNanos / 1000 + " µs",
                    wire(WirePayload.Direction.SENT, new byte[0], 0));
            ChannelHandlerContext ctx = channel.pipeline().context(this);
            if (options.httpProxy() != null) {
                proxyPhase = true;
                String t = obs.target.toString();
                String req = "CONNECT " + t + " HTTP/1.1\r\nHost: " + t + "\r\n\r\n";
                ctx.writeAndFlush(Unpooled.copiedBuffer(req, StandardCharsets.US_ASCII));
                obs.event("proxy.connect", "CONNECT " + t);
            } else {
                hello(ctx);
            }
        });
        return result;
    }

    /** Payload events recorded (reads and writes); past {@link Observation#MAX_READS} bytes move unrecorded. */
    private int wireEvents;

    private WirePayload wire(WirePayload.Direction d, byte[] bytes, int length) {
        Channel c = channel;
        return new WirePayload(d, WirePayload.Transport.TCP,
                c != null && c.localAddress() instanceof InetSocketAddress l ? l : null,
                c != null && c.remoteAddress() instanceof InetSocketAddress r ? r : null, length, bytes);
    }

    // Every write as it goes to the socket (the hello, a CONNECT, the TLS library's flights), for the timeline.
    private final class WriteTap extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof ByteBuf b && b.isReadable() && wireEvents < Observation.MAX_READS) {
                wireEvents++;
                byte[] bytes = new byte[Math.min(b.readableBytes(), WirePayload.MAX_BYTES)];
                b.getBytes(b.readerIndex(), bytes);
                obs.event("bytes.sent", b.readableBytes() + " bytes", wire(WirePayload.Direction.SENT, bytes,
                        b.readableBytes()));
            }
            super.write(ctx, msg, promise);
        }
    }

    // The socket's own connect, stamped on the event loop: a figure taken around Bootstrap.connect also counts
    // channel creation, the event loop's start and, in a fresh JVM, class loading (hundreds of milliseconds for a
    // loopback connect of 0.2 ms), and the connect time is compared with the hello's answer time.
    private volatile long connectIssuedAt;
    private volatile long connectDoneAt;

    private final class ConnectStamp extends ChannelOutboundHandlerAdapter {
        @Override
        public void connect(ChannelHandlerContext ctx, java.net.SocketAddress remote, java.net.SocketAddress local,
                ChannelPromise promise) throws Exception {
            connectIssuedAt = System.nanoTime();
            promise.addListener(f -> {
                if (f.isSuccess() && connectDoneAt == 0) {
                    connectDoneAt = System.nanoTime();
                }
            });
            super.connect(ctx, remote, local, promise);
        }
    }

    private void hello(ChannelHandlerContext ctx) {
        obs.helloSentAt = System.nanoTime();
        sendHello(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        byte[] bytes;
        if (msg instanceof ByteBuf buf) {
            try {
                bytes = new byte[buf.readableBytes()];
                buf.readBytes(bytes);
            } finally {
                buf.release();
            }
        } else {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        if (done) {
            return;
        }
        if (wireEvents < Observation.MAX_READS) {
            wireEvents++;
            obs.event("bytes.received", bytes.length + " bytes", wire(WirePayload.Direction.RECEIVED, bytes,
                    bytes.length));
        }
        if (proxyPhase) {
            proxyRead(ctx, bytes);
            return;
        }
        obs.addAnswer(bytes);
        if (answerComplete(ctx)) {
            finish(Observation.Ending.COMPLETE, "");
        } else if (obs.answer.length >= Observation.MAX_ANSWER
                || (obs.kind == Observation.Kind.OTHER && obs.answer.length >= Observation.ENOUGH_OTHER)) {
            // Whatever this is, more of it changes nothing: a peer streaming bytes must not hold the probe.
            finish(Observation.Ending.COMPLETE, "");
        } else if (!done) {
            armQuiet();
        }
    }

    private void proxyRead(ChannelHandlerContext ctx, byte[] bytes) {
        int keep = Math.min(bytes.length, MAX_PROXY_ANSWER - proxyBytes.length);
        byte[] p = Arrays.copyOf(proxyBytes, proxyBytes.length + Math.max(0, keep));
        System.arraycopy(bytes, 0, p, proxyBytes.length, Math.max(0, keep));
        proxyBytes = p;
        int end = HttpSniffer.headerEnd(proxyBytes, proxyBytes.length);
        if (!HttpSniffer.mayBeHttp(proxyBytes, proxyBytes.length)) {
            obs.event("proxy.answer", "not HTTP");
            proxyPhase = false;
            obs.addAnswer(proxyBytes);
            finish(Observation.Ending.COMPLETE, "");
            return;
        }
        if (end < 0) {
            if (proxyBytes.length >= MAX_PROXY_ANSWER) {
                obs.proxyAnswer = HttpSniffer.parse(proxyBytes).orElse(null);
                finish(Observation.Ending.COMPLETE, "");
            }
            return;
        }
        HttpAnswer a = HttpSniffer.parse(proxyBytes).orElseThrow();
        obs.proxyAnswer = a;
        obs.event("proxy.answer", a.statusLine());
        if (a.status() / 100 == 2) {
            proxyPhase = false;
            byte[] rest = Arrays.copyOfRange(proxyBytes, end, proxyBytes.length);
            hello(ctx);
            if (rest.length > 0) {
                obs.addAnswer(rest);
                if (answerComplete(ctx)) {
                    finish(Observation.Ending.COMPLETE, "");
                }
            }
        } else if (HttpSniffer.complete(proxyBytes)) {
            finish(Observation.Ending.COMPLETE, "");
        } else {
            armQuiet();
        }
    }

    private void armQuiet() {
        if (quietTimer != null) {
            quietTimer.cancel(false);
        }
        if (libraryDriving() || awaitingKnownAnswer()) {
            return;
        }
        long q = Math.min(options.quietPeriod().toNanos(), Math.max(1, deadline.remaining().toNanos()));
        quietTimer = channel.eventLoop().schedule(() -> finish(Observation.Ending.QUIET, ""), q, TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        finish(Observation.Ending.PEER_CLOSED, "");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String m = String.valueOf(cause.getMessage());
        if (cause instanceof IOException && m.toLowerCase(java.util.Locale.ROOT).contains("reset")) {
            finish(Observation.Ending.RESET, m);
        } else {
            finish(Observation.Ending.ERROR, reason(cause));
        }
    }

    /** A write failed: a reset is a reset (Netty closes without exceptionCaught), else an error. */
    final void writeFailed(Throwable cause) {
        String m = String.valueOf(cause == null ? null : cause.getMessage());
        boolean reset = m.toLowerCase(java.util.Locale.ROOT).contains("reset")
                || m.toLowerCase(java.util.Locale.ROOT).contains("broken pipe");
        finish(reset ? Observation.Ending.RESET : Observation.Ending.ERROR, "write failed: " + m);
    }

    /** Ends the run once: stops timers, closes the connection, judges. */
    final void finish(Observation.Ending ending, String detail) {
        if (done) {
            return;
        }
        done = true;
        if (deadlineTimer != null) {
            deadlineTimer.cancel(false);
        }
        if (quietTimer != null) {
            quietTimer.cancel(false);
        }
        obs.ending = ending;
        if (!detail.isEmpty() && obs.error.isEmpty()) {
            obs.error = detail;
        }
        obs.event("end", ending.name().toLowerCase(java.util.Locale.ROOT) + (detail.isEmpty() ? "" : ": " + detail));
        onFinish();
        if (channel != null) {
            channel.close();
        }
        judge();
    }

    // Judging may block (the system proxy selector, the first load of the JDK trust store): never on the loop.
    private void judge() {
        EventLoops.blocking().execute(() -> {
            try {
                result.complete(Verdicts.judge(obs, options));
            } catch (RuntimeException e) {
                // The verdict engine must not fail a probe; report what it could not judge.
                result.completeExceptionally(e);
            }
        });
    }

    /** Hook for subclasses to release what they hold when the run ends. */
    void onFinish() {
    }
}
