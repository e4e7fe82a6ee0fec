package io.mediapath.turn.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.net.SocketAddress;

/**
 * Stamps the socket's own connect: the moment the event loop asks the kernel to connect, and the moment the connect
 * completes. A figure taken around {@code Bootstrap.connect} also counts channel creation, the event loop's start and,
 * in a fresh JVM, class loading (hundreds of milliseconds for a loopback connect of 0.2 ms); readers take connect
 * times for network figures, so only the socket's part is reported. First in the pipeline; a pass-through afterwards.
 */
public final class ConnectStamp extends ChannelOutboundHandlerAdapter {
    private volatile long startNanos;
    private volatile long doneNanos;

    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remote, SocketAddress local, ChannelPromise promise)
            throws Exception {
        startNanos = System.nanoTime();
        promise.addListener(f -> {
            if (f.isSuccess()) {
                connected();
            }
        });
        ctx.connect(remote, local, promise);
    }

    /**
     * Marks the connect done, once: called by this handler's own listener and by the caller's listener on the
     * connect future, whichever the event loop runs first (their order depends on which thread added them first).
     */
    public void connected() {
        if (doneNanos == 0) {
            doneNanos = System.nanoTime();
        }
    }

    /** How long the socket's connect took, or -1 if it was not issued or has not succeeded. */
    public long connectNanos() {
        long s = startNanos;
        long d = doneNanos;
        return s == 0 || d == 0 ? -1 : d - s;
    }

    /** {@link System#nanoTime()} when the connect was issued; 0 before. */
    public long startNanos() {
        return startNanos;
    }

    /** {@link System#nanoTime()} when the connect succeeded; 0 before or after a failure. */
    public long doneNanos() {
        return doneNanos;
    }
}
