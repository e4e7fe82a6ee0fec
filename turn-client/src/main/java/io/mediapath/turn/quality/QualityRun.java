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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A media-quality run through a TURN relay: after a ChannelBind to the echo peer, one {@link QualityPacket} every
 * interval (20 ms by default) over the allocation's channel, for the run's duration; the peer echoes them back through
 * the relay and a {@link QualityMeter} measures loss (with bursts), RTT, RFC 3550 jitter, reordering and duplicates.
 * The result ({@link QualityResult}) is judged against loss &lt; 1 %, RTT &lt; 100 ms, jitter &lt; 30 ms unless the
 * options say otherwise. Works over whatever transport the allocation's control connection uses (UDP, or TCP/TLS
 * when asked: ChannelData in the stream).
 *
 * <p>The send schedule is absolute (packet {@code i} is due at start + i × interval, fixed-rate on one shared timer
 * thread for every run in this JVM), so late wake-ups do not accumulate; each packet's deviation from its due time is
 * measured ({@link QualityFigures#sendDeviationP99Ms()}). The run ends {@code drain} after the last send, so it is
 * bounded by duration + drain; it replaces the allocation's data listener while it runs.
 */
public final class QualityRun {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private QualityRun() {
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "mediapath-quality-timer");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
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
                conn.allocate(credentials, AllocateOptions.DEFAULT).thenCompose(a -> run(a, peer, options)
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
                }).thenCompose(c2 -> c1.allocate(credentials, AllocateOptions.DEFAULT).thenCompose(a1 ->
                        c2.allocate(credentials, AllocateOptions.DEFAULT).thenCompose(a2 ->
                                runSelfEcho(a1, a2, options).whenComplete((r, e) -> a2.closeAsync()))
                                .whenComplete((r, e) -> a1.closeAsync()))
                        .whenComplete((r, e) -> {
                            c1.close();
                            c2.close();
                        })));
    }

    private static CompletableFuture<QualityResult> send(TurnAllocation a, int channel, InetSocketAddress peer,
                                                         QualityOptions o, String path) {
        int count = o.packets();
        long token = RANDOM.nextLong();
        int ssrc = RANDOM.nextInt();
        QualityMeter meter = new QualityMeter(token, ssrc, count, peer);
        long base = System.nanoTime();
        a.onData((from, data, ch) -> meter.received(from, data, System.nanoTime() - base));
        CompletableFuture<QualityResult> done = new CompletableFuture<>();
        long interval = o.interval().toNanos();
        AtomicInteger next = new AtomicInteger();
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        Runnable tick = () -> {
            int i = next.getAndIncrement();
            if (i >= count) {
                if (i == count) {
                    ScheduledFuture<?> t = task.get();
                    if (t != null) {
                        t.cancel(false);
                    }
                    TIMER.schedule(() -> {
                        a.onData(null);
                        done.complete(new QualityResult(meter.figures(), o.thresholds(), path));
                    }, o.drain().toNanos(), TimeUnit.NANOSECONDS);
                }
                return;
            }
            long now = System.nanoTime() - base;
            byte[] packet = new QualityPacket(ssrc, token, i, now, o.size()).encode();
            meter.sent(i, now, i * interval);
            a.sendChannelData(channel, packet).whenComplete((v, e) -> {
                if (e != null) {
                    meter.sendFailed();
                }
            });
        };
        // fixed rate: packet i is due at base + i × interval however late the previous wake-up was
        task.set(TIMER.scheduleAtFixedRate(tick, 0, interval, TimeUnit.NANOSECONDS));
        done.whenComplete((r, e) -> task.get().cancel(false));
        return done;
    }

    static String hostPort(InetSocketAddress a) {
        String h = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + a.getPort();
    }
}
