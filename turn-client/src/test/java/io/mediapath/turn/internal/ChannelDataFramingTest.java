package io.mediapath.turn.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediapath.turn.stun.Attributes;
import io.mediapath.turn.stun.ChannelData;
import io.mediapath.turn.stun.MessageType;
import io.mediapath.turn.stun.StunDecodeException;
import io.mediapath.turn.stun.StunMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChannelDataFramingTest {

    @Test
    void elevenBytePayloadIsFifteenBytesOnUdpAndSixteenOnStreams() {
        ChannelData cd = new ChannelData(0x4001, Unpooled.copiedBuffer("hello world", StandardCharsets.US_ASCII));
        ByteBuf udp = cd.encode(ByteBufAllocator.DEFAULT, false);
        ByteBuf tcp = cd.encode(ByteBufAllocator.DEFAULT, true);
        try {
            assertThat(udp.readableBytes()).isEqualTo(15);
            assertThat(tcp.readableBytes()).isEqualTo(16);
            assertThat(tcp.getUnsignedShort(2)).isEqualTo(11); // length never counts the padding
            ChannelData back = ChannelData.decodeDatagram(tcp);
            try {
                assertThat(back.channel()).isEqualTo(0x4001);
                assertThat(back.content().toString(StandardCharsets.US_ASCII)).isEqualTo("hello world");
            } finally {
                back.release();
            }
        } finally {
            udp.release();
            tcp.release();
            cd.release();
        }
    }

    @Test
    void streamCarryingStunAndChannelDataIsSplitWhateverTheChunking() {
        StunMessage stun = StunMessage.builder(MessageType.BINDING_REQUEST).add(Attributes.software("x"))
                .fingerprint().build();
        ByteBuf stream = Unpooled.buffer();
        stun.writeTo(stream);
        stream.writeBytes(new byte[] {0x40, 0x02, 0, 3, 'a', 'b', 'c', 0}); // padded ChannelData
        stun.writeTo(stream);
        stream.writeBytes(new byte[] {0x40, 0x03, 0, 0}); // empty ChannelData
        byte[] all = new byte[stream.readableBytes()];
        stream.readBytes(all);
        stream.release();
        for (int chunk = 1; chunk <= all.length; chunk += 5) {
            EmbeddedChannel ch = new EmbeddedChannel(new StunStreamFramer());
            for (int i = 0; i < all.length; i += chunk) {
                ch.writeInbound(Unpooled.wrappedBuffer(all, i, Math.min(chunk, all.length - i)));
            }
            assertThat((Object) ch.readInbound()).isEqualTo(stun);
            ChannelData cd = ch.readInbound();
            assertThat(cd.channel()).isEqualTo(0x4002);
            assertThat(cd.content().toString(StandardCharsets.US_ASCII)).isEqualTo("abc");
            cd.release();
            assertThat((Object) ch.readInbound()).isEqualTo(stun);
            ChannelData empty = ch.readInbound();
            assertThat(empty.content().readableBytes()).isZero();
            empty.release();
            assertThat((Object) ch.readInbound()).isNull();
            assertThat(ch.finish()).isFalse();
        }
    }

    @Test
    void garbageOnTheStreamIsATypedError() {
        EmbeddedChannel ch = new EmbeddedChannel(new StunStreamFramer());
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, 0, 0, 0})))
                .isInstanceOf(StunDecodeException.class).hasMessageContaining("0x80");
        ch.finishAndReleaseAll();
        assertThatThrownBy(() -> ChannelData.decodeDatagram(Unpooled.wrappedBuffer(new byte[] {0x40, 1, 0, 9, 1})))
                .isInstanceOf(StunDecodeException.class);
    }
}
