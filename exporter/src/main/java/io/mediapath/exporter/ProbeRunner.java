package io.mediapath.exporter;

import io.mediapath.ice.probe.Deadline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs modules against targets: at most {@code maxConcurrent} at once, each under its deadline. The returned stage
 * always completes normally, by the deadline plus {@link #GRACE}: a prober that throws, fails or overruns becomes a
 * failed {@link ProbeOutcome} naming the phase ({@code deadline} when nothing finer is known), never an exception.
 */
public final class ProbeRunner {
    /** What a probe may overrun its deadline by before the runner answers for it. */
    public static final Duration GRACE = Duration.ofMillis(250);

    private final ModuleRegistry registry;
    private final Semaphore permits;
    private final Map<String, String> environment;

    /**
     * A runner.
     *
     * @param registry      the modules
     * @param maxConcurrent probes in flight at most; {@link #run} waits for a permit within the probe's deadline
     * @param environment   where credential environment variables are read ({@code System.getenv()})
     */
    public ProbeRunner(ModuleRegistry registry, int maxConcurrent, Map<String, String> environment) {
        this.registry = Objects.requireNonNull(registry, "registry");
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent " + maxConcurrent + " (expected: ≥ 1)");
        }
        this.permits = new Semaphore(maxConcurrent, true);
        this.environment = Map.copyOf(environment);
    }

    /** The modules. */
    public ModuleRegistry registry() {
        return registry;
    }

    /**
     * Runs {@code module} against {@code target} within {@code budget} (capped by the module's timeout). Blocks the
     * caller while all permits are taken (at most until the deadline).
     */
    public CompletableFuture<ProbeOutcome> run(ProbeModule module, ProbeTarget target, Duration budget) {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(target, "target");
        Duration b = budget.compareTo(module.settings().timeout()) < 0 ? budget : module.settings().timeout();
        long start = System.nanoTime();
        Deadline deadline = Deadline.after(b);
        boolean acquired;
        try {
            acquired = permits.tryAcquire(Math.max(0, deadline.remaining().toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            return CompletableFuture.completedFuture(failed(module, target, start, "queue", "timeout",
                    "no probe slot free before the deadline (" + b.toMillis() + " ms)"));
        }
        CompletableFuture<ProbeOutcome> f;
        try {
            f = registry.prober(module).probe(module, target, deadline, environment).toCompletableFuture();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.orTimeout(Math.max(1, deadline.remaining().plus(GRACE).toMillis()), TimeUnit.MILLISECONDS)
                .handle((o, e) -> {
                    permits.release();
                    if (o != null) {
                        return o;
                    }
                    Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (c instanceof TimeoutException) {
                        return failed(module, target, start, "deadline", "timeout",
                                "did not finish within " + b.toMillis() + " ms");
                    }
                    return failed(module, target, start, "probe", "error", c.getClass().getSimpleName()
                            + (c.getMessage() == null ? "" : ": " + c.getMessage()));
                });
    }

    static ProbeOutcome failed(ProbeModule module, ProbeTarget target, long startNanos, String phase, String reason,
            String detail) {
        return new ProbeOutcome(module.name(), target.toString(), false, Duration.ofNanos(System.nanoTime()
                - startNanos), List.of(), List.of(), Optional.empty(), List.of(), Optional.empty(), List.of(),
                Optional.of(new ProbeOutcome.Failure(module.kind().id(), phase, reason)), detail);
    }
}
