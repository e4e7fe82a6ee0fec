package io.mediapath.turn.quality;

import java.time.Duration;
import java.util.Objects;

/**
 * What a quality run must stay below to pass: the Microsoft 365 network connectivity test's figures by default
 * (loss &lt; 1 %, RTT &lt; 100 ms, jitter &lt; 30 ms). RTT is judged on the median, jitter on RFC 3550's estimate at
 * the end of the run.
 *
 * @param lossPercent the loss (percent of packets sent) at or above which the run fails
 * @param rtt         the median round-trip time at or above which it fails
 * @param jitter      the RFC 3550 interarrival jitter at or above which it fails
 */
public record QualityThresholds(double lossPercent, Duration rtt, Duration jitter) {
    /** loss &lt; 1 %, RTT &lt; 100 ms, jitter &lt; 30 ms. */
    public static final QualityThresholds DEFAULT = new QualityThresholds(1.0, Duration.ofMillis(100),
            Duration.ofMillis(30));

    public QualityThresholds {
        Objects.requireNonNull(rtt, "rtt");
        Objects.requireNonNull(jitter, "jitter");
        if (!(lossPercent > 0 && lossPercent <= 100) || rtt.isNegative() || rtt.isZero() || jitter.isNegative()
                || jitter.isZero()) {
            throw new IllegalArgumentException("thresholds: loss " + lossPercent + " %, rtt " + rtt + ", jitter " + jitter);
        }
    }
}
