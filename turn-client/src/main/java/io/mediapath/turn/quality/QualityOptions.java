package io.mediapath.turn.quality;

import java.time.Duration;
import java.util.Objects;

/**
 * How a quality run sends: one packet of {@code size} bytes every {@code interval} for {@code duration}, then waits
 * {@code drain} for the last echoes; judged against {@code thresholds}.
 *
 * @param interval   spacing of the packets (default 20 ms, 50 packets/s, an audio frame)
 * @param size       datagram size ({@value QualityPacket#MIN_SIZE} to {@value QualityPacket#MAX_SIZE}; default
 *                   {@value QualityPacket#DEFAULT_SIZE}, an RTP header and a 20 ms G.711 frame)
 * @param duration   how long to send (default 10 s)
 * @param drain      how long to wait for echoes after the last send (default 1 s; later echoes count as lost)
 * @param thresholds what the figures must stay below
 */
public record QualityOptions(Duration interval, int size, Duration duration, Duration drain,
                             QualityThresholds thresholds) {
    /** 20 ms, 172 bytes, 10 s, 1 s drain, the default thresholds. */
    public static final QualityOptions DEFAULT = new QualityOptions(Duration.ofMillis(20), QualityPacket.DEFAULT_SIZE,
            Duration.ofSeconds(10), Duration.ofSeconds(1), QualityThresholds.DEFAULT);

    public QualityOptions {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(drain, "drain");
        Objects.requireNonNull(thresholds, "thresholds");
        if (interval.toMillis() < 1 || interval.toSeconds() > 10) {
            throw new IllegalArgumentException("interval: " + interval + " (expected: 1 ms ~ 10 s)");
        }
        if (size < QualityPacket.MIN_SIZE || size > QualityPacket.MAX_SIZE) {
            throw new IllegalArgumentException("size: " + size + " (expected: " + QualityPacket.MIN_SIZE + " ~ "
                    + QualityPacket.MAX_SIZE + ")");
        }
        if (duration.compareTo(interval) < 0 || duration.toHours() >= 1) {
            throw new IllegalArgumentException("duration: " + duration + " (expected: one interval ~ under an hour)");
        }
        if (drain.isNegative() || drain.toSeconds() > 60) {
            throw new IllegalArgumentException("drain: " + drain + " (expected: 0 ~ 60 s)");
        }
    }

    /** The number of packets a run sends. */
    public int packets() {
        return (int) (duration.toNanos() / interval.toNanos());
    }

    /** These options lasting {@code d}. */
    public QualityOptions withDuration(Duration d) {
        return new QualityOptions(interval, size, d, drain, thresholds);
    }

    /** These options with datagrams of {@code bytes}. */
    public QualityOptions withSize(int bytes) {
        return new QualityOptions(interval, bytes, duration, drain, thresholds);
    }

    /** These options with another spacing. */
    public QualityOptions withInterval(Duration d) {
        return new QualityOptions(d, size, duration, drain, thresholds);
    }

    /** These options with another drain wait. */
    public QualityOptions withDrain(Duration d) {
        return new QualityOptions(interval, size, duration, d, thresholds);
    }

    /** These options judged against {@code t}. */
    public QualityOptions withThresholds(QualityThresholds t) {
        return new QualityOptions(interval, size, duration, drain, t);
    }
}
