package io.mediapath.turn.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Opens a tunnel through an explicit HTTP proxy: on channel-active it sends {@code CONNECT authority HTTP/1.1}
 * (with {@code Proxy-Authorization} when given), reads the proxy's answer head (bounded by
 * {@link ConnectResponse#MAX_HEAD}) and completes {@link #result()} with it. On a 2xx it removes itself, so what
 * follows is the relay's; anything else is left to the caller, which closes the channel. Bytes that arrived after the
 * head are passed on once the caller has set up the rest of the pipeline ({@link #release}). The request is written
 * straight to the channel: it never reaches a timeline or a wire capture (it may carry a password).
 */
public final class HttpConnectTunnel extends ChannelInboundHandlerAdapter {
    private final String authority;
    private final String authorization;
    private final CompletableFuture<ConnectResponse> result = new CompletableFuture<>();
    private byte[] head = new byte[512];
    private int length;
    private byte[] leftover;

    /**
     * @param authority     the relay as {@code host:port} ({@code [v6]:port})
     * @param authorization the {@code Proxy-Authorization} value, or empty
     */
    public HttpConnectTunnel(String authority, Optional<String> authorization) {
        this.authority = Objects.requireNonNull(authority, "authority");
        this.authorization = authorization.orElse(null);
    }

    /** The proxy's answer; fails with {@link ConnectResponse.Malformed} or {@link java.io.IOException}. */
    public CompletableFuture<ConnectResponse> result() {
        return result;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        StringBuilder req = new StringBuilder(160).append("CONNECT ").append(authority).append(" HTTP/1.1\r\n")
                .append("Host: ").append(authority).append("\r\n");
        if (authorization != null) {
            req.append("Proxy-Authorization: ").append(authorization).append("\r\n");
        }
        req.append("User-Agent: mediapath\r\n\r\n");
        byte[] bytes = req.toString().getBytes(StandardCharsets.ISO_8859_1);
        ctx.writeAndFlush(ctx.alloc().buffer(bytes.length).writeBytes(bytes));
        Arrays.fill(bytes, (byte) 0);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (result.isDone()) {
                return; // refused or malformed: the caller closes; nothing more is read
            }
            int n = Math.min(in.readableBytes(), ConnectResponse.MAX_HEAD - length);
            if (length + n > head.length) {
                head = Arrays.copyOf(head, Math.min(ConnectResponse.MAX_HEAD, Math.max(head.length * 2, length + n)));
            }
            in.readBytes(head, length, n);
            length += n;
            Optional<ConnectResponse> r;
            try {
                r = ConnectResponse.parse(head, length);
            } catch (ConnectResponse.Malformed e) {
                result.completeExceptionally(e);
                return;
            }
            if (r.isEmpty()) {
                return;
            }
            ConnectResponse resp = r.get();
            if (resp.established()) {
                int extra = length - resp.headLength() + in.readableBytes();
                if (extra > 0) {
                    leftover = new byte[extra];
                    System.arraycopy(head, resp.headLength(), leftover, 0, length - resp.headLength());
                    in.readBytes(leftover, length - resp.headLength(), in.readableBytes());
                }
            }
            head = null;
            result.complete(resp);
        } finally {
            in.release();
        }
    }

    /**
     * After a 2xx, once the caller has added the handlers that speak to the relay: removes this handler and passes on
     * any bytes that came after the proxy's answer. Call on the event loop.
     */
    public void release(io.netty.channel.Channel ch) {
        byte[] rest = leftover;
        leftover = null;
        ch.pipeline().remove(this);
        if (rest != null) {
            ch.pipeline().fireChannelRead(ch.alloc().buffer(rest.length).writeBytes(rest));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        result.completeExceptionally(new java.io.IOException("the proxy closed the connection before answering CONNECT"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!result.completeExceptionally(cause)) {
            ctx.fireExceptionCaught(cause);
        }
    }
}
