package io.mediapath.turn.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads turn-client shares across clients and probe runs, so that neither a probe run nor an {@link
 * io.mediapath.turn.msturn.MsTurnClient} starts threads of its own: one process-wide NIO event loop group (daemon
 * threads, created on first use, never shut down: an idle loop costs a parked thread), and a small pool of daemon
 * threads for the JDK's blocking name lookups, which must never run on an event loop.
 */
public final class EventLoops {
    private EventLoops() {
    }

    /** The shared event loops (two at most: the work on them is small, and the machine may be small too). */
    public static EventLoopGroup shared() {
        return Loops.GROUP;
    }

    /**
     * Up to 8 daemon threads for blocking name lookups (more wait in the queue, never on the caller's thread, which
     * may be an event loop); idle ones end after a minute, so an idle process holds none.
     */
    public static ExecutorService resolver() {
        return Resolver.EXECUTOR;
    }

    /**
     * Daemon threads for probe runs that still wait step by step (the RFC relay probe: each step's outcome picks
     * the next), reused across runs: at most 16 run at once, the others queue; idle threads end after a minute.
     * A caller with its own executor passes it instead.
     */
    public static ExecutorService probeRuns() {
        return ProbeRuns.EXECUTOR;
    }

    private static final class ProbeRuns {
        static final ExecutorService EXECUTOR = pool("mediapath-turn-probe", 16);
    }

    private static final class Loops {
        static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(
                Math.min(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("mediapath-turn", true), NioIoHandler.newFactory());
    }

    private static final class Resolver {
        static final ExecutorService EXECUTOR = pool("mediapath-resolver", 8);
    }

    private static ExecutorService pool(String name, int threads) {
        ThreadPoolExecutor e = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                });
        e.allowCoreThreadTimeOut(true);
        return e;
    }
}
