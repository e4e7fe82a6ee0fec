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
}
