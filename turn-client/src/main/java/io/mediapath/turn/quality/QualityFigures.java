package io.mediapath.turn.quality;

import java.util.Locale;

/**
 * What a quality run measured. Times are in milliseconds. Packets that were not this run's (another source, another
 * token or SSRC, not a test packet) are {@code foreign}; ours with a sequence that was never sent are
 * {@code badSequence}; both are counted and kept out of every other figure.
 *
 * @param sent               packets sent
 * @param received           distinct packets of ours that came back
 * @param lost               sent but never back (by the end of the drain wait)
 * @param lossPercent        lost / sent × 100
 * @param lossBursts         runs of consecutive lost packets
 * @param longestBurst       the longest such run
 * @param rttMinMs           minimum round-trip time
 * @param rttMedianMs        median round-trip time
 * @param rttP95Ms           95th percentile round-trip time
 * @param jitterMs           RFC 3550 §6.4.1 interarrival jitter of the returning packets (relative to their send times)
 * @param reordered          packets that came back after one sent later
 * @param duplicates         extra copies of a packet already counted
 * @param foreign            datagrams that were not this run's
 * @param badSequence        this run's datagrams with a sequence that was never sent
 * @param sendErrors         sends the connection refused (closed allocation)
 * @param sendDeviationP99Ms 99th percentile of |actual − scheduled| send time: the timer's accuracy
 */
public record QualityFigures(int sent, int received, int lost, double lossPercent, int lossBursts, int longestBurst,
                             double rttMinMs, double rttMedianMs, double rttP95Ms, double jitterMs, int reordered,
                             int duplicates, int foreign, int badSequence, int sendErrors, double sendDeviationP99Ms) {

    /** {@code sent 500, lost 3 (0.6 %, 2 bursts, longest 2), RTT 1.2/1.5/2.0 ms, jitter 0.3 ms, …}. */
    public String describe() {
        return String.format(Locale.ROOT, "sent %d, back %d, lost %d (%.1f %%, %d burst%s, longest %d), RTT min/median/p95"
                        + " %.1f/%.1f/%.1f ms, jitter %.1f ms, reordered %d, duplicates %d, stray %d",
                sent, received, lost, lossPercent, lossBursts, lossBursts == 1 ? "" : "s", longestBurst, rttMinMs,
                rttMedianMs, rttP95Ms, jitterMs, reordered, duplicates, foreign + badSequence);
    }
}
