package io.mediapath.turn.internal;

import io.mediapath.turn.TurnException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Name lookups with a deadline, for every client and probe of this module: on the shared resolver threads (never
 * the caller's thread or an event loop, where a slow resolver would stall every connection), and failing with
 * {@code RESOLVE_FAILED} when the name is unknown or the answer is later than the wait.
 */
public final class Lookups {
    private Lookups() {
    }

    /**
     * Resolves {@code host}; {@code what} names it in the failure ("" or e.g. "the proxy ", with its trailing
     * space).
     */
    public static CompletableFuture<InetSocketAddress> resolve(String host, int port, Duration wait, String what) {
        long ms = wait.toMillis();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new InetSocketAddress(InetAddress.getByName(host), port);
            } catch (UnknownHostException | RuntimeException e) {
                throw new CompletionException(new TurnException(TurnException.Kind.RESOLVE_FAILED,
                        "cannot resolve " + what + host, null, e));
            }
        }, EventLoops.resolver()).orTimeout(ms, TimeUnit.MILLISECONDS).exceptionallyCompose(e -> {
            Throwable c = Failures.unwrap(e);
            return CompletableFuture.failedFuture(c instanceof TimeoutException
                    ? new TurnException(TurnException.Kind.RESOLVE_FAILED, "resolving " + what + host
                    + " took longer than " + ms + " ms", null, c) : c);
        });
    }
}
