package io.mediapath.benchmarks.turn;

import io.mediapath.lab.coturn.Coturn;
import io.mediapath.turn.AllocateOptions;
import io.mediapath.turn.StunTransport;
import io.mediapath.turn.TurnAllocation;
import io.mediapath.turn.TurnClient;
import io.mediapath.turn.TurnClientOptions;
import io.mediapath.turn.TurnCredentials;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * Many concurrent TURN allocations in one JVM against one real coturn on 127.0.0.1 (default 10 000; run with
 * {@code -Xmx256m}): opens them all (each on its own UDP 5-tuple, i.e. its own local port, all on one two-thread
 * Netty event loop group), checks each got a relayed address and that the addresses are distinct, holds them all,
 * sends each a Refresh and counts the answers, then deletes them. Reports the time to open all, failures by reason
 * and the heap: the peak of the heap pools over the run and the live heap after a GC with everything held.
 *
 * <p>Needs about one file descriptor per allocation in this JVM and two in coturn (its per-client UDP socket and
 * the relay socket); {@code scripts/bench.sh turn-load} checks {@code ulimit -n}.
 *
 * <pre>
 * java -Xmx256m -cp benchmarks/target/benchmarks.jar io.mediapath.benchmarks.turn.TurnAllocationsBenchmark \
 *     [--allocations 10000] [--concurrency 200]
 * </pre>
 */
public final class TurnAllocationsBenchmark {
    private static final long PHASE_DEADLINE_SECONDS = 120;

    private TurnAllocationsBenchmark() {
    }

    /** Runs the benchmark; exit code 1 when any allocation failed or did not answer its Refresh. */
    public static void main(String[] args) throws Exception {
        int count = 10_000;
        int concurrency = 200;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--allocations" -> count = Integer.parseInt(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: TurnAllocationsBenchmark [--allocations N] [--concurrency C]");
                    System.exit(2);
                }
            }
        }
        long fdLimit = openFileLimit();
        if (fdLimit > 0 && fdLimit < count + 1000L) {
            System.err.printf(Locale.ROOT, "open-file limit %d is too low for %d allocations (need about %d here and"
                    + " %d in coturn): raise it with ulimit -n%n", fdLimit, count, count + 1000, 2 * count + 100);
            System.exit(2);
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf(Locale.ROOT, "%d allocations, %d in flight at most, max heap %d MiB, open-file limit %d%n",
                count, concurrency, maxHeap >> 20, fdLimit);
        // Relay ports below the kernel's ephemeral range (32768+), so they cannot collide with our client ports.
        int relayMin = 20_000;
        int relayMax = relayMin + Math.max(1000, count + count / 10);
        if (relayMax > 32_767) {
            throw new IllegalArgumentException("at most about 11 000 allocations fit the relay range 20000-32767");
        }
        boolean ok;
        try (Coturn turn = Coturn.builder().user("bench", "bench-pass").relayPorts(relayMin, relayMax)
                .line("max-allocate-lifetime=3600").start()) {
            ok = run(turn, count, concurrency);
        }
        System.exit(ok ? 0 : 1);
    }

    static boolean run(Coturn turn, int count, int concurrency) throws Exception {
        resetPeaks();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        TurnClient client = TurnClient.create(TurnClientOptions.defaults(), group);
        TurnCredentials cred = new TurnCredentials(turn.username(), turn.password());
        AtomicReferenceArray<TurnAllocation> allocations = new AtomicReferenceArray<>(count);
        Map<String, Integer> failures = new TreeMap<>();
        try {
            long t0 = System.nanoTime();
            int opened = phase("open", count, concurrency, failures, i -> client.connect(turn.host(), turn.port(),
                    StunTransport.UDP).thenCompose(c -> c.allocate(cred, AllocateOptions.builder().lifetime(1800).build())
                            .whenComplete((a, e) -> {
                                if (e != null) {
                                    c.close();
                                }
                            }))
                    .thenApply(a -> {
                        allocations.set(i, a);
                        return null;
                    }));
            double openSeconds = (System.nanoTime() - t0) / 1e9;
            Set<InetSocketAddress> relays = new HashSet<>();
            int withRelay = 0;
            for (int i = 0; i < count; i++) {
                TurnAllocation a = allocations.get(i);
                if (a != null && a.relayedAddress() != null) {
                    withRelay++;
                    relays.add(a.relayedAddress());
                }
            }
            System.gc();
            long liveHeld = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.printf(Locale.ROOT, "opened %d/%d in %.2f s (%.0f allocations/s); %d with a relayed address,"
                    + " %d distinct; live heap with all held (after GC): %.1f MiB%n", opened, count, openSeconds,
                    opened / openSeconds, withRelay, relays.size(), liveHeld / 1048576.0);

            long t1 = System.nanoTime();
            int refreshed = phase("refresh", count, concurrency, failures, i -> {
                TurnAllocation a = allocations.get(i);
                return a == null ? CompletableFuture.failedFuture(new IllegalStateException("never opened"))
                        : a.refresh(1800).thenApply(x -> null);
            });
            double refreshSeconds = (System.nanoTime() - t1) / 1e9;
            System.out.printf(Locale.ROOT, "refresh answered by %d/%d in %.2f s%n", refreshed, count, refreshSeconds);

            long t2 = System.nanoTime();
            int deleted = phase("delete", count, concurrency, failures, i -> {
                TurnAllocation a = allocations.get(i);
                return a == null ? CompletableFuture.failedFuture(new IllegalStateException("never opened"))
                        : a.refresh(0).thenApply(x -> null);
            });
            double deleteSeconds = (System.nanoTime() - t2) / 1e9;
            long peak = peakHeap();
            System.out.printf(Locale.ROOT, "deleted %d/%d in %.2f s%n", deleted, count, deleteSeconds);
            System.out.printf(Locale.ROOT, "peak heap (sum of heap pools' peaks): %.1f MiB of %d MiB max%n",
                    peak / 1048576.0, Runtime.getRuntime().maxMemory() >> 20);
            failures.forEach((k, v) -> System.out.println("  failure: " + v + " x " + k));
            System.out.println();
            System.out.println("| allocations | opened | with relay (distinct) | open s | alloc/s | refreshed | deleted"
                    + " | live heap held MiB | peak heap MiB | max heap MiB | failures |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf(Locale.ROOT, "| %d | %d | %d (%d) | %.2f | %.0f | %d | %d | %.1f | %.1f | %d | %d |%n",
                    count, opened, withRelay, relays.size(), openSeconds, opened / openSeconds, refreshed, deleted,
                    liveHeld / 1048576.0, peak / 1048576.0, Runtime.getRuntime().maxMemory() >> 20, failed);
            if (!turn.isAlive()) {
                System.out.println("coturn died during the run; its log ends:\n" + tail(turn.log(), 2000));
            }
            return opened == count && relays.size() == count && refreshed == count && deleted == count;
        } finally {
            for (int i = 0; i < count; i++) {
                TurnAllocation a = allocations.get(i);
                if (a != null) {
                    a.connection().close();
                }
            }
            client.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    /** Runs {@code op} for 0..count-1 with at most {@code concurrency} in flight; returns how many succeeded. */
    static int phase(String name, int count, int concurrency, Map<String, Integer> failures,
            Function<Integer, CompletableFuture<Void>> op) throws InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        CountDownLatch done = new CountDownLatch(count);
        int[] ok = new int[1];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PHASE_DEADLINE_SECONDS);
        for (int i = 0; i < count; i++) {
            if (!slots.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                synchronized (failures) {
                    failures.merge(name + ": phase deadline", count - i, Integer::sum);
                }
                break;
            }
            CompletableFuture<Void> f;
            try {
                f = op.apply(i);
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.whenComplete((v, e) -> {
                synchronized (failures) {
                    if (e == null) {
                        ok[0]++;
                    } else {
                        Throwable c = e.getCause() != null ? e.getCause() : e;
                        String reason = c.getClass().getSimpleName() + ": " + String.valueOf(c.getMessage())
                                .replaceAll("[0-9a-f]{24}|\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+|:\\d+", "…");
                        failures.merge(name + ": " + reason, 1, Integer::sum);
                    }
                }
                slots.release();
                done.countDown();
            });
        }
        done.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        synchronized (failures) {
            return ok[0];
        }
    }

    static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    static long openFileLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    return Long.parseLong(line.substring(26).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: unknown
        }
        return -1;
    }

    private static String tail(String s, int n) {
        return s.length() <= n ? s : s.substring(s.length() - n);
    }
}
