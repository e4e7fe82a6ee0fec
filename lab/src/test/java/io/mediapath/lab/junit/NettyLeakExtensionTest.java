package io.mediapath.lab.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;

class NettyLeakExtensionTest {

    @Test
    void reportsABufferDroppedWithoutRelease() throws InterruptedException {
        NettyLeakExtension.collectLeaks(); // start clean
        leakOne();
        assertThat(NettyLeakExtension.collectLeaks())
                .as("a dropped buffer must be reported")
                .isNotEmpty()
                .allMatch(r -> r.startsWith("LEAK"));
    }

    @Test
    void staysQuietWhenBuffersAreReleased() throws InterruptedException {
        NettyLeakExtension.collectLeaks();
        ByteBuf b = ByteBufAllocator.DEFAULT.buffer(64);
        b.writeLong(42);
        b.release();
        assertThat(NettyLeakExtension.collectLeaks()).isEmpty();
    }

    private static void leakOne() {
        ByteBuf b = ByteBufAllocator.DEFAULT.directBuffer(128);
        b.writeInt(7);
        // dropped on purpose
    }
}
