package io.mediapath.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link StunTimers#within}: how a profile is cut to a caller's deadline (both dialects' probes use it). */
class StunTimersTest {

    @Test
    void aProfileThatFitsIsKept() {
        assertThat(StunTimers.FAST.within(Duration.ofSeconds(3))).isSameAs(StunTimers.FAST);
    }

    @Test
    void theRfcProfileKeepsRetransmittingWithinThreeSeconds() {
        StunTimers t = StunTimers.RFC8489.within(Duration.ofSeconds(3));
        // 500 + 1000 ms of gaps, then 3 x 500 ms after the last of three requests: 3 s.
        assertThat(t.rto()).isEqualTo(Duration.ofMillis(500));
        assertThat(t.rc()).isEqualTo(3);
        assertThat(t.rm()).isEqualTo(3);
        assertThat(t.udpTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(t.ti()).isEqualTo(Duration.ofSeconds(3));
        assertThat(t.connect()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aShortWaitFirstShortensTheLastWaitThenDropsRequests() {
        StunTimers diagnostic = new StunTimers(Duration.ofMillis(200), 3, 4, Duration.ofSeconds(3));
        StunTimers t = diagnostic.within(Duration.ofMillis(1200));
        assertThat(t.rc()).isEqualTo(3);
        assertThat(t.rm()).isEqualTo(3);
        assertThat(t.udpTimeout()).isEqualTo(Duration.ofMillis(1200));
        StunTimers shorter = diagnostic.within(Duration.ofMillis(500));
        assertThat(shorter.rc()).isEqualTo(2);
        assertThat(shorter.udpTimeout()).isLessThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void anRtoLongerThanTheWaitBecomesOneRequest() {
        StunTimers t = StunTimers.RFC8489.within(Duration.ofMillis(300));
        assertThat(t.rc()).isEqualTo(1);
        assertThat(t.udpTimeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(t.connect()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void everyCutFitsWhateverTheWait() {
        for (long ms = 1; ms < 60_000; ms = ms * 3 / 2 + 1) {
            StunTimers t = StunTimers.RFC8489.within(Duration.ofMillis(ms));
            assertThat(t.udpTimeout()).as(ms + " ms").isLessThanOrEqualTo(Duration.ofMillis(ms));
            assertThat(t.ti()).isLessThanOrEqualTo(Duration.ofMillis(ms));
        }
    }

    @Test
    void aWaitMustBePositive() {
        assertThatThrownBy(() -> StunTimers.FAST.within(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
