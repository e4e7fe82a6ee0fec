package io.mediapath.tls;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/** mediapath's shared event loops for probes whose caller brings none: daemon threads, created on first use. */
final class EventLoops {
    private EventLoops() {
    }

    private static final class Holder {
        static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(
                Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())),
                new DefaultThreadFactory("mediapath-tls", true), NioIoHandler.newFactory());
    }

    static EventLoopGroup shared() {
        return Holder.GROUP;
    }

    // Up to 4 daemon threads for what must not run on an event loop: name lookups and judging (which may ask the
    // system proxy selector, i.e. WPAD/PAC, and loads the JDK trust store the first time). Idle threads end.
    private static final class Blocking {
        static final java.util.concurrent.ExecutorService POOL = pool();

        private static java.util.concurrent.ExecutorService pool() {
            java.util.concurrent.ThreadPoolExecutor e = new java.util.concurrent.ThreadPoolExecutor(4, 4, 60,
                    java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(),
                    new DefaultThreadFactory("mediapath-tls-blocking", true));
            e.allowCoreThreadTimeOut(true);
            return e;
        }
    }

    static java.util.concurrent.Executor blocking() {
        return Blocking.POOL;
    }
}
