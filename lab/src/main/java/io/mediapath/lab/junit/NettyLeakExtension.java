package io.mediapath.lab.junit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty's {@link ResourceLeakDetector} reports a leaked buffer during it.
 *
 * <p>Netty only logs leaks; this extension installs a detector factory that also records every report, then
 * after each test class forces collection and makes the detectors poll their queues, and fails with the leak
 * records if any. Run tests with {@code -Dio.netty.leakDetection.level=paranoid} so that every buffer is tracked.
 * Register it with {@code @ExtendWith(NettyLeakExtension.class)} or, for a whole module, through JUnit's
 * extension auto-detection (a {@code META-INF/services/org.junit.jupiter.api.extension.Extension} test resource
 * naming this class, and {@code junit.jupiter.extensions.autodetection.enabled=true}).
 */
public final class NettyLeakExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private static final ConcurrentLinkedQueue<String> REPORTS = new ConcurrentLinkedQueue<>();
    private static final boolean INSTALLED = install();

    private static boolean install() {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
        return true;
    }

    /** Creates the extension; the recording factory is installed once per JVM, before any buffer class loads. */
    public NettyLeakExtension() {
        if (!INSTALLED) {
            throw new IllegalStateException("leak recorder not installed");
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            throw new IllegalStateException("Netty leak detection is " + ResourceLeakDetector.getLevel()
                    + "; run tests with -Dio.netty.leakDetection.level=paranoid");
        }
        REPORTS.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        // Leaks are noticed only after GC, so checking per class is the earliest reliable point; nothing here.
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        List<String> leaks = collectLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer leak(s) in " + context.getDisplayName() + ":\n"
                    + String.join("\n----\n", leaks));
        }
    }

    /**
     * Forces the leak detectors to look at everything the garbage collector has found unreachable, and returns
     * (and forgets) the reports so far. Usable without JUnit.
     */
    public static List<String> collectLeaks() throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            System.gc();
            System.runFinalization();
            Thread.sleep(50);
            // Tracking a new buffer makes the ByteBuf detector poll its reference queue and report.
            for (ByteBufAllocator alloc : new ByteBufAllocator[] {
                    PooledByteBufAllocator.DEFAULT, UnpooledByteBufAllocator.DEFAULT, ByteBufAllocator.DEFAULT}) {
                ByteBuf heap = alloc.heapBuffer(1);
                ByteBuf direct = alloc.directBuffer(1);
                heap.release();
                direct.release();
            }
        }
        List<String> out = new ArrayList<>();
        String r;
        while ((r = REPORTS.poll()) != null) {
            out.add(r);
        }
        return out;
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(
                Class<T> resource, int samplingInterval, long maxActive) {
            return new RecordingDetector<>(resource, samplingInterval);
        }

        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
            return new RecordingDetector<>(resource, samplingInterval);
        }
    }

    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        RecordingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            REPORTS.add("LEAK: " + resourceType + records);
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            REPORTS.add("LEAK (untraced): " + resourceType);
            super.reportUntracedLeak(resourceType);
        }
    }
}
