package io.mediapath.turn.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediapath.testing.TestData;
import io.mediapath.turn.msturn.MsTurnMessage;
import io.mediapath.turn.stun.StunDecodeException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The [MS-TURN] 2.1.4 framing: {@code 02 00 LL LL} control, {@code 03 00 LL LL} data. */
class MsTurnFrameDecoderTest {

    @Test
    void framesSplitAcrossArbitraryChunks() {
        byte[] msg = TestData.hex("io/mediapath/turn/msturn/msturn-allocate-v3-sha256-integrity.hex");
        byte[] control = MsTurnFrame.control(MsTurnMessage.decode(msg)).toBytes();
        assertThat(control[0]).isEqualTo((byte) 0x02);
        assertThat(control[1]).isZero();
        assertThat(((control[2] & 0xff) << 8) | (control[3] & 0xff)).isEqualTo(msg.length);
        byte[] data = new MsTurnFrame(MsTurnFrame.DATA, new byte[] {1, 2, 3}).toBytes();
        byte[] stream = new byte[control.length + data.length];
        System.arraycopy(control, 0, stream, 0, control.length);
        System.arraycopy(data, 0, stream, control.length, data.length);
        for (int chunk = 1; chunk <= stream.length; chunk++) {
            MsTurnFrameDecoder d = new MsTurnFrameDecoder();
            ByteBuf acc = Unpooled.buffer();
            List<MsTurnFrame> out = new ArrayList<>();
            try {
                for (int i = 0; i < stream.length; i += chunk) {
                    acc.writeBytes(stream, i, Math.min(chunk, stream.length - i));
                    MsTurnFrame f;
                    while ((f = d.next(acc)) != null) {
                        out.add(f);
                    }
                }
            } finally {
                acc.release();
            }
            assertThat(out).hasSize(2);
            assertThat(out.get(0).message().toBytes()).isEqualTo(msg);
            assertThat(out.get(1).payload()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void badTypeFailsOnceAndForAll() {
        MsTurnFrameDecoder d = new MsTurnFrameDecoder();
        ByteBuf in = Unpooled.wrappedBuffer("HTTP/1.1 407".getBytes());
        try {
            assertThatThrownBy(() -> d.next(in)).isInstanceOf(StunDecodeException.class).hasMessageContaining("0x48");
            assertThatThrownBy(() -> d.next(in)).isInstanceOf(StunDecodeException.class);
        } finally {
            in.release();
        }
    }
}
