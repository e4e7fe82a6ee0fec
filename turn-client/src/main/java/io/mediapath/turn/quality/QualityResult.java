package io.mediapath.turn.quality;

import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.turn.TurnFindingCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A quality run's figures judged against its thresholds.
 *
 * @param figures    what was measured
 * @param thresholds what it was judged against
 * @param path       how the packets went, e.g. {@code udp 127.0.0.1:3478 relay 127.0.0.1:50000 -> peer 127.0.0.1:5000}
 */
public record QualityResult(QualityFigures figures, QualityThresholds thresholds, String path) {

    public QualityResult {
        Objects.requireNonNull(figures, "figures");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(path, "path");
    }

    /** Whether anything came back at all. */
    public boolean echoed() {
        return figures.received() > 0;
    }

    /** True when something came back and loss, RTT and jitter are all below their thresholds. */
    public boolean passed() {
        return echoed() && failures().isEmpty();
    }

    /** Each failing figure with its threshold, e.g. {@code loss 5.2 % (>= 1 %)}; empty when none failed. */
    public List<String> failures() {
        List<String> out = new ArrayList<>();
        if (!echoed()) {
            out.add("no echo");
            return out;
        }
        if (figures.lossPercent() >= thresholds.lossPercent()) {
            out.add(String.format(Locale.ROOT, "loss %.1f %% (>= %s %%)", figures.lossPercent(),
                    trim(thresholds.lossPercent())));
        }
        if (figures.rttMedianMs() >= thresholds.rtt().toMillis()) {
            out.add(String.format(Locale.ROOT, "RTT %.0f ms (>= %d ms)", figures.rttMedianMs(), thresholds.rtt().toMillis()));
        }
        if (figures.jitterMs() >= thresholds.jitter().toMillis()) {
            out.add(String.format(Locale.ROOT, "jitter %.1f ms (>= %d ms)", figures.jitterMs(),
                    thresholds.jitter().toMillis()));
        }
        return out;
    }

    /** Findings from turn-client's catalogue, the figures as evidence. */
    public List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        Evidence ev = new Evidence("quality " + path, "figures", figures.describe());
        if (!echoed()) {
            out.add(TurnFindingCodes.QUALITY_NO_ECHO.builder()
                    .summary(figures.sent() + " packets sent through the relay, none came back").evidence(ev).build());
        } else {
            QualityFigures f = figures;
            if (f.lossPercent() >= thresholds.lossPercent()) {
                out.add(TurnFindingCodes.QUALITY_LOSS_HIGH.builder().summary(String.format(Locale.ROOT,
                        "%.1f %% of packets lost through the relay (%d of %d, %d burst%s, longest %d)", f.lossPercent(),
                        f.lost(), f.sent(), f.lossBursts(), f.lossBursts() == 1 ? "" : "s", f.longestBurst()))
                        .evidence(ev).build());
            }
            if (f.rttMedianMs() >= thresholds.rtt().toMillis()) {
                out.add(TurnFindingCodes.QUALITY_RTT_HIGH.builder().summary(String.format(Locale.ROOT,
                        "round trip through the relay: median %.0f ms, p95 %.0f ms", f.rttMedianMs(), f.rttP95Ms()))
                        .evidence(ev).build());
            }
            if (f.jitterMs() >= thresholds.jitter().toMillis()) {
                out.add(TurnFindingCodes.QUALITY_JITTER_HIGH.builder().summary(String.format(Locale.ROOT,
                        "RFC 3550 jitter through the relay: %.1f ms", f.jitterMs())).evidence(ev).build());
            }
            if (out.isEmpty()) {
                out.add(TurnFindingCodes.QUALITY_GOOD.builder().summary(String.format(Locale.ROOT,
                        "loss %.1f %%, RTT median %.1f ms, jitter %.1f ms through the relay", f.lossPercent(),
                        f.rttMedianMs(), f.jitterMs())).evidence(ev).build());
            }
        }
        if (figures.foreign() + figures.badSequence() > 0) {
            out.add(TurnFindingCodes.QUALITY_STRAY_PACKETS.builder().summary(figures.foreign() + " foreign and "
                    + figures.badSequence() + " bad-sequence datagram(s) were counted and left out of the figures")
                    .evidence(ev).build());
        }
        return out;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
