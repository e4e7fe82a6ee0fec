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

    // Up to 4 daemon threads for what must not run on an event loop: judging (which may ask the
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

    /** Name lookups at most at once: a fleet scan of names keeps this many resolver queries in flight. */
    static final int LOOKUPS = 16;

    // Name lookups apart from judging, and more of them: a lookup mostly waits for the resolver, and a scan of
    // hundreds of names with four threads shared with judging resolved four names at a time (each waiting a DNS
    // round trip) while the probes' deadlines ran. Idle threads end.
    private static final class Lookups {
        static final java.util.concurrent.ExecutorService POOL = pool();

        private static java.util.concurrent.ExecutorService pool() {
            java.util.concurrent.ThreadPoolExecutor e = new java.util.concurrent.ThreadPoolExecutor(LOOKUPS, LOOKUPS,
                    30, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(),
                    new DefaultThreadFactory("mediapath-tls-lookup", true));
            e.allowCoreThreadTimeOut(true);
            return e;
        }
    }

    static java.util.concurrent.Executor lookups() {
        return Lookups.POOL;
    }
}
