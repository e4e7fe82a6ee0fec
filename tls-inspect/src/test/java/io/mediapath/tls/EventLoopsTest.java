package io.mediapath.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shared pools a probe leaves its event loop for. */
class EventLoopsTest {

    /**
     * Name lookups run {@link EventLoops#LOOKUPS} at once, apart from judging: a scan of names waits for the resolver
     * that many queries at a time (four, shared with judging, paced a scan of hundreds of names). Each task here blocks
     * until all of them have started, which only happens when they run side by side.
     */
    @Test
    void lookupsRunSideBySideApartFromJudging() throws Exception {
        CountDownLatch started = new CountDownLatch(EventLoops.LOOKUPS);
        CountDownLatch release = new CountDownLatch(1);
        try {
            for (int i = 0; i < EventLoops.LOOKUPS; i++) {
                EventLoops.lookups().execute(() -> {
                    started.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertThat(started.await(30, TimeUnit.SECONDS)).as("all lookups started together").isTrue();
            // Judging is not queued behind the blocked lookups.
            CountDownLatch judged = new CountDownLatch(1);
            EventLoops.blocking().execute(judged::countDown);
            assertThat(judged.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            release.countDown();
        }
    }
}
