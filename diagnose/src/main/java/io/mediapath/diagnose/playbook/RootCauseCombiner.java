package io.mediapath.diagnose.playbook;

import io.mediapath.diagnose.DiagnoseFindingCodes;
import io.mediapath.diagnose.RootCause;
import io.mediapath.diagnose.RootCauseCode;
import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the legs of an edge run into modality verdicts, one root cause and the contributing findings. A pure
 * function of its input: no network, no clock, no state, so it can be tested and fuzzed with any mix of leg
 * results, and every mix gives exactly one answer ({@link RootCauseCode#NONE} exactly when every modality works).
 *
 * <p>The rules, in order: an unresolvable name is {@code DNS_FAILURE}; every modality working is {@code NONE}
 * (whatever a browser leg saw: the relay's own hello got through); refused credentials are {@code AUTH_FAILED};
 * a broken TCP relay is explained by the TCP legs — connect failed ({@code TCP_BLOCKED}, or
 * {@code RELAY_UNREACHABLE} with UDP down too), TLS intercepted without SNI but not with it
 * ({@code NAME_ONLY_BYPASS}), an HTTP answer ({@code HTTP_PROXY}), a TLS answer from something else
 * ({@code TLS_INTERCEPTED}), a reset ({@code MIDDLEBOX_RESET}), silence after the hello
 * ({@code MIDDLEBOX_SILENT}); a broken UDP relay with TCP working is {@code UDP_BLOCKED}.
 */
public final class RootCauseCombiner {

    /**
     * What the combiner concluded.
     *
     * @param modalities one verdict per {@link Modality}, in enum order
     * @param rootCause  the one root cause
     * @param findings   contributing findings (the legs' and the combiner's), worst first, without duplicates
     */
    public record Conclusion(List<ModalityVerdict> modalities, RootCause rootCause, List<Finding> findings) {
        public Conclusion {
            modalities = List.copyOf(modalities);
            Objects.requireNonNull(rootCause, "rootCause");
            findings = List.copyOf(findings);
        }

        /** The verdict of one modality. */
        public ModalityVerdict modality(Modality m) {
            return modalities.stream().filter(v -> v.modality() == m).findFirst().orElseThrow();
        }
    }

    private static final Set<LegStatus> PATH_WORKS = EnumSet.of(LegStatus.PASSED, LegStatus.AUTH_FAILED);
    private static final Set<LegStatus> MIDDLEBOX = EnumSet.of(LegStatus.INTERCEPTED, LegStatus.HTTP_PROXY);
    private static final Set<LegStatus> NO_CONNECT = EnumSet.of(LegStatus.REFUSED, LegStatus.SILENT);

    private RootCauseCombiner() {
    }

    /** Combines {@code legs} (any subset, any order) for {@code target}. Never throws for any mix of results. */
    public static Conclusion combine(EdgeTarget target, List<LegResult> legs) {
        return new Run(Objects.requireNonNull(target, "target"), List.copyOf(legs), null).conclude();
    }

    /**
     * Combines the legs a packet capture shows, by the same rules. A capture shows what the client did, not every
     * leg: a leg it does not show is unknown, never failed, so its modalities are {@link Support#UNKNOWN} and it
     * names no cause. {@link RootCauseCode#NONE} then means every modality the capture shows works.
     */
    public static Conclusion combineObserved(EdgeTarget target, List<LegResult> legs) {
        return new Run(Objects.requireNonNull(target, "target"), List.copyOf(legs), "the capture").conclude();
    }

    /**
     * Combines the one leg a single probe command ran ({@code tls}, {@code turn}) by the same rules as a capture: a
     * leg the command did not run is unknown, never failed, so the modalities it would decide are
     * {@link Support#UNKNOWN}, and the reports say "this probe" where a capture's say "the capture".
     */
    public static Conclusion combineProbed(EdgeTarget target, List<LegResult> legs) {
        return new Run(Objects.requireNonNull(target, "target"), List.copyOf(legs), "this probe").conclude();
    }

    private static final class Run {
        final EdgeTarget target;
        final List<LegResult> legs;
        final Map<LegKind, LegResult> first = new LinkedHashMap<>();
        final String relay;
        final String tcp;
        final String udp;
        final List<Finding> extra = new ArrayList<>();
        /** The legs are what a capture (or one probe command) shows: a leg not shown is unknown, not failed. */
        final boolean observed;
        /** Who showed the legs, in the reports' words ("the capture", "this probe"); null for a whole edge run. */
        final String shownBy;

        Run(EdgeTarget target, List<LegResult> legs, String shownBy) {
            this.target = target;
            this.legs = legs;
            this.observed = shownBy != null;
            this.shownBy = shownBy;
            for (LegResult l : legs) {
                first.putIfAbsent(l.kind(), l);
            }
            this.relay = target.dialect() == Dialect.MS_TURN ? "the Edge" : "the relay";
            this.tcp = "TCP " + target.tcpPort();
            this.udp = "UDP " + target.udpPort();
        }

        LegStatus st(LegKind k) {
            LegResult l = first.get(k);
            return l == null ? LegStatus.SKIPPED : l.status();
        }

        String detail(LegKind k) {
            LegResult l = first.get(k);
            return l == null ? "not run" : l.detail();
        }

        boolean udpOk() {
            return PATH_WORKS.contains(st(LegKind.UDP_RELAY));
        }

        boolean udpKnown() {
            return st(LegKind.UDP_RELAY) != LegStatus.SKIPPED;
        }

        /** The relay legs on the TCP port (TCP relay, and TURNS in the turn dialect). */
        List<LegKind> tcpRelayLegs() {
            return target.dialect() == Dialect.TURN ? List.of(LegKind.TCP_RELAY, LegKind.TURNS)
                    : List.of(LegKind.TCP_RELAY);
        }

        boolean tcpRelayOk() {
            return tcpRelayLegs().stream().anyMatch(k -> PATH_WORKS.contains(st(k)));
        }

        boolean tcpKnown() {
            return tcpRelayLegs().stream().anyMatch(k -> st(k) != LegStatus.SKIPPED)
                    || st(LegKind.EXPLICIT_PROXY) != LegStatus.SKIPPED || st(LegKind.PROXY_RELAY) != LegStatus.SKIPPED;
        }

        /**
         * Media can take the explicit proxy: TURN over TCP answered through it (proxy-relay, turn dialect), or the
         * relay hello got the genuine answer through it (explicit-proxy).
         */
        boolean viaProxyOk() {
            return st(LegKind.PROXY_RELAY) == LegStatus.PASSED || st(LegKind.EXPLICIT_PROXY) == LegStatus.PASSED;
        }

        boolean tcpOk() {
            return tcpRelayOk() || viaProxyOk();
        }

        boolean authUdp() {
            return st(LegKind.UDP_RELAY) == LegStatus.AUTH_FAILED;
        }

        boolean authTcp() {
            return tcpRelayLegs().stream().anyMatch(k -> st(k) == LegStatus.AUTH_FAILED)
                    && tcpRelayLegs().stream().noneMatch(k -> st(k) == LegStatus.PASSED);
        }

        List<String> addresses() {
            LegResult dns = first.get(LegKind.DNS);
            if (dns != null && !dns.addresses().isEmpty()) {
                return dns.addresses();
            }
            if (io.mediapath.ice.TransportAddress.isIpLiteral(target.host())) {
                return List.of(target.host());
            }
            Set<String> seen = new LinkedHashSet<>();
            legs.forEach(l -> seen.addAll(l.addresses()));
            return List.copyOf(seen);
        }

        String addressList() {
            List<String> a = addresses();
            return a.isEmpty() ? "its addresses" : String.join(", ", a);
        }

        Optional<String> product() {
            for (LegKind k : List.of(LegKind.TCP_RELAY, LegKind.TURNS, LegKind.BROWSER_NO_SNI, LegKind.BROWSER_SNI,
                    LegKind.HTTP, LegKind.EXPLICIT_PROXY)) {
                LegResult l = first.get(k);
                if (l != null && l.product().isPresent() && !l.product().get().isBlank()) {
                    return l.product();
                }
            }
            // the interceptor named on a responder leg (tls-inspect's verdict of what answered in its name)
            return responderLegs().stream().map(LegResult::product).filter(p -> p.isPresent() && !p.get().isBlank())
                    .map(Optional::get).findFirst();
        }

        /** The two-ended proof's legs (the responder's), in run order. */
        List<LegResult> responderLegs() {
            return legs.stream().filter(l -> l.kind() == LegKind.RESPONDER).toList();
        }

        /** The first responder leg on the TCP port that proves an answer in the responder's name or a rewrite. */
        Optional<LegResult> responderTcpIntercepted() {
            return responderLegs().stream().filter(l -> !l.name().equals("responder-udp")
                    && l.status() == LegStatus.INTERCEPTED).findFirst();
        }

        /**
         * The cause with the two-ended proof first among its evidence (the strongest there is: a signed receipt, or
         * its absence while something answered) and, when it proves the middlebox, said in the summary.
         */
        RootCause withProof(RootCause c) {
            List<LegResult> proof = responderLegs();
            if (proof.isEmpty()) {
                return c;
            }
            List<Evidence> e = new ArrayList<>();
            for (LegResult l : proof) {
                e.add(new Evidence("two-ended proof", "leg " + l.name() + " (" + l.result().elapsed().toMillis()
                        + " ms)", l.detail()));
            }
            e.addAll(c.evidence());
            String summary = c.summary();
            Optional<LegResult> caught = responderTcpIntercepted();
            if (caught.isPresent() && c.code() != RootCauseCode.NONE) {
                summary = summary + " Proven from both ends: " + caught.get().name() + " " + caught.get().detail()
                        + ".";
            }
            return new RootCause(c.code(), summary, c.remedy(), c.product(), e);
        }

        /**
         * The NAT leg's behaviour as context of the cause, when the server supports RFC 5780: its evidence last, and
         * when the mapping changes per destination, the sentence that says every call will be relayed. The NAT never
         * changes the cause or a modality: it tells what media will do, not what is broken.
         */
        RootCause withNat(RootCause c) {
            LegResult n = first.get(LegKind.NAT);
            if (n == null || n.status() != LegStatus.PASSED
                    || n.result().verdict().equals(io.mediapath.turn.nat.NatProbe.RFC5780_UNSUPPORTED)) {
                return c;
            }
            List<Evidence> e = new ArrayList<>(c.evidence());
            e.add(new Evidence("edge playbook", "leg " + n.name() + " (" + n.result().elapsed().toMillis() + " ms)",
                    n.detail()));
            String summary = c.summary();
            if (n.result().verdict().equals(io.mediapath.turn.nat.IceOutlook.RELAY_REQUIRED.name())) {
                summary = summary + " Direct media is impossible from here: the NAT maps each destination to its own"
                        + " address, so every call will be relayed.";
            }
            return new RootCause(c.code(), summary, c.remedy(), c.product(), e);
        }

        Conclusion conclude() {
            List<ModalityVerdict> mods = new ArrayList<>();
            for (Modality m : Modality.values()) {
                mods.add(m.usesUdp() ? udpModality(m) : tcpModality(m));
            }
            boolean allWork = observed
                    ? mods.stream().noneMatch(v -> v.support() == Support.FAILS || v.support() == Support.DEGRADED)
                            && mods.stream().anyMatch(v -> v.support() == Support.WORKS)
                    : mods.stream().allMatch(v -> v.support() == Support.WORKS);
            RootCause cause = withNat(withProof(cause(allWork)));
            contributing(cause);
            List<Finding> findings = new ArrayList<>(extra);
            Set<String> seen = new LinkedHashSet<>();
            for (Finding f : findings) {
                seen.add(f.code() + "\u0000" + f.summary());
            }
            for (LegResult l : legs) {
                for (Finding f : l.result().findings()) {
                    if (seen.add(f.code() + "\u0000" + f.summary())) {
                        findings.add(f);
                    }
                }
            }
            findings.sort(Comparator.comparing(Finding::severity).reversed());
            return new Conclusion(mods, cause, findings);
        }

        ModalityVerdict udpModality(Modality m) {
            if (st(LegKind.DNS) == LegStatus.FAILED && !udpOk() && !tcpOk()) {
                return new ModalityVerdict(m, Support.FAILS, "none", "the relay name does not resolve");
            }
            if (authUdp()) {
                return new ModalityVerdict(m, Support.FAILS, udp + " relay", "the relay answered on " + udp
                        + " but refused the credentials (the path works)");
            }
            if (udpOk()) {
                return new ModalityVerdict(m, Support.WORKS, udp + " relay", relay + " answered on " + udp + ": "
                        + detail(LegKind.UDP_RELAY));
            }
            if (observed && !udpKnown()) {
                return new ModalityVerdict(m, Support.UNKNOWN, "none", shownBy + " shows no " + udp
                        + " relay traffic");
            }
            if (tcpOk() && !authTcp()) {
                return new ModalityVerdict(m, Support.DEGRADED, tcpPath(), (udpKnown() ? udp + " failed ("
                        + detail(LegKind.UDP_RELAY) + ")" : udp + " not probed") + "; falls back to the " + tcp
                        + " relay");
            }
            if (!udpKnown() && !tcpKnown()) {
                return new ModalityVerdict(m, Support.UNKNOWN, "none", "neither the UDP nor the TCP relay leg ran");
            }
            return new ModalityVerdict(m, Support.FAILS, "none", udp + ": " + detail(LegKind.UDP_RELAY) + "; "
                    + tcp + ": " + tcpDetail());
        }

        ModalityVerdict tcpModality(Modality m) {
            if (st(LegKind.DNS) == LegStatus.FAILED && !tcpOk()) {
                return new ModalityVerdict(m, Support.FAILS, "none", "the relay name does not resolve");
            }
            if (authTcp()) {
                return new ModalityVerdict(m, Support.FAILS, tcp + " relay", "the relay answered on " + tcp
                        + " but refused the credentials (the path works)");
            }
            if (tcpOk()) {
                return new ModalityVerdict(m, Support.WORKS, tcpPath(), relay + " answered on " + tcp + ": "
                        + tcpDetail());
            }
            if (!tcpKnown()) {
                return new ModalityVerdict(m, Support.UNKNOWN, "none", observed ? shownBy + " shows no " + tcp
                        + " relay traffic" : "the TCP relay leg did not run");
            }
            return new ModalityVerdict(m, Support.FAILS, "none", "TCP relay only, and " + tcp + " fails: "
                    + tcpDetail());
        }

        String tcpPath() {
            if (tcpRelayOk()) {
                return tcp + " relay";
            }
            return tcp + " relay through the explicit proxy";
        }

        String tcpDetail() {
            for (LegKind k : tcpRelayLegs()) {
                if (PATH_WORKS.contains(st(k))) {
                    return detail(k);
                }
            }
            if (st(LegKind.PROXY_RELAY) == LegStatus.PASSED) {
                return "through the explicit proxy: " + detail(LegKind.PROXY_RELAY);
            }
            if (viaProxyOk()) {
                return "through the explicit proxy: " + detail(LegKind.EXPLICIT_PROXY);
            }
            return detail(LegKind.TCP_RELAY);
        }

        /** What the TCP relay leg saw, reading the TURNS leg when the plain one did not run. */
        LegStatus tcpRelayStatus() {
            LegStatus s = st(LegKind.TCP_RELAY);
            return s == LegStatus.SKIPPED ? st(LegKind.TURNS) : s;
        }

        boolean browserBad(LegKind k) {
            return MIDDLEBOX.contains(st(k));
        }

        RootCause cause(boolean allWork) {
            List<Evidence> tcpLegs = legs(LegKind.TCP_CONNECT, LegKind.TCP_RELAY, LegKind.TURNS, LegKind.BROWSER_SNI,
                    LegKind.BROWSER_NO_SNI, LegKind.HTTP);
            if (st(LegKind.DNS) == LegStatus.FAILED && !allWork) {
                return new RootCause(RootCauseCode.DNS_FAILURE, "The relay name " + target.host()
                        + " does not resolve from here (" + detail(LegKind.DNS) + "), so no modality can reach "
                        + relay + ".", "Check DNS from this network: internal clients must resolve " + relay
                        + "'s internal name to its internal interface (split DNS).", Optional.empty(),
                        legs(LegKind.DNS));
            }
            if (allWork && observed) {
                List<String> shown = new ArrayList<>();
                if (udpKnown()) {
                    shown.add(udp);
                }
                if (tcpKnown()) {
                    shown.add(tcp);
                }
                return new RootCause(RootCauseCode.NONE, "Every modality " + shownBy + " shows works: " + relay + " "
                        + target.host() + " answered the relay protocol on " + String.join(" and on ", shown)
                        + (shown.size() < 2 ? "; " + shownBy + " shows no " + (udpKnown() ? tcp : udp) + " relay traffic, "
                                + "so the modalities that need it are not judged" : "") + ".", "", Optional.empty(),
                        legs(LegKind.UDP_RELAY, LegKind.TCP_RELAY, LegKind.TURNS));
            }
            if (allWork) {
                return new RootCause(RootCauseCode.NONE, "Every modality works: " + relay + " " + target.host()
                        + " answered the relay protocol on " + udp + " and on " + tcp
                        + (viaProxyOk() && !tcpRelayOk() ? " (through the explicit proxy)" : "") + ".", "",
                        Optional.empty(), legs(LegKind.UDP_RELAY, LegKind.TCP_RELAY, LegKind.TCP_CONNECT));
            }
            if (authUdp() || authTcp()) {
                return new RootCause(RootCauseCode.AUTH_FAILED, relay.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                        + relay.substring(1) + " " + target.host() + " answers (its 401 challenge proves the path"
                        + ") but refuses the credentials given, so no allocation can be made with them.",
                        "Check the user name and password: MRAS credentials are short-lived, TURN REST "
                                + "credentials depend on the clock and the shared secret.", Optional.empty(),
                        legs(LegKind.UDP_RELAY, LegKind.TCP_RELAY));
            }
            if (!tcpOk() && tcpKnown()) {
                RootCause c = tcpCause(tcpLegs);
                if (c != null) {
                    return c;
                }
            }
            if (observed && (!udpKnown() || !tcpKnown())) {
                // A leg the capture does not show is no evidence: only a failing leg it shows names a cause.
                RootCause c = observedUdpOnly();
                if (c != null) {
                    return c;
                }
            } else if (!udpOk() && tcpOk()) {
                return udpBlocked();
            } else if (!udpOk() && !tcpOk()) {
                return unreachable();
            }
            // Only unknowns left (a leg did not run): say so rather than guess.
            return new RootCause(RootCauseCode.UNDETERMINED, "Not every modality could be judged: "
                    + (udpKnown() ? "" : udp + " was not probed; ") + (tcpKnown() ? "" : tcp + " was not probed; ")
                    + "the legs that ran did not prove a working path for each modality.",
                    "Run the playbook again with every leg.", Optional.empty(), List.of());
        }

        RootCause tcpCause(List<Evidence> tcpLegs) {
            LegStatus connect = st(LegKind.TCP_CONNECT);
            LegStatus relayStatus = tcpRelayStatus();
            boolean cannotConnect = NO_CONNECT.contains(connect) || connect == LegStatus.FAILED
                    || connect == LegStatus.SKIPPED && relayStatus == LegStatus.REFUSED;
            String voice = udpOk() ? " while voice and video work over " + udp
                    : observed && !udpKnown() ? " (" + shownBy + " shows no " + udp + " relay traffic)"
                    : ", and voice and video fail too (" + udp + ": " + detail(LegKind.UDP_RELAY) + ")";
            String telnet = connect == LegStatus.PASSED ? " The telnet/PortQry test to " + tcp + " succeeds ("
                    + detail(LegKind.TCP_CONNECT) + "), which is why the port looked open." : "";
            Optional<String> product = product();
            String by = product.map(p -> " (" + p + ")").orElse("");
            String in = product.map(p -> " in " + p).orElse("");
            String addrs = addressList();
            String bypass = "Exempt " + addrs + " (" + tcp + ") from SSL inspection and proxying by IP address" + in
                    + ": the relay's " + (target.dialect() == Dialect.MS_TURN ? "pseudo-TLS hello" : "TURN over TCP")
                    + " carries no SNI, so a bypass by name cannot match.";
            if (cannotConnect && st(LegKind.EXPLICIT_PROXY) == LegStatus.HTTP_PROXY) {
                // Direct TCP is closed, and the proxy clients fall back to demands authentication or refuses.
                return new RootCause(RootCauseCode.HTTP_PROXY, tcp + " to " + relay + " " + target.host()
                        + " is closed from here (" + detail(LegKind.TCP_CONNECT) + ") and the explicit proxy clients "
                        + "fall back to answers CONNECT with HTTP (" + detail(LegKind.EXPLICIT_PROXY) + "), so app "
                        + "sharing and file transfer fail with external users" + voice + "; let " + relay + "'s IP "
                        + "addresses through the proxy without authentication, or open " + tcp + " to them.",
                        "Allow unauthenticated CONNECT to " + addrs + " (" + tcp + ") on the proxy" + in
                                + ", or allow " + tcp + " from this network to " + addrs + " directly.",
                        product, legs(LegKind.TCP_CONNECT, LegKind.EXPLICIT_PROXY));
            }
            if (cannotConnect) {
                if (!udpOk() && !(observed && !udpKnown())) {
                    // (UDP not shown at all is no evidence that it fails too: then only TCP is named.)
                    return unreachable();
                }
                return new RootCause(RootCauseCode.TCP_BLOCKED, tcp + " to " + relay + " " + target.host() + " ("
                        + addrs + ") cannot be connected (" + detail(LegKind.TCP_CONNECT) + "), so app sharing and "
                        + "file transfer fail with external users" + voice + "; allow " + tcp + " to " + relay
                        + "'s IP addresses.", "Allow " + tcp + " from this network to " + addrs + ".",
                        Optional.empty(), legs(LegKind.TCP_CONNECT, LegKind.TCP_RELAY));
            }
            if (browserBad(LegKind.BROWSER_NO_SNI) && st(LegKind.BROWSER_SNI) == LegStatus.PASSED) {
                String name = target.sni().orElse(target.host());
                return new RootCause(RootCauseCode.NAME_ONLY_BYPASS, "TLS to " + relay + " " + addrs + " with the name "
                        + name + " (SNI) passes untouched, but TLS to the same address without a name is intercepted"
                        + by + ": the SSL-inspection bypass matches names only, and the relay hello carries no SNI, "
                        + "so app sharing and file transfer fail with external users" + voice + "; bypass "
                        + relay + "'s IP addresses (" + addrs + ", " + tcp + "), not its name." + telnet,
                        "Change the bypass rule" + in + " from the name " + name + " to the IP addresses " + addrs
                                + " (" + tcp + "): the relay hello carries no SNI, so a rule by name never matches it.",
                        product, legs(LegKind.BROWSER_SNI, LegKind.BROWSER_NO_SNI, LegKind.TCP_RELAY));
            }
            boolean http = relayStatus == LegStatus.HTTP_PROXY
                    || st(LegKind.EXPLICIT_PROXY) == LegStatus.HTTP_PROXY
                    || relayStatus != LegStatus.INTERCEPTED && (st(LegKind.BROWSER_NO_SNI) == LegStatus.HTTP_PROXY
                            || st(LegKind.BROWSER_SNI) == LegStatus.HTTP_PROXY);
            if (http) {
                LegKind where = relayStatus == LegStatus.HTTP_PROXY ? LegKind.TCP_RELAY
                        : st(LegKind.EXPLICIT_PROXY) == LegStatus.HTTP_PROXY ? LegKind.EXPLICIT_PROXY
                        : st(LegKind.BROWSER_NO_SNI) == LegStatus.HTTP_PROXY ? LegKind.BROWSER_NO_SNI
                        : LegKind.BROWSER_SNI;
                return new RootCause(RootCauseCode.HTTP_PROXY, "A web proxy" + by + " answers " + tcp + " to " + relay
                        + " " + target.host() + " with HTTP (" + detail(where) + ") instead of letting the relay "
                        + "hello through, so app sharing and file transfer fail with external users" + voice
                        + "; exempt " + relay + "'s IP addresses (" + addrs + ", " + tcp + ") from the proxy."
                        + telnet, "Exempt " + addrs + " (" + tcp + ") from the web proxy" + in + " by IP address: "
                        + "no authentication, no redirection, no inspection for " + relay + ".", product,
                        legs(where, LegKind.TCP_CONNECT));
            }
            boolean intercepted = relayStatus == LegStatus.INTERCEPTED || browserBad(LegKind.BROWSER_NO_SNI)
                    || browserBad(LegKind.BROWSER_SNI) || responderTcpIntercepted().isPresent();
            if (intercepted) {
                LegKind where = relayStatus == LegStatus.INTERCEPTED ? LegKind.TCP_RELAY
                        : browserBad(LegKind.BROWSER_NO_SNI) ? LegKind.BROWSER_NO_SNI
                        : browserBad(LegKind.BROWSER_SNI) ? LegKind.BROWSER_SNI : LegKind.RESPONDER;
                String seen = where == LegKind.RESPONDER ? responderTcpIntercepted().get().detail() : detail(where);
                return new RootCause(RootCauseCode.TLS_INTERCEPTED, "The firewall's web proxy" + by + " intercepts "
                        + tcp + " to " + relay + " " + target.host() + " (" + seen + "), so app sharing and "
                        + "file transfer fail with external users" + voice + "; bypass " + relay + "'s IP addresses ("
                        + addrs + ", " + tcp + ") from SSL inspection and proxying." + telnet, bypass, product,
                        tcpLegs);
            }
            if (relayStatus == LegStatus.RESET) {
                return new RootCause(RootCauseCode.MIDDLEBOX_RESET, "Something on the path" + by + " cuts " + tcp
                        + " to " + relay + " " + target.host() + " right after the relay hello ("
                        + detail(LegKind.TCP_RELAY) + "), so app sharing and file transfer fail with external users"
                        + voice + "; bypass " + relay + "'s IP addresses (" + addrs + ", " + tcp
                        + ") from inspection." + telnet, bypass, product, tcpLegs);
            }
            if (relayStatus == LegStatus.SILENT) {
                return new RootCause(RootCauseCode.MIDDLEBOX_SILENT, tcp + " to " + relay + " " + target.host()
                        + " connects, but nothing answers the relay hello (" + detail(LegKind.TCP_RELAY) + "): a "
                        + "middlebox holds it, so app sharing and file transfer fail with external users" + voice
                        + "; bypass " + relay + "'s IP addresses (" + addrs + ", " + tcp + ") from inspection."
                        + telnet, bypass, product, tcpLegs);
            }
            if (relayStatus == LegStatus.REFUSED) {
                return udpOk() ? new RootCause(RootCauseCode.TCP_BLOCKED, tcp + " to " + relay + " " + target.host()
                        + " is refused (" + detail(LegKind.TCP_RELAY) + "), so app sharing and file transfer fail"
                        + voice + ".", "Allow " + tcp + " from this network to " + addrs + ".", Optional.empty(),
                        legs(LegKind.TCP_RELAY)) : unreachable();
            }
            if (relayStatus == LegStatus.SKIPPED || relayStatus == LegStatus.PASSED) {
                return null;
            }
            // FAILED: something answered on the TCP port, but not the relay protocol.
            return new RootCause(RootCauseCode.TCP_BLOCKED, "Something other than " + relay + "'s relay protocol "
                    + "answers " + tcp + " on " + target.host() + " (" + detail(LegKind.TCP_RELAY) + "), so app "
                    + "sharing and file transfer fail" + voice + "." + telnet, "Check what listens on " + addrs + " "
                    + tcp + " (a load balancer, another service, the wrong dialect) and that " + relay
                    + "'s relay listens there.", product, tcpLegs);
        }

        /**
         * A capture that shows only the UDP relay leg failing: UDP is blocked as far as the capture shows (nothing
         * about TCP); null when it shows something else.
         */
        RootCause observedUdpOnly() {
            if (!udpKnown() || tcpKnown() || !NO_CONNECT.contains(st(LegKind.UDP_RELAY))) {
                return null;
            }
            String addrs = addressList();
            return new RootCause(RootCauseCode.UDP_BLOCKED, udp + " to " + relay + " " + target.host() + " ("
                    + addrs + ") gets no relay answer (" + detail(LegKind.UDP_RELAY) + "), so audio and video cannot "
                    + "use " + udp + "; " + shownBy + " shows no " + tcp + " relay traffic, so whether they fall back to "
                    + "TCP is not known from it.", "Allow " + udp + " from this network to " + addrs
                    + " (and the answers back).", Optional.empty(), legs(LegKind.UDP_RELAY));
        }

        RootCause udpBlocked() {
            String addrs = addressList();
            return new RootCause(RootCauseCode.UDP_BLOCKED, udp + " to " + relay + " " + target.host() + " ("
                    + addrs + ") gets no relay answer (" + detail(LegKind.UDP_RELAY) + "), so audio and video fall "
                    + "back to the " + tcp + " relay (more latency, worse under loss); app sharing and file transfer "
                    + "work over " + tcp + "; allow " + udp + " to " + relay + "'s IP addresses.",
                    "Allow " + udp + " from this network to " + addrs + " (and the answers back).",
                    Optional.empty(), legs(LegKind.UDP_RELAY));
        }

        RootCause unreachable() {
            String addrs = addressList();
            return new RootCause(RootCauseCode.RELAY_UNREACHABLE, "Neither " + udp + " nor " + tcp + " reaches "
                    + relay + " " + target.host() + " (" + addrs + "): " + udp + ": " + detail(LegKind.UDP_RELAY)
                    + "; " + tcp + ": " + tcpDetail() + ". No modality can use the relay.",
                    "Check routing and the firewall rules for " + addrs + " " + udp + " and " + tcp
                            + ", and that " + relay + " runs.", Optional.empty(),
                    legs(LegKind.UDP_RELAY, LegKind.TCP_CONNECT, LegKind.TCP_RELAY));
        }

        /** The legs a conclusion rests on, as evidence: each leg's name and what it saw. */
        List<Evidence> legs(LegKind... kinds) {
            List<Evidence> e = new ArrayList<>();
            for (LegKind k : kinds) {
                LegResult l = first.get(k);
                if (l != null) {
                    e.add(new Evidence("edge playbook", "leg " + l.name() + " (" + l.result().elapsed().toMillis()
                            + " ms)", l.status() + ": " + l.detail()));
                }
            }
            return e;
        }

        void contributing(RootCause cause) {
            if (cause.code() == RootCauseCode.NONE && (browserBad(LegKind.BROWSER_NO_SNI)
                    || browserBad(LegKind.BROWSER_SNI))) {
                LegKind where = browserBad(LegKind.BROWSER_NO_SNI) ? LegKind.BROWSER_NO_SNI : LegKind.BROWSER_SNI;
                extra.add(DiagnoseFindingCodes.BROWSER_TLS_INTERCEPTED_RELAY_PASSES.builder()
                        .summary("Real TLS to " + target.host() + ":" + target.tcpPort() + " is intercepted"
                                + product().map(p -> " by " + p).orElse("") + ", but the relay protocol gets "
                                + "through (the device passes what it cannot inspect)")
                        .evidence(new Evidence("edge playbook", "leg " + where.label(), detail(where)))
                        .remedy("None needed today; a policy change on the device (blocking unknown protocols) "
                                + "would break app sharing: exempt " + addressList() + " by IP.")
                        .build());
            }
            if (cause.code() != RootCauseCode.NONE && st(LegKind.TCP_CONNECT) == LegStatus.PASSED && !tcpOk()
                    && tcpKnown()) {
                extra.add(DiagnoseFindingCodes.TCP_OPEN_RELAY_FAILS.builder()
                        .summary("The telnet/PortQry test to " + target.host() + ":" + target.tcpPort()
                                + " passes, yet the relay protocol on that port fails: an open port proves nothing "
                                + "about what answers the hello")
                        .evidence(new Evidence("edge playbook", "leg " + LegKind.TCP_CONNECT.label(),
                                detail(LegKind.TCP_CONNECT)))
                        .evidence(new Evidence("edge playbook", "leg " + LegKind.TCP_RELAY.label(),
                                detail(LegKind.TCP_RELAY)))
                        .remedy(cause.remedy()).build());
            }
        }
    }
}
