package io.mediapath.turn.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;

/**
 * Any proxy answer to CONNECT in any chunking: the tunnel completes at most once, with a parsed head (status 100..999,
 * head within the bound, headers within the bound) or a typed {@link ConnectResponse.Malformed}; after a 2xx every
 * byte that followed the head reaches the next handler exactly once; nothing leaks (PARANOID leak detection).
 */
class HttpConnectTunnelFuzzTest {

    @FuzzTest
    void answer(FuzzedDataProvider data) {
        int chunk = data.consumeInt(1, 512);
        byte[] stream = data.consumeRemainingAsBytes();
        HttpConnectTunnel tunnel = new HttpConnectTunnel("192.0.2.1:3478", Optional.of("Basic dTpw"));
        EmbeddedChannel ch = new EmbeddedChannel(tunnel);
        try {
            ByteBuf request = ch.readOutbound();
            assertThat(request).isNotNull();
            request.release();
            for (int i = 0; i < stream.length && !tunnel.result().isDone(); i += chunk) {
                ch.writeInbound(Unpooled.wrappedBuffer(stream, i, Math.min(chunk, stream.length - i)));
            }
            if (!tunnel.result().isDone()) {
                assertThat(stream.length).as("undecided only while short of the bound")
                        .isLessThan(ConnectResponse.MAX_HEAD + chunk);
                return;
            }
            ConnectResponse r;
            try {
                r = tunnel.result().join();
            } catch (java.util.concurrent.CompletionException e) {
                assertThat(e.getCause()).isInstanceOf(ConnectResponse.Malformed.class);
                return;
            }
            assertThat(r.status()).isBetween(100, 999);
            assertThat(r.headLength()).isBetween(1, Math.min(stream.length, ConnectResponse.MAX_HEAD + 2));
            assertThat(r.headers().size()).isLessThanOrEqualTo(ConnectResponse.MAX_HEADERS);
            if (r.established()) {
                int consumed = 0;
                for (int i = 0; i < stream.length; i += chunk) {
                    consumed = Math.min(stream.length, i + chunk);
                    if (consumed >= r.headLength()) {
                        break;
                    }
                }
                tunnel.release(ch);
                long passed = 0;
                Object o;
                while ((o = ch.readInbound()) != null) {
                    try {
                        passed += ((ByteBuf) o).readableBytes();
                    } finally {
                        ReferenceCountUtil.release(o);
                    }
                }
                assertThat(passed).as("bytes after the head, exactly once").isEqualTo(consumed - r.headLength());
            }
        } finally {
            ch.finishAndReleaseAll();
        }
    }
}
