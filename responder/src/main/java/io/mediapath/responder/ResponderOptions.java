package io.mediapath.responder;

import io.mediapath.ice.receipt.ReceiptToken;
import io.mediapath.ice.receipt.ReceiptVerifier;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * How a {@link Responder} listens and what it allows. Immutable; made with {@link #builder()} (or {@link #toBuilder()} from other options). Defaults are safe to
 * expose to the internet: 50 arrivals a second per source (bursts of 100), 256 connections per source and 16 384 in
 * all, 10 s for a connection's hello and request (trickling bytes does not extend it), never more UDP bytes to a
 * source than it sent.
 */
public final class ResponderOptions {

    private final Optional<ReceiptToken> token;
    private final List<InetSocketAddress> udp;
    private final List<InetSocketAddress> tcp;
    private final Duration window;
    private final int maxConnections;
    private final int maxConnectionsPerSource;
    private final double ratePerSecond;
    private final double burst;
    private final int maxSources;
    private final Duration helloTimeout;
    private final String realm;
    private final String certificateName;
    private final Consumer<String> arrivalLog;
    private final Clock clock;

    private ResponderOptions(Builder b) {
        this.token = b.token;
        this.udp = List.copyOf(b.udp);
        this.tcp = List.copyOf(b.tcp);
        this.window = b.window;
        this.maxConnections = b.maxConnections;
        this.maxConnectionsPerSource = b.maxConnectionsPerSource;
        this.ratePerSecond = b.ratePerSecond;
        this.burst = b.burst;
        this.maxSources = b.maxSources;
        this.helloTimeout = b.helloTimeout;
        this.realm = b.realm;
        this.certificateName = b.certificateName;
        this.arrivalLog = b.arrivalLog;
        this.clock = b.clock;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options (listeners included). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.token = token;
        b.udp.addAll(udp);
        b.tcp.addAll(tcp);
        b.window = window;
        b.maxConnections = maxConnections;
        b.maxConnectionsPerSource = maxConnectionsPerSource;
        b.ratePerSecond = ratePerSecond;
        b.burst = burst;
        b.maxSources = maxSources;
        b.helloTimeout = helloTimeout;
        b.realm = realm;
        b.certificateName = certificateName;
        b.arrivalLog = arrivalLog;
        b.clock = clock;
        return b;
    }

    /** The shared token; without one the responder answers as a relay and issues no receipt. */
    public Optional<ReceiptToken> token() {
        return token;
    }

    /** UDP addresses to listen on (port 0: ephemeral). */
    public List<InetSocketAddress> udp() {
        return udp;
    }

    /** TCP addresses to listen on (port 0: ephemeral). */
    public List<InetSocketAddress> tcp() {
        return tcp;
    }

    /** How far a request's time may be from the responder's clock. */
    public Duration window() {
        return window;
    }

    /** Concurrent TCP connections in all. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Concurrent TCP connections per source address. */
    public int maxConnectionsPerSource() {
        return maxConnectionsPerSource;
    }

    /** Arrivals (datagrams or connections) per second per source address. */
    public double ratePerSecond() {
        return ratePerSecond;
    }

    /** The burst the rate allows. */
    public double burst() {
        return burst;
    }

    /** How many source addresses the per-source accounting remembers. */
    public int maxSources() {
        return maxSources;
    }

    /** The time a connection has from accept to its receipt; then it is closed. */
    public Duration helloTimeout() {
        return helloTimeout;
    }

    /** The REALM of the 401 challenges. */
    public String realm() {
        return realm;
    }

    /** The name in the responder's self-signed certificate. */
    public String certificateName() {
        return certificateName;
    }

    /** Where the one line per arrival goes. */
    public Consumer<String> arrivalLog() {
        return arrivalLog;
    }

    /** The clock receipts are stamped with. */
    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "ResponderOptions[udp=" + udp + ", tcp=" + tcp + ", token=" + (token.isPresent() ? "set" : "none") + "]";
    }

    /** Builds {@link ResponderOptions}. */
    public static final class Builder {
        private Optional<ReceiptToken> token = Optional.empty();
        private final List<InetSocketAddress> udp = new ArrayList<>();
        private final List<InetSocketAddress> tcp = new ArrayList<>();
        private Duration window = ReceiptVerifier.DEFAULT_WINDOW;
        private int maxConnections = 16_384;
        private int maxConnectionsPerSource = 256;
        private double ratePerSecond = 50;
        private double burst = 100;
        private int maxSources = 65_536;
        private Duration helloTimeout = Duration.ofSeconds(10);
        private String realm = "mediapath";
        private String certificateName = "mediapath-responder";
        private Consumer<String> arrivalLog = LoggerFactory.getLogger(Responder.class)::info;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The shared token. */
        public Builder token(ReceiptToken token) {
            this.token = Optional.of(token);
            return this;
        }

        /** Adds a UDP listener. */
        public Builder udp(InetSocketAddress address) {
            udp.add(Objects.requireNonNull(address, "address"));
            return this;
        }

        /** Adds a TCP listener (plain, pseudo-TLS and TLS are told apart by their first bytes). */
        public Builder tcp(InetSocketAddress address) {
            tcp.add(Objects.requireNonNull(address, "address"));
            return this;
        }

        /** The request time window (positive). */
        public Builder window(Duration window) {
            this.window = positive(window, "window");
            return this;
        }

        /** Concurrent TCP connections in all (at least 1). */
        public Builder maxConnections(int n) {
            this.maxConnections = atLeastOne(n, "maxConnections");
            return this;
        }

        /** Concurrent TCP connections per source (at least 1). */
        public Builder maxConnectionsPerSource(int n) {
            this.maxConnectionsPerSource = atLeastOne(n, "maxConnectionsPerSource");
            return this;
        }

        /** Arrivals per second per source and the burst allowed (both positive, burst at least 1). */
        public Builder rate(double perSecond, double burst) {
            if (!(perSecond > 0) || !(burst >= 1)) {
                throw new IllegalArgumentException("rate: " + perSecond + "/s burst " + burst
                        + " (expected: positive rate, burst at least 1)");
            }
            this.ratePerSecond = perSecond;
            this.burst = burst;
            return this;
        }

        /** How many sources the accounting remembers (at least 1). */
        public Builder maxSources(int n) {
            this.maxSources = atLeastOne(n, "maxSources");
            return this;
        }

        /** The time a connection has for its hello and request (positive). */
        public Builder helloTimeout(Duration timeout) {
            this.helloTimeout = positive(timeout, "helloTimeout");
            return this;
        }

        /** The REALM of the challenges. */
        public Builder realm(String realm) {
            this.realm = Objects.requireNonNull(realm, "realm");
            return this;
        }

        /** The certificate's name. */
        public Builder certificateName(String name) {
            this.certificateName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Where the arrival lines go (default: SLF4J, INFO, logger {@code io.mediapath.responder.Responder}). */
        public Builder arrivalLog(Consumer<String> log) {
            this.arrivalLog = Objects.requireNonNull(log, "log");
            return this;
        }

        /** The clock (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The options; at least one listener. */
        public ResponderOptions build() {
            if (udp.isEmpty() && tcp.isEmpty()) {
                throw new IllegalArgumentException("responder: no listener (expected: at least one UDP or TCP address)");
            }
            return new ResponderOptions(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + ": " + d + " (expected: positive)");
            }
            return d;
        }

        private static int atLeastOne(int n, String what) {
            if (n < 1) {
                throw new IllegalArgumentException(what + ": " + n + " (expected: at least 1)");
            }
            return n;
        }
    }
}
