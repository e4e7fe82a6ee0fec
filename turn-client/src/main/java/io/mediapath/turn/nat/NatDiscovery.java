package io.mediapath.turn.nat;

import io.mediapath.turn.StunTimers;
import io.mediapath.turn.stun.Attributes;
import io.mediapath.turn.stun.MessageType;
import io.mediapath.turn.stun.Setter;
import io.mediapath.turn.stun.StunClass;
import io.mediapath.turn.stun.StunDecodeException;
import io.mediapath.turn.stun.StunMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * NAT behaviour discovery against an RFC 5780 STUN server over UDP, the tests of RFC 5780 §4:
 * <ul>
 * <li>mapping (§4.3): Binding to the primary address, then to the alternate IP with the primary port, then to the
 * alternate IP and port, all from one socket; the mapped addresses decide endpoint-independent, address-dependent or
 * address-and-port-dependent (or no NAT when the first mapped address is the local one);</li>
 * <li>filtering (§4.4), from a fresh socket so the mapping tests opened no filter: CHANGE-REQUEST change-IP-and-port
 * answered → endpoint-independent; else change-port answered → address-dependent; else address-and-port-dependent.
 * An answer that did not come from where it was asked to come from (a server ignoring CHANGE-REQUEST) leaves it
 * undetermined;</li>
 * <li>hairpinning (§4.5): a Binding request sent from a second socket to the first socket's mapped address, which
 * comes back to the first socket when the NAT hairpins;</li>
 * <li>binding lifetime (§4.6, only when {@link Builder#lifetimeSearch asked}): a fresh mapping, a silence, then a
 * Binding from a second socket with RESPONSE-PORT = the mapping's port; the answer reaches the first socket only while
 * the mapping lives. A bisection of at most {@code probes} silences up to {@code max}, after a control probe with no
 * silence (a server that ignores RESPONSE-PORT leaves it undetermined).</li>
 * </ul>
 * Every transaction follows the {@link StunTimers} profile (default {@link StunTimers#FAST}), so each wait is bounded;
 * {@link #discover} blocks the calling thread, {@link #discoverAsync} runs it on an executor. Each result keeps the
 * transactions that prove it ({@link NatReport#proof(String)}).
 */
public final class NatDiscovery {
    private final StunTimers timers;
    private final InetAddress localAddress;
    private final boolean hairpin;
    private final Duration lifetimeMax;
    private final int lifetimeProbes;
    private final Duration lifetimeResolution;

    private NatDiscovery(Builder b) {
        this.timers = b.timers;
        this.localAddress = b.localAddress;
        this.hairpin = b.hairpin;
        this.lifetimeMax = b.lifetimeMax;
        this.lifetimeProbes = b.lifetimeProbes;
        this.lifetimeResolution = b.lifetimeResolution;
    }

    /** A builder: FAST timers, hairpinning tested, no lifetime search. */
    public static Builder builder() {
        return new Builder();
    }

    /** The whole discovery on {@code executor}. */
    public CompletableFuture<NatReport> discoverAsync(InetSocketAddress server, Executor executor) {
        return CompletableFuture.supplyAsync(() -> discover(server), executor);
    }

    /**
     * Runs the tests against {@code server} (its primary address) and returns what they show. Blocks; every wait is
     * bounded by the timer profile (the lifetime search adds at most its silences).
     *
     * @throws UncheckedIOException when no local socket can be opened or a send fails locally
     */
    public NatReport discover(InetSocketAddress server) {
        Objects.requireNonNull(server, "server");
        if (server.isUnresolved()) {
            throw new IllegalArgumentException("server not resolved: " + server);
        }
        UdpExchange ex = new UdpExchange(timers);
        List<NatTransaction> log = new ArrayList<>();
        InetAddress local = localAddress != null ? localAddress : routeSource(server);
        try (DatagramSocket a = bind(local)) {
            InetSocketAddress localA = (InetSocketAddress) a.getLocalSocketAddress();
            NatTransaction t1 = binding(ex, a, a, server, "mapping-1", null, StunClass.SUCCESS_RESPONSE, log);
            if (!t1.answered() || t1.mapped().isEmpty()) {
                return new NatReport(server, localA, Optional.empty(), Optional.empty(), NatBehavior.UNDETERMINED,
                        NatBehavior.UNDETERMINED, Hairpinning.UNDETERMINED, Optional.empty(), log, ex.stray());
            }
            InetSocketAddress m1 = t1.mapped().get();
            Optional<InetSocketAddress> other = t1.otherAddress()
                    .filter(o -> o.getAddress().getClass() == server.getAddress().getClass());
            boolean noNat = m1.equals(localA);
            NatBehavior mapping = noNat ? NatBehavior.NO_NAT : NatBehavior.UNDETERMINED;
            NatBehavior filtering = NatBehavior.UNDETERMINED;
            if (other.isPresent()) {
                InetSocketAddress alt = other.get();
                if (!noNat) {
                    mapping = mapping(ex, a, server, alt, m1, log);
                }
                filtering = filtering(ex, local, server, alt, log);
            }
            Hairpinning hp = noNat ? Hairpinning.NOT_APPLICABLE
                    : hairpin ? hairpinning(ex, local, a, m1, log) : Hairpinning.UNDETERMINED;
            Optional<BindingLifetime> lifetime = lifetimeMax != null && !noNat
                    ? lifetime(ex, local, server, log) : Optional.empty();
            return new NatReport(server, localA, Optional.of(m1), other, mapping, filtering, hp, lifetime, log,
                    ex.stray());
        } catch (IOException e) {
            throw new UncheckedIOException("NAT discovery against " + server + ": " + e.getMessage(), e);
        }
    }

    private NatBehavior mapping(UdpExchange ex, DatagramSocket a, InetSocketAddress primary, InetSocketAddress alt,
                                InetSocketAddress m1, List<NatTransaction> log) throws IOException {
        InetSocketAddress altIpPrimaryPort = new InetSocketAddress(alt.getAddress(), primary.getPort());
        NatTransaction t2 = binding(ex, a, a, altIpPrimaryPort, "mapping-2", null, StunClass.SUCCESS_RESPONSE, log);
        if (t2.mapped().isEmpty()) {
            return NatBehavior.UNDETERMINED;
        }
        if (t2.mapped().get().equals(m1)) {
            return NatBehavior.ENDPOINT_INDEPENDENT;
        }
        NatTransaction t3 = binding(ex, a, a, alt, "mapping-3", null, StunClass.SUCCESS_RESPONSE, log);
        if (t3.mapped().isEmpty()) {
            return NatBehavior.UNDETERMINED;
        }
        return t3.mapped().get().equals(t2.mapped().get()) ? NatBehavior.ADDRESS_DEPENDENT
                : NatBehavior.ADDRESS_AND_PORT_DEPENDENT;
    }

    private NatBehavior filtering(UdpExchange ex, InetAddress local, InetSocketAddress primary, InetSocketAddress alt,
                                  List<NatTransaction> log) throws IOException {
        try (DatagramSocket f = bind(local)) {
            NatTransaction t1 = binding(ex, f, f, primary, "filtering-1", null, StunClass.SUCCESS_RESPONSE, log);
            if (!t1.answered() || t1.error().isPresent()) {
                return NatBehavior.UNDETERMINED;
            }
            NatTransaction t2 = binding(ex, f, f, primary, "filtering-2", new ChangeRequest(true, true),
                    StunClass.SUCCESS_RESPONSE, log);
            if (t2.answered() && t2.error().isEmpty()) {
                // Only an answer from the alternate IP proves the filter let a new address in.
                return t2.source().filter(s -> s.getAddress().equals(alt.getAddress())).isPresent()
                        ? NatBehavior.ENDPOINT_INDEPENDENT : NatBehavior.UNDETERMINED;
            }
            NatTransaction t3 = binding(ex, f, f, primary, "filtering-3", new ChangeRequest(false, true),
                    StunClass.SUCCESS_RESPONSE, log);
            if (t3.answered() && t3.error().isEmpty()) {
                return t3.source().filter(s -> s.getAddress().equals(primary.getAddress())
                        && s.getPort() != primary.getPort()).isPresent()
                        ? NatBehavior.ADDRESS_DEPENDENT : NatBehavior.UNDETERMINED;
            }
            return t2.error().isEmpty() && t3.error().isEmpty() ? NatBehavior.ADDRESS_AND_PORT_DEPENDENT
                    : NatBehavior.UNDETERMINED;
        }
    }

    private Hairpinning hairpinning(UdpExchange ex, InetAddress local, DatagramSocket a, InetSocketAddress m1,
                                    List<NatTransaction> log) throws IOException {
        try (DatagramSocket b = bind(local)) {
            // The request itself is what comes back (to socket a) when the NAT hairpins.
            NatTransaction t = binding(ex, b, a, m1, "hairpin", null, StunClass.REQUEST, log);
            return t.answered() ? Hairpinning.SUPPORTED : Hairpinning.NOT_SUPPORTED;
        }
    }

    private Optional<BindingLifetime> lifetime(UdpExchange ex, InetAddress local, InetSocketAddress server,
                                               List<NatTransaction> log) throws IOException {
        List<BindingLifetime.Probe> probes = new ArrayList<>();
        BindingLifetime.Probe control = lifetimeProbe(ex, local, server, Duration.ZERO, log);
        if (control == null) {
            return Optional.empty();
        }
        probes.add(control);
        if (!control.alive()) {
            return Optional.empty(); // the server ignores RESPONSE-PORT, or the NAT filters it: nothing to learn
        }
        Duration lo = Duration.ZERO;
        Duration hi = null;
        Duration next = lifetimeMax;
        for (int i = 0; i < lifetimeProbes; i++) {
            BindingLifetime.Probe p = lifetimeProbe(ex, local, server, next, log);
            if (p == null) {
                break;
            }
            probes.add(p);
            if (p.alive()) {
                lo = next;
                if (hi == null) {
                    break; // alive after the longest silence allowed: at least max
                }
            } else {
                hi = next;
            }
            if (hi.minus(lo).compareTo(lifetimeResolution) <= 0) {
                break;
            }
            next = lo.plus(hi).dividedBy(2);
        }
        return Optional.of(new BindingLifetime(lo, Optional.ofNullable(hi), probes));
    }

    /** One lifetime probe; null when the mapping could not even be made. */
    private BindingLifetime.Probe lifetimeProbe(UdpExchange ex, InetAddress local, InetSocketAddress server,
                                                Duration silence, List<NatTransaction> log) throws IOException {
        try (DatagramSocket x = bind(local); DatagramSocket y = bind(local)) {
            NatTransaction made = binding(ex, x, x, server, "lifetime-map", null, StunClass.SUCCESS_RESPONSE, log);
            if (made.mapped().isEmpty()) {
                return null;
            }
            sleep(silence);
            String label = "lifetime-" + silence.toMillis() + "ms";
            NatTransaction t = binding(ex, y, x, server, label,
                    NatAttributes.responsePort(made.mapped().get().getPort()), StunClass.SUCCESS_RESPONSE, log);
            return new BindingLifetime.Probe(silence, t.answered() && t.error().isEmpty(), t);
        }
    }

    private static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the binding-lifetime search", e);
        }
    }

    private NatTransaction binding(UdpExchange ex, DatagramSocket from, DatagramSocket on, InetSocketAddress dest,
                                   String test, Setter extra, StunClass expect, List<NatTransaction> log)
            throws IOException {
        StunMessage.Builder b = StunMessage.builder(MessageType.BINDING_REQUEST);
        if (extra != null) {
            b.add(extra);
        }
        StunMessage req = b.fingerprint().build();
        UdpExchange.Answer ans = ex.transact(from, on, dest, req, expect);
        Optional<InetSocketAddress> mapped = Optional.empty();
        Optional<InetSocketAddress> origin = Optional.empty();
        Optional<InetSocketAddress> other = Optional.empty();
        Optional<String> error = ans.error();
        if (ans.message().isPresent() && expect != StunClass.REQUEST && error.isEmpty()) {
            StunMessage m = ans.message().get();
            try {
                mapped = m.xorMappedAddress().or(m::mappedAddress);
                origin = m.responseOrigin();
                other = m.otherAddress();
            } catch (StunDecodeException e) {
                error = Optional.of("malformed answer: " + e.getMessage());
            }
        }
        Optional<ChangeRequest> cr = extra instanceof ChangeRequest c ? Optional.of(c) : Optional.empty();
        NatTransaction t = new NatTransaction(test, (InetSocketAddress) from.getLocalSocketAddress(), dest, cr,
                HexFormat.of().formatHex(req.transactionId()), ans.message().isPresent(), mapped, origin,
                ans.source(), other, ans.elapsed(), ans.sent(), error);
        log.add(t);
        return t;
    }

    private static DatagramSocket bind(InetAddress local) throws IOException {
        return new DatagramSocket(new InetSocketAddress(local, 0));
    }

    /** The source address the routing table picks for {@code server} (a connected UDP socket sends nothing). */
    static InetAddress routeSource(InetSocketAddress server) {
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(server);
            InetAddress a = s.getLocalAddress();
            if (a == null || a.isAnyLocalAddress()) {
                throw new UncheckedIOException(new IOException("no route to " + server));
            }
            return a;
        } catch (IOException e) {
            throw new UncheckedIOException("no local address for " + server + ": " + e.getMessage(), e);
        }
    }

    /** Options of a {@link NatDiscovery}. */
    public static final class Builder {
        private StunTimers timers = StunTimers.FAST;
        private InetAddress localAddress;
        private boolean hairpin = true;
        private Duration lifetimeMax;
        private int lifetimeProbes;
        private Duration lifetimeResolution = Duration.ofSeconds(1);

        private Builder() {
        }

        /** The timer profile of every transaction; default {@link StunTimers#FAST}. */
        public Builder timers(StunTimers timers) {
            this.timers = Objects.requireNonNull(timers, "timers");
            return this;
        }

        /** Bind every socket to this local address; default the routing table's source address for the server. */
        public Builder localAddress(InetAddress ip) {
            this.localAddress = Objects.requireNonNull(ip, "ip");
            return this;
        }

        /** Whether to test hairpinning; default true. */
        public Builder hairpinning(boolean on) {
            this.hairpin = on;
            return this;
        }

        /**
         * Searches the binding lifetime: silences up to {@code max}, at most {@code probes} of them (plus the
         * control probe), stopping when the bracket is narrower than {@code resolution}. The search may take up to
         * {@code probes × max}. Off by default.
         */
        public Builder lifetimeSearch(Duration max, int probes, Duration resolution) {
            if (max.isNegative() || max.isZero() || probes < 1 || probes > 16 || resolution.isNegative()) {
                throw new IllegalArgumentException("lifetime search: max " + max + ", probes " + probes
                        + " (expected: max > 0, 1 ~ 16 probes)");
            }
            this.lifetimeMax = max;
            this.lifetimeProbes = probes;
            this.lifetimeResolution = resolution;
            return this;
        }

        /** The discovery. */
        public NatDiscovery build() {
            return new NatDiscovery(this);
        }
    }
}
