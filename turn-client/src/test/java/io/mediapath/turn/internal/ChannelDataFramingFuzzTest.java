package io.mediapath.turn.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mediapath.turn.stun.ChannelData;
import io.mediapath.turn.stun.StunDecodeException;
import io.mediapath.turn.stun.StunMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;

/**
 * Any byte stream in any chunking: the framer yields STUN messages and ChannelData or a typed error, never more
 * bytes than it was given, and leaks nothing (the leak detector is at PARANOID).
 */
class ChannelDataFramingFuzzTest {

    @FuzzTest
    void frame(FuzzedDataProvider data) {
        int chunk = data.consumeInt(1, 64);
        byte[] stream = data.consumeRemainingAsBytes();
        StunStreamFramer framer = new StunStreamFramer();
        ByteBuf acc = Unpooled.buffer();
        long consumed = 0;
        try {
            for (int i = 0; i < stream.length; i += chunk) {
                acc.writeBytes(stream, i, Math.min(chunk, stream.length - i));
                Object f;
                while ((f = framer.next(acc)) != null) {
                    if (f instanceof ChannelData cd) {
                        assertThat(cd.channel()).isBetween(0x4000, 0x7FFF);
                        consumed += 4 + cd.content().readableBytes();
                    } else {
                        consumed += ((StunMessage) f).size();
                    }
                    ReferenceCountUtil.release(f);
                }
                acc.discardReadBytes();
            }
            assertThat(consumed).isLessThanOrEqualTo(stream.length);
        } catch (StunDecodeException expected) {
            // not STUN/ChannelData: a typed error
        } finally {
            acc.release();
        }
        try {
            ChannelData.decodeDatagram(Unpooled.wrappedBuffer(stream)).release();
        } catch (StunDecodeException expected) {
            // fine
        }
    }
}
