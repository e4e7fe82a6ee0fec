package io.mediapath.turn.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mediapath.turn.stun.MessageType;
import io.mediapath.turn.stun.StunClass;
import io.mediapath.turn.stun.StunMessage;
import io.mediapath.turn.stun.StunMethod;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;

/**
 * Any byte stream in any chunking on an RFC 6062 data connection: STUN messages until a ConnectionBind success,
 * then every remaining byte exactly once as raw data (none parsed, none lost), or a typed error before the switch;
 * nothing leaks (PARANOID leak detection).
 */
class TcpDataDecoderFuzzTest {
    private static final MessageType BIND_OK = MessageType.of(StunMethod.CONNECTION_BIND, StunClass.SUCCESS_RESPONSE);

    @FuzzTest
    void decode(FuzzedDataProvider data) {
        int chunk = data.consumeInt(1, 64);
        byte[] stream = data.consumeRemainingAsBytes();
        TcpDataDecoder decoder = new TcpDataDecoder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        long stunBytes = 0;
        long rawBytes = 0;
        boolean sawBind = false;
        boolean failed = false;
        try {
            for (int i = 0; i < stream.length && !failed; i += chunk) {
                try {
                    ch.writeInbound(Unpooled.wrappedBuffer(stream, i, Math.min(chunk, stream.length - i)));
                } catch (DecoderException e) {
                    assertThat(sawBind).as("no error once raw").isFalse();
                    failed = true;
                }
                Object o;
                while ((o = ch.readInbound()) != null) {
                    try {
                        if (o instanceof StunMessage m) {
                            assertThat(sawBind).as("no STUN after the switch").isFalse();
                            stunBytes += m.size();
                            sawBind = m.type().equals(BIND_OK);
                        } else {
                            assertThat(sawBind).as("raw bytes only after ConnectionBind success").isTrue();
                            rawBytes += ((ByteBuf) o).readableBytes();
                        }
                    } finally {
                        ReferenceCountUtil.release(o);
                    }
                }
            }
            assertThat(stunBytes + rawBytes).isLessThanOrEqualTo(stream.length);
            if (sawBind) {
                assertThat(stunBytes + rawBytes).as("every byte after the switch delivered").isEqualTo(stream.length);
                assertThat(decoder.isRaw()).isTrue();
            }
        } finally {
            ch.finishAndReleaseAll();
        }
    }
}
