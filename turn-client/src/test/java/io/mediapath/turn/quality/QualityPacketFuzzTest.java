package io.mediapath.turn.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.net.InetSocketAddress;

/**
 * Any datagram handed to the quality decoder and meter: decoding never throws, a decoded packet re-encodes to the
 * same packet, and whatever arrives changes no figure of a run in progress except the stray, bad-sequence and
 * duplicate counters (packets from someone else never skew loss, RTT or jitter).
 */
class QualityPacketFuzzTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.20", 5000);

    @FuzzTest
    void decodeAndMeter(byte @NotNull [] datagram) {
        var p = QualityPacket.decode(datagram);
        if (p.isPresent()) {
            assertThat(p.get().size()).isEqualTo(datagram.length);
            if (datagram.length <= QualityPacket.MAX_SIZE) {
                // what the decoder reads survives a re-encode (the RTP timestamp and payload type are not read:
                // regression input regression-rtp-timestamp-not-read, found by this target)
                assertThat(QualityPacket.decode(p.get().encode())).contains(p.get());
            }
        }
        QualityMeter m = new QualityMeter(42L, 7, 4, PEER);
        for (int i = 0; i < 4; i++) {
            m.sent(i, i * 20_000_000L, i * 20_000_000L);
        }
        m.received(PEER, new QualityPacket(7, 42L, 0, 0, 64).encode(), 5_000_000L);
        m.received(PEER, new QualityPacket(7, 42L, 1, 0, 64).encode(), 26_000_000L);
        QualityFigures before = m.figures();
        m.received(new InetSocketAddress("192.0.2.66", 1), datagram, 30_000_000L);
        QualityFigures after = m.figures();
        assertThat(after.received()).isEqualTo(before.received());
        assertThat(after).usingRecursiveComparison().ignoringFields("foreign").isEqualTo(before);
        // from the peer itself: only a packet of this run with a sent, not yet counted sequence may count
        QualityMeter.Outcome o = m.received(PEER, datagram, 70_000_000L);
        QualityFigures last = m.figures();
        if (o == QualityMeter.Outcome.COUNTED || o == QualityMeter.Outcome.REORDERED) {
            assertThat(p).isPresent();
            assertThat(p.get().token()).isEqualTo(42L);
            assertThat(last.received()).isEqualTo(3);
        } else {
            assertThat(last).usingRecursiveComparison().ignoringFields("foreign", "badSequence", "duplicates")
                    .isEqualTo(after);
        }
    }
}
