package io.mediapath.diagnose.playbook;

import io.mediapath.ice.probe.Probe;

import java.net.ProxySelector;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@link EdgePlaybook} runs: timer profile, deadline, trust, extra probes. Immutable; start from
 * {@link #defaults()} or {@link #builder()}.
 */
public final class PlaybookOptions {

    /** Timer profiles. */
    public enum Profile {
        /**
         * The diagnostic profile (default): short STUN retransmissions and a 3 s run deadline, so a dropped UDP
         * port is declared in under 3 s. A real client waits longer; silence here is still silence.
         */
        DIAGNOSTIC(Duration.ofSeconds(3)),
        /** RFC 8489 timers (Rc 7, Rm 16: 39.5 s of silence before a UDP timeout); a 45 s deadline. */
        RFC(Duration.ofSeconds(45));

        private final Duration deadline;

        Profile(Duration deadline) {
            this.deadline = deadline;
        }

        /** The run deadline this profile uses unless one is given. */
        public Duration deadline() {
            return deadline;
        }
    }

    /**
     * A probe the caller adds to every run, reported as a leg of its own; it runs against the relay's TCP
     * address with the run's deadline. A failed custom leg is a contributing finding; it does not change the
     * modality verdicts.
     *
     * @param name  the leg's name in reports
     * @param probe the probe
     */
    public record CustomProbe(String name, Probe probe) {
        public CustomProbe {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(probe, "probe");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name: blank");
            }
        }
    }

    /**
     * The mediapath responder to prove the path against from both ends: every leg's hello is sent there too, with a
     * receipt request under {@code token}.
     *
     * @param host       the responder's address or name
     * @param udpPort    its UDP port (3478 beside a relay)
     * @param tcpPort    its TCP port (443 beside a relay)
     * @param token      the token shared with it out of band (never shown: its {@code toString} is redacted)
     * @param serverName the SNI of the TLS leg (default: the host when it is a name)
     * @param receiptMode when the receipt is asked for: after the relay protocol's answer (the default), or in place
     *                    of it, so that a leg sees only the receipt (issue 16)
     */
    public record ResponderCheck(String host, int udpPort, int tcpPort, io.mediapath.ice.receipt.ReceiptToken token,
            Optional<String> serverName, io.mediapath.ice.receipt.ReceiptRequest.Mode receiptMode) {
        public ResponderCheck {
            io.mediapath.ice.TransportAddress.checkHost(Objects.requireNonNull(host, "host"));
            new io.mediapath.ice.TransportAddress(host, udpPort);
            new io.mediapath.ice.TransportAddress(host, tcpPort);
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(serverName, "serverName");
            Objects.requireNonNull(receiptMode, "receiptMode");
        }

        /** A check asking for the receipt after the relay protocol's answer. */
        public ResponderCheck(String host, int udpPort, int tcpPort, io.mediapath.ice.receipt.ReceiptToken token,
                Optional<String> serverName) {
            this(host, udpPort, tcpPort, token, serverName, io.mediapath.ice.receipt.ReceiptRequest.Mode.AFTER_ANSWER);
        }

        /** The same check asking for the receipt in {@code mode}. */
        public ResponderCheck withReceiptMode(io.mediapath.ice.receipt.ReceiptRequest.Mode mode) {
            return new ResponderCheck(host, udpPort, tcpPort, token, serverName, mode);
        }
    }

    private final Profile profile;
    private final Optional<ResponderCheck> responder;
    private final Duration deadline;
    private final Duration requestedDeadline; // null: the profile's, which follows a later profile change
    private final List<X509Certificate> trustAnchors;
    private final List<CustomProbe> probes;
    private final boolean sequential;
    private final boolean credentialsOnInterceptedPath;
    private final ProxySelector proxySelector;
    private final Map<String, String> environment;

    private PlaybookOptions(Builder b) {
        this.profile = b.profile;
        this.responder = b.responder;
        this.deadline = b.deadline != null ? b.deadline : b.profile.deadline();
        this.requestedDeadline = b.deadline;
        this.trustAnchors = List.copyOf(b.trustAnchors);
        this.probes = List.copyOf(b.probes);
        this.sequential = b.sequential;
        this.credentialsOnInterceptedPath = b.credentialsOnInterceptedPath;
        this.proxySelector = b.proxySelector;
        this.environment = Map.copyOf(b.environment);
    }

    /** The diagnostic profile, no extra probes, the system's proxy settings. */
    public static PlaybookOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.profile = profile;
        b.deadline = requestedDeadline;
        b.trustAnchors.addAll(trustAnchors);
        b.probes.addAll(probes);
        b.sequential = sequential;
        b.credentialsOnInterceptedPath = credentialsOnInterceptedPath;
        b.proxySelector = proxySelector;
        b.environment = environment;
        return b;
    }

    /** The timer profile. */
    public Profile profile() {
        return profile;
    }

    /** The whole run's deadline, counted from {@link EdgePlaybook#run}. */
    public Duration deadline() {
        return deadline;
    }

    /** Extra trust anchors for the TLS legs (a relay's private CA); the JDK's roots are used as well. */
    public List<X509Certificate> trustAnchors() {
        return trustAnchors;
    }

    /** The caller's probes, run as custom legs. */
    public List<CustomProbe> probes() {
        return probes;
    }

    /** True when the legs run one after another (a benchmark baseline); false (default) runs them concurrently. */
    public boolean sequential() {
        return sequential;
    }

    /**
     * True when the caller opted in to sending credentials over a TCP path that a TLS leg judged intercepted.
     * Off by default: an interceptor would see the username and the integrity-protected Allocate.
     */
    public boolean credentialsOnInterceptedPath() {
        return credentialsOnInterceptedPath;
    }

    /** Where the explicit-proxy leg looks for a configured proxy when the target names none. */
    public ProxySelector proxySelector() {
        return proxySelector;
    }

    /** The environment the explicit-proxy leg reads ({@code HTTPS_PROXY}, {@code ALL_PROXY}). */
    public Map<String, String> environment() {
        return environment;
    }

    /** Builds {@link PlaybookOptions}. */
    /** The responder to prove the path against, if any. */
    public Optional<ResponderCheck> responder() {
        return responder;
    }

    public static final class Builder {
        private Profile profile = Profile.DIAGNOSTIC;
        private Optional<ResponderCheck> responder = Optional.empty();
        private Duration deadline;
        private final List<X509Certificate> trustAnchors = new ArrayList<>();
        private final List<CustomProbe> probes = new ArrayList<>();
        private boolean sequential;
        private boolean credentialsOnInterceptedPath;
        private ProxySelector proxySelector = ProxySelector.getDefault();
        private Map<String, String> environment = System.getenv();

        private Builder() {
        }

        /** The timer profile (default {@link Profile#DIAGNOSTIC}). */
        public Builder profile(Profile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /** The whole run's deadline (default: the profile's). */
        public Builder deadline(Duration deadline) {
            Objects.requireNonNull(deadline, "deadline");
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("deadline: " + deadline + " (expected: > 0)");
            }
            this.deadline = deadline;
            return this;
        }

        /** Adds trust anchors for the TLS legs. */
        public Builder trust(List<X509Certificate> anchors) {
            anchors.forEach(a -> trustAnchors.add(Objects.requireNonNull(a, "anchor")));
            return this;
        }

        /** Adds a probe of the caller's, run as a leg named {@code name} against the relay's TCP address. */
        public Builder addProbe(String name, Probe probe) {
            probes.add(new CustomProbe(name, probe));
            return this;
        }

        /** Runs the legs one after another instead of concurrently (a baseline for benchmarks). */
        public Builder sequential(boolean sequential) {
            this.sequential = sequential;
            return this;
        }

        /** Opts in to sending credentials over a TCP path judged intercepted (default: never). */
        public Builder credentialsOnInterceptedPath(boolean allow) {
            this.credentialsOnInterceptedPath = allow;
            return this;
        }

        /** The proxy selector the explicit-proxy leg consults (default: the JVM's; null for none). */
        public Builder proxySelector(ProxySelector selector) {
            this.proxySelector = selector;
            return this;
        }

        /** The environment the explicit-proxy leg reads (default: this process's). */
        public Builder environment(Map<String, String> env) {
            this.environment = Objects.requireNonNull(env, "env");
            return this;
        }

        /** Proves every leg from both ends against a mediapath responder (default: none). */
        public Builder responder(ResponderCheck responder) {
            this.responder = Optional.of(Objects.requireNonNull(responder, "responder"));
            return this;
        }

        /** The options. */
        public PlaybookOptions build() {
            return new PlaybookOptions(this);
        }
    }
}
