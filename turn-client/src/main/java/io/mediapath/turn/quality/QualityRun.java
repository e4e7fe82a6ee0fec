package io.mediapath.turn.quality;

import io.mediapath.turn.AllocateOptions;
import io.mediapath.turn.StunConnection;
import io.mediapath.turn.TurnAllocation;
import io.mediapath.turn.TurnClient;
import io.mediapath.turn.TurnCredentials;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A media-quality run through a TURN relay: after a ChannelBind to the echo peer, one {@link QualityPacket} every
 * interval (20 ms by default) over the allocation's channel, for the run's duration; the peer echoes them back through
 * the relay and a {@link QualityMeter} measures loss (with bursts), RTT, RFC 3550 jitter, reordering and duplicates.
 * The result ({@link QualityResult}) is judged against loss &lt; 1 %, RTT &lt; 100 ms, jitter &lt; 30 ms unless the
 * options say otherwise. Works over whatever transport the allocation's control connection uses (UDP, or TCP/TLS
 * when asked: ChannelData in the stream).
 *
 * <p>The send schedule is absolute (packet {@code i} is due at start + i × interval) and runs on the allocation's
 * own event loop, which also reads the echoes: no timer thread and no hand-off between threads per packet, so many
 * concurrent runs cost little. Late wake-ups do not accumulate; each packet's deviation from its due time is measured
 * ({@link QualityFigures#sendDeviationP99Ms()}). The run ends {@code drain} after the last send, so it is bounded by
 * duration + drain; it replaces the allocation's data listener while it runs.
 */
public final class QualityRun {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Where every run's send schedule is aligned to (see {@link Pacer#start()}). */
    private static final long GRID_ORIGIN = System.nanoTime();

    private QualityRun() {
    }

    /**
     * Runs over an existing allocation to {@code peer} (an echo peer: it sends every datagram back to its source).
     * The future completes with the result, or exceptionally when the ChannelBind fails.
     */
    public static CompletableFuture<QualityResult> run(TurnAllocation allocation, InetSocketAddress peer,
                                                       QualityOptions options) {
        Objects.requireNonNull(allocation, "allocation");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(options, "options");
        String path = allocation.connection().transport().name().toLowerCase(java.util.Locale.ROOT) + " "
                + hostPort(allocation.connection().server()) + " relay " + hostPort(allocation.relayedAddress())
                + " -> peer " + hostPort(peer);
        return allocation.bindChannel(peer).thenCompose(channel -> send(allocation, channel, peer, options, path));
    }

    /**
     * Connects to {@code server} over {@code transport}, allocates a UDP relay with {@code credentials}, runs, and
     * releases the allocation whatever happened.
     */
    public static CompletableFuture<QualityResult> run(TurnClient client, InetSocketAddress server,
                                                       io.mediapath.turn.StunTransport transport, String serverName,
                                                       TurnCredentials credentials, InetSocketAddress peer,
                                                       QualityOptions options) {
        return client.connect(server, transport, serverName).thenCompose(conn ->
                conn.allocate(credentials, AllocateOptions.defaults()).thenCompose(a -> run(a, peer, options)
                        .whenComplete((r, e) -> a.closeAsync().whenComplete((v, e2) -> conn.close())))
                        .whenComplete((r, e) -> {
                            if (e != null) {
                                conn.close();
                            }
                        }));
    }

    /**
     * Runs without an outside echo peer: two allocations on the same relay, {@code echo} sending every datagram it
     * receives from {@code allocation}'s relayed address straight back to it. The packets cross the relay twice
     * each way (client → relay A → relay B → client, and back), so RTT and loss cover the client–relay path twice;
     * useful where no echo peer is reachable (a monitored Edge, an exporter module).
     */
    public static CompletableFuture<QualityResult> runSelfEcho(TurnAllocation allocation, TurnAllocation echo,
                                                               QualityOptions options) {
        InetSocketAddress a = allocation.relayedAddress();
        InetSocketAddress b = echo.relayedAddress();
        return echo.bindChannel(a).thenCompose(ch -> {
            echo.onData((from, data, c) -> {
                if (from.equals(a)) {
                    echo.sendChannelData(ch, data);
                }
            });
            return run(allocation, b, options);
        }).whenComplete((r, e) -> echo.onData(null));
    }

    /**
     * {@link #runSelfEcho} on two fresh allocations over two connections to {@code server}, released whatever
     * happened.
     */
    public static CompletableFuture<QualityResult> runSelfEcho(TurnClient client, InetSocketAddress server,
                                                               io.mediapath.turn.StunTransport transport,
                                                               String serverName, TurnCredentials credentials,
                                                               QualityOptions options) {
        return client.connect(server, transport, serverName).thenCompose(c1 ->
                client.connect(server, transport, serverName).whenComplete((c2, e) -> {
                    if (e != null) {
                        c1.close();
                    }
                }).thenCompose(c2 -> c1.allocate(credentials, AllocateOptions.defaults()).thenCompose(a1 ->
                        c2.allocate(credentials, AllocateOptions.defaults()).thenCompose(a2 ->
                                runSelfEcho(a1, a2, options).whenComplete((r, e) -> a2.closeAsync()))
                                .whenComplete((r, e) -> a1.closeAsync()))
                        .whenComplete((r, e) -> {
                            c1.close();
                            c2.close();
                        })));
    }

    private static CompletableFuture<QualityResult> send(TurnAllocation a, int channel, InetSocketAddress peer,
                                                         QualityOptions o, String path) {
        ScheduledExecutorService loop;
        try {
            loop = a.eventLoop();
        } catch (IllegalStateException e) {
            return CompletableFuture.failedFuture(e);
        }
        Pacer pacer = new Pacer(a, channel, peer, o, path, loop);
        loop.execute(pacer::start);
        return pacer.done;
    }

    /**
     * One run's send schedule, on the allocation's event loop (the thread that writes the socket and reads the
     * echoes): each wake-up sends the packets that are due and schedules the next at its absolute due time. No timer
     * thread, no hand-off between threads per packet, and one reused packet buffer per run; many runs share the few
     * event loops. Every field is touched on the loop only, except {@link #done}.
     */
    private static final class Pacer implements Runnable {
        final CompletableFuture<QualityResult> done = new CompletableFuture<>();
        private final TurnAllocation allocation;
        private final int channel;
        private final QualityOptions options;
        private final String path;
        private final ScheduledExecutorService loop;
        private final QualityMeter meter;
        private final long token = RANDOM.nextLong();
        private final int ssrc = RANDOM.nextInt();
        private final int count;
        private final long interval;
        private final byte[] packet;
        private long base;
        private int next;

        Pacer(TurnAllocation allocation, int channel, InetSocketAddress peer, QualityOptions o, String path,
              ScheduledExecutorService loop) {
            this.allocation = allocation;
            this.channel = channel;
            this.options = o;
            this.path = path;
            this.loop = loop;
            this.count = o.packets();
            this.interval = o.interval().toNanos();
            this.packet = new byte[o.size()];
            this.meter = new QualityMeter(token, ssrc, count, peer);
        }

        void start() {
            // Start on the next tick of a process-wide grid of this interval: runs on the same event loop then have
            // the same due times and share each wake-up (ten runs wake the loop 50 times a second, not 500).
            long now = System.nanoTime();
            long since = now - GRID_ORIGIN;
            base = now + Math.floorMod(-since, interval);
            allocation.onData((from, data, ch) -> meter.received(from, data, System.nanoTime() - base));
            run();
        }

        @Override
        public void run() {
            if (done.isDone()) {
                return;
            }
            try {
                long now = System.nanoTime() - base;
                if (now < 0) { // before the first tick of the grid
                    loop.schedule(this, -now, TimeUnit.NANOSECONDS);
                    return;
                }
                // absolute schedule: packet i is due at base + i × interval, so a late wake-up sends what is due
                // and the lateness does not carry over to the next packet
                while (next < count && (long) next * interval <= now) {
                    sendOne(next, now);
                    next++;
                    now = System.nanoTime() - base;
                }
                if (next < count) {
                    loop.schedule(this, (long) next * interval - now, TimeUnit.NANOSECONDS);
                } else {
                    loop.schedule(this::finish, options.drain().toNanos(), TimeUnit.NANOSECONDS);
                }
            } catch (RuntimeException e) {
                // a rejected schedule (the loop shutting down) or a send that threw: end the run, never leave it hanging
                allocation.onData(null);
                done.completeExceptionally(e);
            }
        }

        private void sendOne(int i, long now) {
            QualityPacket.write(packet, ssrc, token, i, now);
            meter.sent(i, now, (long) i * interval);
            allocation.sendChannelData(channel, packet).whenComplete((v, e) -> {
                if (e != null) {
                    meter.sendFailed();
                }
            });
        }

        private void finish() {
            allocation.onData(null);
            done.complete(new QualityResult(meter.figures(), options.thresholds(), path));
        }
    }

    static String hostPort(InetSocketAddress a) {
        String h = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + a.getPort();
    }
}
