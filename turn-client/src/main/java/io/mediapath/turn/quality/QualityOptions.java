package io.mediapath.turn.quality;

import java.time.Duration;
import java.util.Objects;

/**
 * How a quality run sends: one packet of {@code size} bytes every {@code interval} for {@code duration}, then waits
 * {@code drain} for the last echoes; judged against {@code thresholds}. Start from {@link #defaults()} or
 * {@link #builder()}.
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
    private static final QualityOptions DEFAULTS = new QualityOptions(Duration.ofMillis(20), QualityPacket.DEFAULT_SIZE,
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

    /** 20 ms, 172 bytes, 10 s, 1 s drain, the default thresholds. */
    public static QualityOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the {@linkplain #defaults() defaults}. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.interval = interval;
        b.size = size;
        b.duration = duration;
        b.drain = drain;
        b.thresholds = thresholds;
        return b;
    }

    /** Builds {@link QualityOptions}; {@link #build()} checks the ranges. */
    public static final class Builder {
        private Duration interval;
        private int size;
        private Duration duration;
        private Duration drain;
        private QualityThresholds thresholds;

        private Builder() {
        }

        /** How long to send. */
        public Builder duration(Duration d) {
            this.duration = d;
            return this;
        }

        /** The datagram size in bytes. */
        public Builder size(int bytes) {
            this.size = bytes;
            return this;
        }

        /** The spacing of the packets. */
        public Builder interval(Duration d) {
            this.interval = d;
            return this;
        }

        /** How long to wait for echoes after the last send. */
        public Builder drain(Duration d) {
            this.drain = d;
            return this;
        }

        /** What the figures must stay below. */
        public Builder thresholds(QualityThresholds t) {
            this.thresholds = t;
            return this;
        }

        /** The options. */
        public QualityOptions build() {
            return new QualityOptions(interval, size, duration, drain, thresholds);
        }
    }
}
