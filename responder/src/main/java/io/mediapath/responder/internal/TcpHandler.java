package io.mediapath.responder.internal;

import io.mediapath.ice.receipt.ArrivalKind;
import io.mediapath.ice.receipt.ReceiptFormatException;
import io.mediapath.ice.receipt.ReceiptFrames;
import io.mediapath.ice.receipt.ReceiptRequest;
import io.mediapath.ice.receipt.ReceiptTransport;
import io.mediapath.ice.wire.PseudoTls;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One TCP connection: the first bytes decide the answer — the pseudo-TLS 83-byte answer, a real TLS handshake, a
 * STUN Binding success or 401 — and then a receipt frame, when a valid receipt request frame follows (inside TLS for
 * a TLS connection; alone when it is the first thing sent). Until then the connection goes on as a relay's would, so
 * a relay client's normal exchange works against it: after the pseudo-TLS answer a framed MS-TURN Allocate gets the
 * MS-TURN 401 ([MS-TURN] 2.1.4 framing); after a STUN request, and inside TLS, a STUN Binding gets a success and an
 * Allocate the 401 — at most {@link #MAX_FOLLOW_UPS} of them, and nothing is ever allocated or relayed. Anything
 * else is closed without a word, as a relay would.
 *
 * <p>A connection that starts with a request for the receipt in place of the answer ({@code F5 'M' 'P' 'I'}) gets,
 * when the request is valid, only one receipt frame for the hello that follows it (STUN, pseudo-TLS or a TLS
 * ClientHello), never the relay's answer; with a request that is not valid it is closed without a word, as a relay
 * would close on those bytes. The whole exchange has {@code helloTimeout} from accept: bytes trickled slowly do not extend it. At most
 * {@link #MAX_BUFFER} bytes are held.
 */
public final class TcpHandler extends ChannelInboundHandlerAdapter {

    /** The most bytes a connection may send before its receipt request completes. */
    static final int MAX_BUFFER = ClientHelloInfo.MAX_RECORD + 64;
    /** The most requests answered after the first on one connection (a relay client needs two: 401, then auth). */
    static final int MAX_FOLLOW_UPS = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum State { FIRST, AFTER_ANSWER, DONE }

    private final Shared shared;
    private byte[] buf = new byte[512];
    private int len;
    private State state = State.FIRST;
    private Instant firstAt;
    private byte[] hello = new byte[0];
    private ArrivalKind kind = ArrivalKind.UNKNOWN;
    private ReceiptTransport transport = ReceiptTransport.TCP;
    private Optional<String> sni = Optional.empty();
    private List<String> alpn = List.of();
    private String answer = "none";
    private FirstBytes.Stream stream = FirstBytes.Stream.RECEIPT_ONLY;
    private int followUps;
    private ScheduledFuture<?> deadline;
    private boolean admitted;
    private byte[] insteadNonce;
    private boolean logged;

    /** A handler for one connection. */
    public TcpHandler(Shared shared) {
        this.shared = shared;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetSocketAddress src = (InetSocketAddress) ctx.channel().remoteAddress();
        int now = shared.open.incrementAndGet();
        if (now > shared.maxConnections || src == null
                || !shared.sources.openConnection(src.getAddress(), System.nanoTime())) {
            shared.open.decrementAndGet();
            shared.refused.incrementAndGet();
            state = State.DONE;
            logged = true;
            ctx.close();
            return;
        }
        admitted = true;
        shared.arrivals.incrementAndGet();
        deadline = ctx.executor().schedule(() -> {
            if (ctx.channel().isActive()) {
                finish(ctx, "deadline");
            }
        }, shared.helloTimeoutNanos, TimeUnit.NANOSECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (admitted) {
            admitted = false;
            shared.open.decrementAndGet();
            InetSocketAddress src = (InetSocketAddress) ctx.channel().remoteAddress();
            if (src != null) {
                shared.sources.closeConnection(src.getAddress());
            }
        }
        if (deadline != null) {
            deadline.cancel(false);
        }
        log(ctx, "closed");
        buf = null;
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!(msg instanceof ByteBuf in) || state == State.DONE) {
                return;
            }
            if (firstAt == null) {
                firstAt = now();
            }
            int n = in.readableBytes();
            if (len + n > MAX_BUFFER) {
                finish(ctx, "too many bytes");
                return;
            }
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.min(MAX_BUFFER, Math.max(len + n, buf.length * 2)));
            }
            in.readBytes(buf, len, n);
            len += n;
            progress(ctx);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void progress(ChannelHandlerContext ctx) {
        try {
            if (state == State.FIRST) {
                first(ctx);
            }
            while (state == State.AFTER_ANSWER && len > 0 && followUp(ctx)) {
                // one unit answered; look at what came after it
            }
        } catch (IllegalArgumentException malformed) {
            finish(ctx, "malformed");
        }
    }

    private void first(ChannelHandlerContext ctx) {
        Optional<ArrivalKind> k = FirstBytes.classify(buf, len);
        if (k.isEmpty()) {
            return;
        }
        kind = k.get();
        if (insteadNonce != null) {
            receiptInstead(ctx);
            return;
        }
        switch (kind) {
            case RECEIPT_REQUEST -> {
                if (FirstBytes.insteadRequest(buf, len)) {
                    admitInstead(ctx);
                } else {
                    state = State.AFTER_ANSWER; // a bare request: the hello is empty, nothing else may come
                }
            }
            case PSEUDO_TLS_HELLO -> {
                hello = take(PseudoTls.HELLO_LENGTH);
                byte[] random = new byte[32];
                byte[] session = new byte[32];
                RANDOM.nextBytes(random);
                RANDOM.nextBytes(session);
                ctx.writeAndFlush(Unpooled.wrappedBuffer(PseudoTls.answer(random, session)));
                shared.answers.incrementAndGet();
                answer = "pseudo-tls";
                stream = FirstBytes.Stream.MS_TURN_FRAMED;
                state = State.AFTER_ANSWER;
            }
            case STUN_BINDING, TURN_ALLOCATE -> {
                int total = StunWire.messageLength(buf, len);
                if (total < 0 || len < total) {
                    return;
                }
                StunWire.Request req = StunWire.read(buf, total, false);
                hello = take(total);
                InetSocketAddress src = (InetSocketAddress) ctx.channel().remoteAddress();
                byte[] a = kind == ArrivalKind.STUN_BINDING ? StunWire.bindingSuccess(req, src, null)
                        : StunWire.challenge(req, shared.realm, shared.nonce);
                ctx.writeAndFlush(Unpooled.wrappedBuffer(a));
                shared.answers.incrementAndGet();
                answer = kind == ArrivalKind.STUN_BINDING ? "binding-success" : "401";
                stream = FirstBytes.Stream.STUN;
                state = State.AFTER_ANSWER;
            }
            case TLS_CLIENT_HELLO -> {
                Optional<ClientHelloInfo> info = ClientHelloInfo.parse(buf, len);
                if (info.isEmpty()) {
                    return;
                }
                hello = Arrays.copyOf(buf, info.get().recordLength());
                sni = info.get().sni();
                alpn = info.get().alpn();
                transport = ReceiptTransport.TLS;
                answer = "tls";
                stream = FirstBytes.Stream.STUN;
                state = State.AFTER_ANSWER;
                shared.answers.incrementAndGet();
                // Hand every byte so far (the hello and anything after it) to a TLS engine in front of us.
                ByteBuf raw = Unpooled.copiedBuffer(buf, 0, len);
                len = 0;
                SslHandler ssl = shared.tls.newHandler(ctx.alloc());
                ssl.setHandshakeTimeoutMillis(TimeUnit.NANOSECONDS.toMillis(shared.helloTimeoutNanos));
                ctx.pipeline().addBefore(ctx.name(), "tls", ssl);
                // from the head of the pipeline, so the TLS engine (now in front of this handler) reads them
                ctx.pipeline().fireChannelRead(raw);
                ctx.pipeline().fireChannelReadComplete();
            }
            default -> finish(ctx, "unanswered");
        }
    }

    /** A request for the receipt in place of the answer: admitted (then the hello is awaited) or refused. */
    private void admitInstead(ChannelHandlerContext ctx) {
        int total;
        try {
            total = ReceiptFrames.frameLength(buf, 0, len, ReceiptFrames.INSTEAD_MAGIC);
        } catch (ReceiptFormatException e) {
            finish(ctx, "unanswered");
            return;
        }
        if (total < 0 || len < total) {
            return;
        }
        byte[] body = Arrays.copyOfRange(take(total), ReceiptFrames.HEADER_LENGTH, total);
        Optional<byte[]> nonce = shared.issuer.flatMap(i -> i.admit(body, ReceiptRequest.Mode.INSTEAD_OF_ANSWER));
        if (nonce.isEmpty()) {
            finish(ctx, "refused");
            return;
        }
        insteadNonce = nonce.get();
        kind = ArrivalKind.UNKNOWN;
        if (len > 0) {
            first(ctx); // the hello came in the same read
        }
    }

    /** The hello after an admitted instead request: once it is whole, its receipt and nothing else. */
    private void receiptInstead(ChannelHandlerContext ctx) {
        int n;
        switch (kind) {
            case PSEUDO_TLS_HELLO -> n = PseudoTls.HELLO_LENGTH;
            case STUN_BINDING, TURN_ALLOCATE -> {
                n = StunWire.messageLength(buf, len);
                if (n < 0 || len < n) {
                    return;
                }
            }
            case TLS_CLIENT_HELLO -> {
                Optional<ClientHelloInfo> info = ClientHelloInfo.parse(buf, len);
                if (info.isEmpty()) {
                    return;
                }
                n = info.get().recordLength();
                sni = info.get().sni();
                alpn = info.get().alpn();
                transport = ReceiptTransport.TLS;
            }
            default -> {
                finish(ctx, "unanswered");
                return;
            }
        }
        hello = take(n);
        len = 0;
        answer = "receipt-instead";
        state = State.DONE;
        byte[] receipt = shared.issuer.orElseThrow().receipt(insteadNonce, transport, kind, firstAt,
                (InetSocketAddress) ctx.channel().remoteAddress(), hello, Integer.MAX_VALUE, sni, alpn);
        shared.answers.incrementAndGet();
        shared.receipts.incrementAndGet();
        log(ctx, "issued");
        ctx.writeAndFlush(Unpooled.wrappedBuffer(ReceiptFrames.receipt(receipt))).addListener(ChannelFutureListener.CLOSE);
    }

    private byte[] take(int n) {
        byte[] h = Arrays.copyOf(buf, n);
        System.arraycopy(buf, n, buf, 0, len - n);
        len -= n;
        return h;
    }

    /** Answers the unit at the start of the buffer once it is whole; false when nothing more can be done now. */
    private boolean followUp(ChannelHandlerContext ctx) {
        Optional<FirstBytes.Next> next = FirstBytes.next(buf, len, stream);
        if (next.isEmpty() || len < next.get().length()) {
            return false;
        }
        ArrivalKind k = next.get().kind();
        if (k == ArrivalKind.RECEIPT_REQUEST) {
            request(ctx, next.get().length());
            return false;
        }
        if (k == ArrivalKind.UNKNOWN) {
            finish(ctx, answer.equals("none") ? "unanswered" : "no request");
            return false;
        }
        if (++followUps > MAX_FOLLOW_UPS) {
            finish(ctx, "too many requests");
            return false;
        }
        byte[] unit = take(next.get().length());
        InetSocketAddress src = (InetSocketAddress) ctx.channel().remoteAddress();
        byte[] reply = switch (k) {
            case STUN_BINDING -> StunWire.bindingSuccess(StunWire.read(unit, unit.length, false), src, null);
            case TURN_ALLOCATE -> StunWire.challenge(StunWire.read(unit, unit.length, false), shared.realm, shared.nonce);
            case MS_TURN -> {
                byte[] msg = Arrays.copyOfRange(unit, FirstBytes.MS_FRAME_HEADER, unit.length);
                StunWire.Request req = StunWire.read(msg, msg.length, true);
                // an Edge answers an Allocate; any other MS-TURN message needs an allocation, which never exists here
                yield req.type() == 0x0003 ? StunWire.msFrame(StunWire.challenge(req, shared.realm, shared.nonce)) : null;
            }
            default -> null; // another STUN method: a relay without an allocation has nothing to say
        };
        if (reply != null) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(reply));
            shared.answers.incrementAndGet();
            answer = answer + "+" + (k == ArrivalKind.STUN_BINDING ? "binding-success" : "401");
        }
        return true;
    }

    private void request(ChannelHandlerContext ctx, int total) {
        byte[] body = Arrays.copyOfRange(buf, ReceiptFrames.HEADER_LENGTH, total);
        len = 0;
        InetSocketAddress src = (InetSocketAddress) ctx.channel().remoteAddress();
        Optional<byte[]> receipt = shared.issuer.flatMap(i -> i.issue(body, transport, kind,
                firstAt == null ? now() : firstAt, src, hello, Integer.MAX_VALUE, sni, alpn));
        state = State.DONE;
        if (receipt.isEmpty()) {
            log(ctx, "refused");
            ctx.close();
            return;
        }
        shared.receipts.incrementAndGet();
        log(ctx, "issued");
        ctx.writeAndFlush(Unpooled.wrappedBuffer(ReceiptFrames.receipt(receipt.get())))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void finish(ChannelHandlerContext ctx, String why) {
        state = State.DONE;
        log(ctx, why);
        ctx.close();
    }

    private Instant now() {
        return shared.issuer.map(i -> i.clock().instant()).orElseGet(Instant::now);
    }

    private void log(ChannelHandlerContext ctx, String receipt) {
        if (logged) {
            return;
        }
        logged = true;
        shared.arrival(firstAt == null ? now() : firstAt, transport == ReceiptTransport.TLS ? "tls" : "tcp",
                (InetSocketAddress) ctx.channel().remoteAddress(), (InetSocketAddress) ctx.channel().localAddress(),
                kind, hello.length, answer, receipt, sni, alpn);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        finish(ctx, "error: " + cause.getClass().getSimpleName());
    }
}
