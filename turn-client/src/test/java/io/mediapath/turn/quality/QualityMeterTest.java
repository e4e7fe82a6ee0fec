package io.mediapath.turn.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mediapath.turn.quality.QualityMeter.Outcome;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The meter's arithmetic on scripted arrivals (no sockets, no clock): loss and its bursts, RTT percentiles, RFC 3550
 * jitter computed by hand, reordering, duplicates, and stray datagrams that are counted but change no figure.
 */
class QualityMeterTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.20", 5000);
    private static final long MS = 1_000_000L;
    private static final long TOKEN = 0x1122334455667788L;
    private static final int SSRC = 0x0badcafe;

    private static byte[] packet(int seq, long sent) {
        return new QualityPacket(SSRC, TOKEN, seq, sent, QualityPacket.DEFAULT_SIZE).encode();
    }

    private static QualityMeter sent(int n) {
        QualityMeter m = new QualityMeter(TOKEN, SSRC, n, PEER);
        for (int i = 0; i < n; i++) {
            m.sent(i, i * 20 * MS, i * 20 * MS);
        }
        return m;
    }

    @Test
    void lossBurstsAndRtt() {
        QualityMeter m = sent(10);
        // 2, 3 and 7 never come back: two bursts, the longest 2; every RTT 10 ms except packet 5 (30 ms)
        for (int i : new int[] {0, 1, 4, 5, 6, 8, 9}) {
            long rtt = i == 5 ? 30 : 10;
            assertThat(m.received(PEER, packet(i, i * 20 * MS), (i * 20 + rtt) * MS)).isEqualTo(Outcome.COUNTED);
        }
        QualityFigures f = m.figures();
        assertThat(f.sent()).isEqualTo(10);
        assertThat(f.received()).isEqualTo(7);
        assertThat(f.lost()).isEqualTo(3);
        assertThat(f.lossPercent()).isEqualTo(30.0);
        assertThat(f.lossBursts()).isEqualTo(2);
        assertThat(f.longestBurst()).isEqualTo(2);
        assertThat(f.rttMinMs()).isEqualTo(10.0);
        assertThat(f.rttMedianMs()).isEqualTo(10.0);
        assertThat(f.rttP95Ms()).isEqualTo(30.0);
        // transits 10,10,10,30,10,10,10: |D| = 0,0,20,20,0,0 → J after each step, by hand
        double j = 0;
        for (double d : new double[] {0, 0, 20, 20, 0, 0}) {
            j += (d - j) / 16;
        }
        assertThat(f.jitterMs()).isCloseTo(j, within(1e-9));
    }

    @Test
    void reorderedAndDuplicatesAreCountedOnce() {
        QualityMeter m = sent(4);
        assertThat(m.received(PEER, packet(0, 0), 5 * MS)).isEqualTo(Outcome.COUNTED);
        assertThat(m.received(PEER, packet(2, 0), 50 * MS)).isEqualTo(Outcome.COUNTED);
        assertThat(m.received(PEER, packet(1, 0), 51 * MS)).isEqualTo(Outcome.REORDERED);
        assertThat(m.received(PEER, packet(1, 0), 52 * MS)).isEqualTo(Outcome.DUPLICATE);
        assertThat(m.received(PEER, packet(3, 0), 65 * MS)).isEqualTo(Outcome.COUNTED);
        QualityFigures f = m.figures();
        assertThat(f.received()).isEqualTo(4);
        assertThat(f.lost()).isZero();
        assertThat(f.reordered()).isEqualTo(1);
        assertThat(f.duplicates()).isEqualTo(1);
    }

    @Test
    void strayDatagramsChangeNoFigure() {
        QualityMeter m = sent(3);
        m.received(PEER, packet(0, 0), 10 * MS);
        m.received(PEER, packet(1, 20 * MS), 30 * MS);
        QualityFigures before = m.figures();
        // another source, another token, another SSRC, not a test packet at all, a sequence never sent,
        // and a forged send time in an otherwise valid packet of a sequence already counted
        assertThat(m.received(new InetSocketAddress("192.0.2.66", 5000), packet(2, 0), 40 * MS))
                .isEqualTo(Outcome.FOREIGN);
        assertThat(m.received(PEER, new QualityPacket(SSRC, TOKEN + 1, 2, 0, 172).encode(), 40 * MS))
                .isEqualTo(Outcome.FOREIGN);
        assertThat(m.received(PEER, new QualityPacket(SSRC + 1, TOKEN, 2, 0, 172).encode(), 40 * MS))
                .isEqualTo(Outcome.FOREIGN);
        assertThat(m.received(PEER, new byte[] {1, 2, 3}, 40 * MS)).isEqualTo(Outcome.FOREIGN);
        assertThat(m.received(PEER, packet(7, 0), 40 * MS)).isEqualTo(Outcome.BAD_SEQUENCE);
        assertThat(m.received(PEER, packet(-5, 0), 40 * MS)).isEqualTo(Outcome.BAD_SEQUENCE);
        assertThat(m.received(PEER, packet(1, -999_999 * MS), 40 * MS)).isEqualTo(Outcome.DUPLICATE);
        QualityFigures after = m.figures();
        assertThat(after.foreign()).isEqualTo(4);
        assertThat(after.badSequence()).isEqualTo(2);
        assertThat(after).usingRecursiveComparison().ignoringFields("foreign", "badSequence", "duplicates")
                .isEqualTo(before);
    }

    @Test
    void aPacketComingBackLateIsStillMeasuredFromItsOwnSendTime() {
        QualityMeter m = new QualityMeter(TOKEN, SSRC, 2, PEER);
        m.sent(0, 0, 0);
        m.sent(1, 23 * MS, 20 * MS);
        // the packet claims it was sent at 0; the meter uses its own record (23 ms)
        m.received(PEER, new QualityPacket(SSRC, TOKEN, 1, 0, 172).encode(), 33 * MS);
        assertThat(m.figures().rttMinMs()).isEqualTo(10.0);
        assertThat(m.figures().sendDeviationP99Ms()).isEqualTo(3.0);
    }

    @Test
    void judgedAgainstThePublishedThresholds() {
        QualityFigures clean = new QualityFigures(500, 500, 0, 0, 0, 0, 1, 2, 3, 0.5, 0, 0, 0, 0, 0, 0.1);
        QualityFigures lossy = new QualityFigures(500, 475, 25, 5.0, 20, 3, 1, 2, 3, 0.5, 0, 0, 0, 0, 0, 0.1);
        QualityFigures slow = new QualityFigures(500, 500, 0, 0, 0, 0, 90, 120, 140, 35, 0, 0, 1, 0, 0, 0.1);
        assertThat(new QualityResult(clean, QualityThresholds.DEFAULT, "p").passed()).isTrue();
        assertThat(new QualityResult(clean, QualityThresholds.DEFAULT, "p").findings()).extracting(f -> f.code())
                .containsExactly("QUALITY_GOOD");
        QualityResult l = new QualityResult(lossy, QualityThresholds.DEFAULT, "p");
        assertThat(l.passed()).isFalse();
        assertThat(l.failures()).containsExactly("loss 5.0 % (>= 1 %)");
        QualityResult s = new QualityResult(slow, QualityThresholds.DEFAULT, "p");
        assertThat(s.failures()).containsExactly("RTT 120 ms (>= 100 ms)", "jitter 35.0 ms (>= 30 ms)");
        assertThat(s.findings()).extracting(f -> f.code())
                .containsExactly("QUALITY_RTT_HIGH", "QUALITY_JITTER_HIGH", "QUALITY_STRAY_PACKETS");
        QualityFigures none = new QualityFigures(500, 0, 500, 100, 1, 500, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0,
                0, 0, 0, 0.1);
        assertThat(new QualityResult(none, QualityThresholds.DEFAULT, "p").findings()).extracting(f -> f.code())
                .containsExactly("QUALITY_NO_ECHO");
        assertThat(QualityOptions.defaults().packets()).isEqualTo(500);
        assertThat(QualityOptions.builder().duration(Duration.ofSeconds(3)).build().packets()).isEqualTo(150);
    }
}
