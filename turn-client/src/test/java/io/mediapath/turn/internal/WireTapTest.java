package io.mediapath.turn.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.probe.WirePayload;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tap records signalling in full but only the first few relayed (ChannelData) payloads of a media stream. */
class WireTapTest {

    @Test
    void aMediaStreamIsRecordedOnlyAtItsStartWhileSignallingStillIs() {
        List<WirePayload> seen = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new WireTap(seen::add));
        for (int i = 0; i < 200; i++) {
            ch.writeOutbound(Unpooled.wrappedBuffer(new byte[] {0x40, 0x00, 0x00, 0x04, 1, 2, 3, 4}));
        }
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x41, 0x00, 0x00, 0x00}));
        // a STUN message after the stream (first byte 0) is still recorded
        ch.writeOutbound(Unpooled.wrappedBuffer(new byte[] {0x00, 0x01, 0x00, 0x00}));
        long data = seen.stream().filter(w -> (w.bytes()[0] & 0xF0) == 0x40).count();
        assertThat(data).isEqualTo(WireTap.MAX_DATA_PAYLOADS);
        assertThat(seen).hasSize(WireTap.MAX_DATA_PAYLOADS + 1);
        assertThat(seen.get(seen.size() - 1).bytes()[1]).isEqualTo((byte) 1);
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ((ByteBuf) o).release();
        }
        for (Object o; (o = ch.readInbound()) != null; ) {
            ((ByteBuf) o).release();
        }
        assertThat(ch.finish()).isFalse();
    }
}
