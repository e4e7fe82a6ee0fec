package io.mediapath.diagnose.playbook;

import io.mediapath.diagnose.DiagnoseFindingCodes;
import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.Severity;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Deadline;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.ice.probe.ProbeListener;
import io.mediapath.ice.probe.ProbeResult;
import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.ice.receipt.PathConclusion;
import io.mediapath.ice.receipt.PathVerdict;
import io.mediapath.ice.receipt.ReceiptCheck;
import io.mediapath.responder.LegProof;
import io.mediapath.responder.ProofLeg;
import io.mediapath.responder.ReceiptProbe;
import io.mediapath.tls.CertificateInfo;
import io.mediapath.tls.InspectOptions;
import io.mediapath.tls.IssuerSignatures;
import io.mediapath.tls.PseudoTlsProbe;
import io.mediapath.tls.TlsInspection;
import io.mediapath.tls.TlsProbe;
import io.mediapath.tls.Verdict;
import io.mediapath.turn.HttpProxy;
import io.mediapath.turn.ProbeStep;
import io.mediapath.turn.StunTimers;
import io.mediapath.turn.StunTransport;
import io.mediapath.turn.StunUri;
import io.mediapath.turn.TurnClientOptions;
import io.mediapath.turn.TurnCredentials;
import io.mediapath.turn.TurnProbe;
import io.mediapath.turn.TurnFindingCodes;
import io.mediapath.turn.TurnProbeOptions;
import io.mediapath.turn.TurnProbeReport;
import io.mediapath.turn.msturn.MsTurnOptions;
import io.mediapath.turn.msturn.MsTurnProbe;
import io.mediapath.turn.msturn.MsTurnTransport;
import io.mediapath.turn.nat.NatProbe;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.TrustManagerFactory;

/**
 * The edge playbook: one relay target, every leg that tells what works and why, run concurrently under one
 * deadline, combined into per-modality verdicts and one root cause ({@link RootCauseCombiner}).
 *
 * <pre>{@code
 * EdgeReport r = EdgePlaybook.create(PlaybookOptions.defaults())
 *         .run(EdgeTarget.builder("edge.example.com").location(ClientLocation.INTRANET).build())
 *         .toCompletableFuture().join();
 * System.out.println(r.rootCause().code() + ": " + r.rootCause().summary());
 * }</pre>
 *
 * <p>The legs are ice-core probes: DNS, the relay protocol on UDP, a bare TCP connect (the telnet test), the relay
 * protocol on TCP (pseudo-TLS then framed MS-TURN, or TURN over TCP and TURNS), real TLS with and without SNI (the
 * browser test), the page a browser gets, the explicit proxy, and any probe the caller added. Credentials, when
 * given, are sent over TCP only after the TLS legs found nothing intercepting (unless the caller opted in), and
 * never appear in the report. The stage always completes normally, by the deadline plus a small margin.
 */
public final class EdgePlaybook {
    /** The diagnostic STUN timers: 200 ms, 3 sends, 4 × RTO for the last: UDP silence is declared in 1.4 s. */
    static final StunTimers DIAGNOSTIC_TIMERS = new StunTimers(Duration.ofMillis(200), 3, 4, Duration.ofSeconds(3));

    private final PlaybookOptions options;

    private EdgePlaybook(PlaybookOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A playbook with these options. */
    public static EdgePlaybook create(PlaybookOptions options) {
        return new EdgePlaybook(options);
    }

    /** A playbook with {@link PlaybookOptions#defaults()}. */
    public static EdgePlaybook create() {
        return new EdgePlaybook(PlaybookOptions.defaults());
    }

    /** The options. */
    public PlaybookOptions options() {
        return options;
    }

    /** Runs every leg against {@code target} and combines them. Completes normally, by the deadline. */
    public CompletionStage<EdgeReport> run(EdgeTarget target) {
        Objects.requireNonNull(target, "target");
        return new Run(target).start();
    }

    /** One leg to run: its kind, its name, and how to start it. */
    private record LegSpec(LegKind kind, String name, Supplier<CompletableFuture<LegResult>> leg) {
    }

    private final class Run {
        final EdgeTarget target;
        final long start = System.nanoTime();
        final Deadline deadline = Deadline.after(options.deadline());
        final ConcurrentLinkedQueue<PlaybookEvent> events = new ConcurrentLinkedQueue<>();
        final InspectOptions inspect;
        final IssuerSignatures signatures = IssuerSignatures.builtIn();
        /** Completes with the TLS legs' judgement: true when credentials may cross the TCP path. */
        final CompletableFuture<Optional<String>> tcpJudgedIntercepted = new CompletableFuture<>();
        final CompletableFuture<LegResult> browserSni = new CompletableFuture<>();
        final CompletableFuture<LegResult> browserNoSni = new CompletableFuture<>();
        /** The UDP relay leg, for the NAT leg of an MS-TURN Edge (which reads RFC 5780 support from it). */
        final CompletableFuture<LegResult> udpLeg = new CompletableFuture<>();

        Run(EdgeTarget target) {
            this.target = target;
            this.inspect = InspectOptions.builder().trust(options.trustAnchors()).build();
            CompletableFuture.allOf(browserSni, browserNoSni).whenComplete((v, e) -> {
                Optional<String> why = Optional.empty();
                for (CompletableFuture<LegResult> f : List.of(browserSni, browserNoSni)) {
                    LegResult l = f.getNow(null);
                    if (l != null && (l.status() == LegStatus.INTERCEPTED || l.status() == LegStatus.HTTP_PROXY)) {
                        why = Optional.of(l.name() + ": " + l.detail());
                        break;
                    }
                }
                tcpJudgedIntercepted.complete(why);
            });
        }

        CompletionStage<EdgeReport> start() {
            List<LegSpec> legs = new ArrayList<>();
            legs.add(new LegSpec(LegKind.DNS, LegKind.DNS.label(), this::dns));
            legs.add(new LegSpec(LegKind.UDP_RELAY, LegKind.UDP_RELAY.label(), () -> udp().whenComplete((r, e) ->
                    udpLeg.complete(r != null ? r : failedLeg(LegKind.UDP_RELAY, LegKind.UDP_RELAY.label(), e)))));
            legs.add(new LegSpec(LegKind.TCP_CONNECT, LegKind.TCP_CONNECT.label(), this::tcpConnect));
            // The browser legs come before the TCP relay legs: in sequential mode the credential gate needs them.
            legs.add(new LegSpec(LegKind.BROWSER_SNI, LegKind.BROWSER_SNI.label(), () -> browser(true, browserSni)));
            legs.add(new LegSpec(LegKind.BROWSER_NO_SNI, LegKind.BROWSER_NO_SNI.label(),
                    () -> browser(false, browserNoSni)));
            legs.add(new LegSpec(LegKind.TCP_RELAY, LegKind.TCP_RELAY.label(), this::tcpRelay));
            if (target.dialect() == Dialect.TURN) {
                legs.add(new LegSpec(LegKind.TURNS, LegKind.TURNS.label(), this::turns));
            }
            legs.add(new LegSpec(LegKind.HTTP, LegKind.HTTP.label(), this::http));
            legs.add(new LegSpec(LegKind.EXPLICIT_PROXY, LegKind.EXPLICIT_PROXY.label(), this::explicitProxy));
            legs.add(new LegSpec(LegKind.PROXY_RELAY, LegKind.PROXY_RELAY.label(), this::proxyRelay));
            legs.add(new LegSpec(LegKind.NAT, LegKind.NAT.label(), this::nat));
            options.responder().ifPresent(rc -> {
                for (ProofLeg leg : ProofLeg.values()) {
                    legs.add(new LegSpec(LegKind.RESPONDER, "responder-" + leg.label(), () -> responder(rc, leg)));
                }
            });
            for (PlaybookOptions.CustomProbe p : options.probes()) {
                legs.add(new LegSpec(LegKind.CUSTOM, p.name(), () -> custom(p)));
            }
            List<CompletableFuture<LegResult>> running = new ArrayList<>();
            if (options.sequential()) {
                CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
                for (LegSpec s : legs) {
                    CompletableFuture<LegResult> f = new CompletableFuture<>();
                    chain = chain.thenCompose(v -> guarded(s).whenComplete((r, e) -> f.complete(r)).thenApply(r -> null));
                    running.add(f);
                }
            } else {
                for (LegSpec s : legs) {
                    running.add(guarded(s));
                }
            }
            return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).thenApply(v -> {
                List<LegResult> results = running.stream().map(CompletableFuture::join).toList();
                RootCauseCombiner.Conclusion c = RootCauseCombiner.combine(target, results);
                List<PlaybookEvent> timeline = new ArrayList<>(events);
                timeline.sort(Comparator.comparingLong(PlaybookEvent::offsetNanos));
                return new EdgeReport(target, results, c.modalities(), c.rootCause(), c.findings(), timeline,
                        Duration.ofNanos(System.nanoTime() - start));
            });
        }

        /** A leg that cannot fail the run: an exception or a missed deadline becomes a FAILED leg. */
        CompletableFuture<LegResult> guarded(LegSpec s) {
            CompletableFuture<LegResult> f;
            try {
                f = s.leg().get();
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            long margin = options.sequential() ? options.deadline().toMillis() + 1000
                    : deadline.remaining().toMillis() + 1000;
            return f.orTimeout(margin, TimeUnit.MILLISECONDS).handle((r, e) -> r != null ? r
                    : failedLeg(s.kind(), s.name(), e));
        }

        LegResult failedLeg(LegKind kind, String name, Throwable e) {
            Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            String why = c instanceof java.util.concurrent.TimeoutException ? "did not finish by the deadline"
                    : c.getClass().getSimpleName() + ": " + c.getMessage();
            Finding f = DiagnoseFindingCodes.EDGE_LEG_FAILED.builder().summary("Leg " + name + " " + why)
                    .evidence(new Evidence("edge playbook", "leg " + name, why)).build();
            return new LegResult(kind, name, LegStatus.FAILED, why, new ProbeResult(name, target.tcpAddress(),
                    "ERROR", false, List.of(f), List.of(), Duration.ZERO), Optional.empty(), List.of());
        }

        Deadline legDeadline() {
            return options.sequential() ? Deadline.after(options.deadline()) : deadline;
        }

        ProbeContext context(String leg) {
            return context(leg, legDeadline());
        }

        ProbeContext context(String leg, Deadline d) {
            ProbeListener l = e -> events.add(new PlaybookEvent(System.nanoTime() - start, leg, e.kind(), e.detail(),
                    e.wire()));
            return new ProbeContext(d, l);
        }

        // ---- legs ----

        CompletableFuture<LegResult> dns() {
            String name = LegKind.DNS.label();
            return new DnsProbe(target.location()).run(new TransportAddress(target.host(), 0), context(name))
                    .toCompletableFuture().thenApply(r -> {
                        List<String> ips = new ArrayList<>();
                        for (TimelineEvent e : r.timeline()) {
                            if (e.kind().equals("dns.answer")) {
                                ips.add(e.detail().substring(e.detail().indexOf(' ') + 1));
                            }
                        }
                        if (r.verdict().equals("IP_LITERAL")) {
                            ips.add(target.host());
                        }
                        String detail = r.passed() ? (r.verdict().equals("IP_LITERAL") ? target.host()
                                + " (IP literal)" : target.host() + " → " + String.join(", ", ips) + " in "
                                + r.elapsed().toMillis() + " ms")
                                : r.findings().get(0).summary();
                        return new LegResult(LegKind.DNS, name, r.passed() ? LegStatus.PASSED : LegStatus.FAILED,
                                detail, r, Optional.empty(), ips);
                    });
        }

        Deadline udpDeadline() {
            Deadline d = legDeadline();
            // Four fifths of the run: silence is declared before the deadline (2.4 s of the diagnostic 3 s).
            return options.profile() == PlaybookOptions.Profile.DIAGNOSTIC
                    ? d.min(d.remaining().multipliedBy(4).dividedBy(5)) : d;
        }

        CompletableFuture<LegResult> udp() {
            String name = LegKind.UDP_RELAY.label();
            TransportAddress a = target.udpAddress();
            if (target.dialect() == Dialect.MS_TURN) {
                MsTurnProbe p = msTurn(MsTurnTransport.UDP, credentials());
                return p.run(a, context(name, udpDeadline())).toCompletableFuture()
                        .thenApply(r -> new LegResult(LegKind.UDP_RELAY, name, msTurnStatus(r), lastDetail(r), r,
                                Optional.empty(), List.of()));
            }
            ProbeContext ctx = context(name, udpDeadline());
            TurnProbe turn = turnProbe(turnOptions(), credentials(), true, StunTransport.UDP);
            TurnProbe binding = turnProbe(turnOptions(), Optional.empty(), false, StunTransport.UDP);
            CompletableFuture<TurnProbeReport> b = binding.probe(new StunUri("stun", a.host(), a.port(),
                    StunTransport.UDP), ctx);
            CompletableFuture<TurnProbeReport> t = turn.probe(new StunUri("turn", a.host(), a.port(),
                    StunTransport.UDP), ctx);
            return b.thenCombine(t, (br, tr) -> {
                List<Finding> findings = new ArrayList<>(tr.findings());
                br.findings().stream().filter(f -> findings.stream().noneMatch(g -> g.code().equals(f.code())))
                        .forEach(findings::add);
                List<TimelineEvent> tl = new ArrayList<>(br.timeline());
                tl.addAll(tr.timeline());
                tl.sort(Comparator.comparingLong(TimelineEvent::offsetNanos));
                ProbeResult r = new ProbeResult("turn", a, tr.verdict(), tr.passed(), findings, tl,
                        tr.elapsed().compareTo(br.elapsed()) > 0 ? tr.elapsed() : br.elapsed());
                String detail = turnDetail(tr) + br.mappedAddress().map(m -> "; Binding: mapped address " + m)
                        .orElse("; Binding: " + turnDetail(br));
                return new LegResult(LegKind.UDP_RELAY, name, turnStatus(tr), detail, r, Optional.empty(),
                        List.of());
            });
        }

        /**
         * NAT behaviour (RFC 5780). Turn dialect: {@link NatProbe} on the UDP port, under the UDP legs' deadline; a
         * server without OTHER-ADDRESS ends it after its first answer. MS-TURN: no request of its own — the Edge's
         * answer on the UDP leg is MS-TURN, which has no OTHER-ADDRESS or CHANGE-REQUEST, so RFC 5780 is not
         * supported there. Never fails a modality: no answer at all is the UDP relay leg's finding, not this one's.
         */
        CompletableFuture<LegResult> nat() {
            String name = LegKind.NAT.label();
            TransportAddress a = target.udpAddress();
            if (target.dialect() == Dialect.MS_TURN) {
                return udpLeg.thenApply(u -> {
                    if (u.status() != LegStatus.PASSED && u.status() != LegStatus.AUTH_FAILED) {
                        return skipped(LegKind.NAT, name, a, "not tested: the Edge did not answer on UDP "
                                + a.port());
                    }
                    String why = "RFC 5780 not supported: the Edge answers on UDP " + a.port() + " in MS-TURN, which "
                            + "has no OTHER-ADDRESS or CHANGE-REQUEST; NAT behaviour not tested";
                    Finding f = TurnFindingCodes.NAT_RFC5780_NOT_OFFERED.builder().summary(why)
                            .evidence(new Evidence("edge playbook", "leg " + u.name(), u.detail())).build();
                    ProbeResult r = new ProbeResult("nat", a, NatProbe.RFC5780_UNSUPPORTED, true, List.of(f),
                            List.of(), Duration.ZERO);
                    return new LegResult(LegKind.NAT, name, LegStatus.PASSED, why, r, Optional.empty(), List.of());
                });
            }
            return NatProbe.create(timers()).run(a, context(name, udpDeadline())).toCompletableFuture()
                    .thenApply(r -> {
                        if (r.verdict().equals(NatProbe.NO_ANSWER)) {
                            // silence on UDP is the relay leg's finding; repeating it here would count it twice
                            return skipped(LegKind.NAT, name, a, "not tested: no answer to the Binding on UDP "
                                    + a.port());
                        }
                        return new LegResult(LegKind.NAT, name, LegStatus.PASSED, natDetail(r), r, Optional.empty(),
                                List.of());
                    });
        }

        static String natDetail(ProbeResult r) {
            if (r.verdict().equals(NatProbe.RFC5780_UNSUPPORTED)) {
                return "RFC 5780 not supported: the server's Binding answer has no OTHER-ADDRESS; NAT behaviour "
                        + "not tested";
            }
            StringBuilder b = new StringBuilder("RFC 5780:");
            for (TimelineEvent e : r.timeline()) {
                switch (e.kind()) {
                    case "nat.mapping" -> b.append(" mapping ").append(label(e.detail())).append(',');
                    case "nat.filtering" -> b.append(" filtering ").append(label(e.detail())).append(',');
                    case "nat.hairpinning" -> b.append(" hairpinning ").append(label(e.detail())).append(';');
                    case "nat.outlook" -> b.append(" ICE: ").append(e.detail().substring(e.detail().indexOf(' ') + 1));
                    default -> { }
                }
            }
            return b.toString();
        }

        private static String label(String enumName) {
            return enumName.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        CompletableFuture<LegResult> tcpConnect() {
            String name = LegKind.TCP_CONNECT.label();
            return new TcpConnectProbe().run(target.tcpAddress(), context(name)).toCompletableFuture()
                    .thenApply(r -> {
                        LegStatus s = switch (r.verdict()) {
                            case "CONNECTED" -> LegStatus.PASSED;
                            case "TIMEOUT" -> LegStatus.SILENT;
                            case "REFUSED", "UNREACHABLE" -> LegStatus.REFUSED;
                            default -> LegStatus.FAILED;
                        };
                        return new LegResult(LegKind.TCP_CONNECT, name, s, lastDetail(r), r, Optional.empty(),
                                List.of());
                    });
        }

        CompletableFuture<LegResult> browser(boolean withSni, CompletableFuture<LegResult> publish) {
            LegKind kind = withSni ? LegKind.BROWSER_SNI : LegKind.BROWSER_NO_SNI;
            String name = kind.label();
            CompletableFuture<LegResult> f;
            if (withSni && target.sni().isEmpty()) {
                f = CompletableFuture.completedFuture(skipped(kind, name, target.tcpAddress(),
                        "no name to send as SNI (the target is an IP address; give --sni)"));
            } else {
                InspectOptions o = inspect.toBuilder().sni(withSni ? target.sni().get() : "").build();
                f = TlsProbe.create(o).inspect(target.tcpAddress(), legDeadline(), context(name).listener())
                        .toCompletableFuture().thenApply(i -> {
                            LegStatus s = browserStatus(i);
                            ProbeResult r = i.toProbeResult();
                            if (s == LegStatus.PASSED && !i.genuine()) {
                                // An Edge refusing real TLS is what it should do: its refusal is not a finding
                                // (tls-inspect would call it critical), so the clean path never reads as blocked.
                                Finding untouched = DiagnoseFindingCodes.BROWSER_TLS_UNTOUCHED.builder()
                                        .summary("Real TLS to " + target.tcpAddress() + (withSni ? " with SNI "
                                                + target.sni().get() : " without SNI") + ": " + i.verdict()
                                                + "; no certificate forged and no page, so nothing in between "
                                                + "answered in the Edge's place")
                                        .evidence(new Evidence("probe tls " + target.tcpAddress(), "verdict",
                                                i.verdict().name())).build();
                                r = new ProbeResult(r.probe(), r.target(), r.verdict(), true, List.of(untouched),
                                        r.timeline(), r.elapsed());
                            }
                            return new LegResult(kind, name, s, tlsDetail(i, s), r, product(i), remote(i), Optional.of(i));
                        });
            }
            return f.whenComplete((r, e) -> publish.complete(r != null ? r : failedLeg(kind, name, e)));
        }

        CompletableFuture<LegResult> tcpRelay() {
            String name = LegKind.TCP_RELAY.label();
            TransportAddress a = target.tcpAddress();
            if (target.dialect() == Dialect.TURN) {
                return turnOverStream(LegKind.TCP_RELAY, StunTransport.TCP);
            }
            ProbeContext ctx = context(name);
            return PseudoTlsProbe.create(inspect).inspect(a, ctx.deadline(), ctx.listener()).toCompletableFuture()
                    .thenCompose(i -> {
                        if (!i.genuine()) {
                            LegStatus s = pseudoStatus(i);
                            return CompletableFuture.completedFuture(new LegResult(LegKind.TCP_RELAY, name, s,
                                    tlsDetail(i, s), i.toProbeResult(), product(i), remote(i), Optional.of(i)));
                        }
                        return msTurn(MsTurnTransport.TCP, Optional.empty()).run(a, ctx).toCompletableFuture()
                                .thenCompose(challenge -> withCredentials(challenge,
                                        c -> msTurn(MsTurnTransport.TCP, Optional.of(c)).run(a, ctx)
                                                .toCompletableFuture()))
                                .thenApply(r -> {
                                    ProbeResult merged = merge(name, a, i.toProbeResult(), r);
                                    return new LegResult(LegKind.TCP_RELAY, name, msTurnStatus(r),
                                            "genuine pseudo-TLS answer, then " + lastDetail(r), merged,
                                            Optional.empty(), remote(i), Optional.of(i));
                                });
                    });
        }

        CompletableFuture<LegResult> turns() {
            return turnOverStream(LegKind.TURNS, StunTransport.TLS);
        }

        /** TURN over TCP or TLS: the 401 first, then (credentials given, path not judged intercepted) the Allocate. */
        CompletableFuture<LegResult> turnOverStream(LegKind kind, StunTransport transport) {
            String name = kind.label();
            TransportAddress a = target.tcpAddress();
            ProbeContext ctx = context(name);
            String scheme = transport == StunTransport.TLS ? "turns" : "turn";
            StunUri uri = new StunUri(scheme, a.host(), a.port(), transport);
            TurnProbe challenge = turnProbe(turnOptions(), Optional.empty(), false, transport);
            return challenge.probe(uri, ctx).thenCompose(ch -> {
                if (!ch.passed() || credentials().isEmpty()) {
                    return CompletableFuture.completedFuture(ch);
                }
                return withCredentialsTurn(ch, c -> turnProbe(turnOptions(), Optional.of(c), true, transport)
                        .probe(uri, ctx));
            }).thenApply(tr -> new LegResult(kind, name, turnStatus(tr), turnDetail(tr), tr.toProbeResult(),
                    Optional.empty(), List.of()));
        }

        CompletableFuture<LegResult> http() {
            String name = LegKind.HTTP.label();
            StunTimers t = timers();
            return new HttpPageProbe(target.sni(), t.connect(), t.rto().multipliedBy(t.rm())).fetchAsync(target.tcpAddress(), context(name)).thenApply(f -> {
                LegStatus s = f.result().verdict().equals("PROXY_PAGE") ? LegStatus.HTTP_PROXY : LegStatus.PASSED;
                String detail = f.page().map(HttpPageProbe.Page::describe).orElse("no web page (as expected of a relay)");
                return new LegResult(LegKind.HTTP, name, s, detail, f.result(),
                        f.page().flatMap(HttpPageProbe.Page::product), List.of());
            });
        }

        CompletableFuture<LegResult> explicitProxy() {
            String name = LegKind.EXPLICIT_PROXY.label();
            Optional<TransportAddress> proxy = target.proxy().or(this::configuredProxy);
            if (proxy.isEmpty()) {
                return CompletableFuture.completedFuture(skipped(LegKind.EXPLICIT_PROXY, name, target.tcpAddress(),
                        "no explicit proxy given or configured (HTTPS_PROXY, ProxySelector)"));
            }
            InspectOptions o = inspect.toBuilder().httpProxy(proxy.get()).build();
            ProbeContext ctx = context(name);
            CompletionStage<TlsInspection> s = target.dialect() == Dialect.MS_TURN
                    ? PseudoTlsProbe.create(o).inspect(target.tcpAddress(), ctx.deadline(), ctx.listener())
                    : TlsProbe.create(o.toBuilder().sni(target.sni().orElse("")).build())
                            .inspect(target.tcpAddress(), ctx.deadline(), ctx.listener());
            return s.toCompletableFuture().thenApply(i -> {
                LegStatus st = target.dialect() == Dialect.MS_TURN ? pseudoStatus(i) : browserStatus(i);
                return new LegResult(LegKind.EXPLICIT_PROXY, name, st, "through " + proxy.get() + ": "
                        + tlsDetail(i, st), i.toProbeResult(), product(i), List.of(), Optional.of(i));
            });
        }

        /**
         * The relay protocol over TCP through the explicit proxy, in the target's dialect (RFC: TURN over TCP;
         * MS-TURN: the pseudo-TLS hello, then the framed Allocate, in the CONNECT tunnel): whether media can take the
         * proxy path at all. A 407 or another refusal is the proxy's (HTTP_PROXY), never the relay's authentication.
         */
        CompletableFuture<LegResult> proxyRelay() {
            String name = LegKind.PROXY_RELAY.label();
            Optional<TransportAddress> proxy = target.proxy().or(this::configuredProxy);
            if (proxy.isEmpty()) {
                return CompletableFuture.completedFuture(skipped(LegKind.PROXY_RELAY, name, target.tcpAddress(),
                        "no explicit proxy given or configured (HTTPS_PROXY, ProxySelector)"));
            }
            HttpProxy hp = HttpProxy.of(proxy.get().host(), proxy.get().port());
            if (target.proxyUsername().isPresent()) {
                hp = hp.withBasicAuth(target.proxyUsername().get(), target.proxyPassword().orElse(""));
            }
            String via = hp.authority();
            if (target.dialect() == Dialect.MS_TURN) {
                return msTurnThroughProxy(name, hp);
            }
            TurnClientOptions o = turnOptions().toBuilder().proxy(hp).build();
            TransportAddress a = target.tcpAddress();
            ProbeContext ctx = context(name);
            StunUri uri = new StunUri("turn", a.host(), a.port(), StunTransport.TCP);
            return turnProbe(o, Optional.empty(), false, StunTransport.TCP).probe(uri, ctx)
                    .thenCompose(ch -> {
                        if (!ch.passed() || credentials().isEmpty()) {
                            return CompletableFuture.completedFuture(ch);
                        }
                        return withCredentialsTurn(ch, c -> turnProbe(o, Optional.of(c), false, StunTransport.TCP)
                                .probe(uri, ctx));
                    }).thenApply(tr -> {
                        LegStatus st = switch (tr.verdict()) {
                            case "TURN_PROXY_AUTH_REQUIRED", "TURN_PROXY_REFUSED" -> LegStatus.HTTP_PROXY;
                            default -> turnStatus(tr);
                        };
                        return new LegResult(LegKind.PROXY_RELAY, name, st, "TURN over TCP through " + via + ": "
                                + turnDetail(tr), tr.toProbeResult(), Optional.empty(), List.of());
                    });
        }

        /** MS-TURN through the proxy: the 401, then (credentials given, path not judged intercepted) the Allocate. */
        CompletableFuture<LegResult> msTurnThroughProxy(String name, HttpProxy hp) {
            MsTurnOptions o = MsTurnOptions.builder().timers(timers()).proxy(hp).build();
            TransportAddress a = target.tcpAddress();
            ProbeContext ctx = context(name);
            return MsTurnProbe.create(o, MsTurnTransport.TCP).run(a, ctx).toCompletableFuture()
                    .thenCompose(challenge -> withCredentials(challenge, c -> MsTurnProbe.create(
                            o.toBuilder().credentials(c).build(), MsTurnTransport.TCP).run(a, ctx)
                            .toCompletableFuture()))
                    .thenApply(r -> {
                        LegStatus st = switch (r.verdict()) {
                            case "PROXY_AUTH_REQUIRED", "PROXY_REFUSED" -> LegStatus.HTTP_PROXY;
                            default -> msTurnStatus(r);
                        };
                        // the proxy's refusal in its own words (status, Proxy-Authenticate, the user refused)
                        String why = st == LegStatus.HTTP_PROXY ? r.findings().stream()
                                .filter(f -> f.code().startsWith("TURN_PROXY_")).flatMap(f -> f.evidence().stream())
                                .map(Evidence::excerpt).reduce((first, last) -> last).orElse(lastDetail(r)) : lastDetail(r);
                        return new LegResult(LegKind.PROXY_RELAY, name, st, "MS-TURN over TCP (pseudo-TLS) through "
                                + hp.authority() + ": " + why, r, Optional.empty(), List.of());
                    });
        }

        CompletableFuture<LegResult> custom(PlaybookOptions.CustomProbe p) {
            return p.probe().run(target.tcpAddress(), context(p.name())).toCompletableFuture()
                    .handle((r, e) -> {
                        if (r == null) {
                            return failedLeg(LegKind.CUSTOM, p.name(), e);
                        }
                        String detail = r.verdict() + (r.findings().isEmpty() ? "" : ": "
                                + r.findings().get(0).summary());
                        return new LegResult(LegKind.CUSTOM, p.name(), r.passed() ? LegStatus.PASSED
                                : LegStatus.FAILED, detail, r, Optional.empty(), List.of());
                    });
        }

        /**
         * The two-ended proof of one leg: the leg's hello to the responder with a receipt request, on a thread of its
         * own (the probe uses blocking JDK sockets, each wait bounded by the run's deadline).
         */
        CompletableFuture<LegResult> responder(PlaybookOptions.ResponderCheck rc, ProofLeg leg) {
            String name = "responder-" + leg.label();
            TransportAddress addr = new TransportAddress(rc.host(), leg.udp() ? rc.udpPort() : rc.tcpPort());
            String sni = rc.serverName().orElse(TransportAddress.isIpLiteral(rc.host()) ? null : rc.host());
            ReceiptProbe asked = ReceiptProbe.of(leg, rc.token(), sni);
            ReceiptProbe probe = rc.receiptMode() == io.mediapath.ice.receipt.ReceiptRequest.Mode.INSTEAD_OF_ANSWER
                    ? asked.insteadOfAnswer() : asked;
            Deadline d = legDeadline();
            CompletableFuture<Optional<TlsInspection>> inspection = inspectAnswer(name, addr, sni, leg, d);
            CompletableFuture<LegResult> f = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    LegProof p = probe.prove(addr, d);
                    events.add(new PlaybookEvent(System.nanoTime() - start, name, "receipt",
                            p.conclusion() + ": " + p.verdict().detail()));
                    boolean answeredInItsName = p.conclusion() == PathConclusion.INTERCEPTED
                            || p.conclusion() == PathConclusion.MODIFIED;
                    inspection.whenComplete((named, e) -> f.complete(responderLeg(name, addr, p,
                            answeredInItsName && named != null ? named : Optional.empty())));
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            }, "mediapath-" + name);
            t.setDaemon(true);
            t.start();
            return f;
        }

        /**
         * For the TLS and pseudo-TLS legs, tls-inspect's own probe of the same leg against the responder's address,
         * run beside the proof (a middlebox may hold the proof's connection to the deadline, which would leave no
         * time to look afterwards). When the proof says something answered in the responder's name, this names it
         * with the verdicts of the relay legs: the issuer database's product and the forged-leaf signals for TLS, the
         * pseudo-TLS verdicts for the relay hello. Empty for the other legs, or when the probe fails.
         */
        CompletableFuture<Optional<TlsInspection>> inspectAnswer(String name, TransportAddress addr, String sni,
                ProofLeg leg, Deadline d) {
            if (leg != ProofLeg.TLS && leg != ProofLeg.PSEUDO_TLS) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            ProbeContext ctx = context(name, d);
            try {
                CompletionStage<TlsInspection> i = leg == ProofLeg.TLS
                        ? TlsProbe.create(inspect.toBuilder().sni(sni == null ? "" : sni).build())
                                .inspect(addr, d, ctx.listener())
                        : PseudoTlsProbe.create(inspect).inspect(addr, d, ctx.listener());
                return i.toCompletableFuture().handle((r, e) -> Optional.ofNullable(r));
            } catch (RuntimeException e) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
        }

        LegResult responderLeg(String name, TransportAddress addr, LegProof p) {
            return responderLeg(name, addr, p, Optional.empty());
        }

        LegResult responderLeg(String name, TransportAddress addr, LegProof p, Optional<TlsInspection> named) {
            PathVerdict v = p.verdict();
            LegStatus status = switch (v.conclusion()) {
                case REACHED, TRANSLATED -> LegStatus.PASSED;
                case MODIFIED, INTERCEPTED -> LegStatus.INTERCEPTED;
                case DROPPED -> p.leg().udp() ? LegStatus.SILENT : LegStatus.REFUSED;
            };
            io.mediapath.ice.FindingCode code = switch (v.conclusion()) {
                case REACHED -> DiagnoseFindingCodes.RESPONDER_REACHED;
                case TRANSLATED -> DiagnoseFindingCodes.RESPONDER_TRANSLATED;
                case MODIFIED -> DiagnoseFindingCodes.RESPONDER_MODIFIED;
                case INTERCEPTED -> DiagnoseFindingCodes.RESPONDER_INTERCEPTED;
                case DROPPED -> DiagnoseFindingCodes.RESPONDER_DROPPED;
            };
            Optional<String> product = named.flatMap(this::product);
            String detail = v.conclusion() + " — " + v.detail() + " (answer: " + p.answer() + ")"
                    + named.map(i -> "; tls-inspect: " + i.verdict() + product.map(n -> " (" + n + ")").orElse(""))
                            .orElse("");
            Finding.Builder fb = code.builder().summary("Leg " + name + " to " + addr + ": " + detail)
                    .evidence(new Evidence("two-ended proof", "leg " + name + " from " + text(p.local()), p.answer()));
            if (v.check() instanceof ReceiptCheck.Valid valid) {
                fb.evidence(new Evidence("two-ended proof", "receipt", valid.receipt().toString()));
            }
            v.diff().ifPresent(d -> fb.evidence(new Evidence("two-ended proof", "diff", d)));
            named.ifPresent(i -> fb.evidence(new Evidence("probe tls " + addr, "verdict", i.verdict().name())));
            product.ifPresent(n -> fb.evidence(new Evidence("probe tls " + addr, "product", n)));
            List<Finding> findings = new ArrayList<>(List.of(fb.build()));
            // tls-inspect's own findings about the answer (forged leaf, issuer, pseudo-TLS mismatch), as on relay legs
            named.ifPresent(i -> findings.addAll(i.findings()));
            ProbeResult r = new ProbeResult(name, addr, v.conclusion().name(),
                    v.conclusion() == PathConclusion.REACHED || v.conclusion() == PathConclusion.TRANSLATED,
                    List.copyOf(findings), List.of(), p.elapsed());
            List<String> addresses = v.egress().map(e -> List.of(e.getAddress().getHostAddress())).orElse(List.of());
            return new LegResult(LegKind.RESPONDER, name, status, detail, r, product, addresses, named);
        }

        private static String text(InetSocketAddress a) {
            String ip = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
            return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + a.getPort();
        }

        /** An RFC TURN probe; {@code echo}: with the target's echo peer (if it names one) for the relayed echo. */
        TurnProbe turnProbe(TurnClientOptions client, Optional<TurnCredentials> credentials, boolean echo,
                StunTransport transport) {
            InetSocketAddress peer = echo ? target.peer().map(p -> new InetSocketAddress(p.host(), p.port()))
                    .orElse(null) : null;
            return TurnProbe.create(TurnProbeOptions.builder().client(client).credentials(credentials.orElse(null))
                    .peer(peer).build(), transport);
        }

        // ---- credentials over TCP ----

        Optional<TurnCredentials> credentials() {
            return target.username().map(u -> new TurnCredentials(u, target.password().orElse("")));
        }

        /** Runs {@code authenticated} after the TLS legs, unless they judged the TCP path intercepted. */
        CompletableFuture<ProbeResult> withCredentials(ProbeResult challenge,
                java.util.function.Function<TurnCredentials, CompletableFuture<ProbeResult>> authenticated) {
            if (!challenge.passed() || credentials().isEmpty()) {
                return CompletableFuture.completedFuture(challenge);
            }
            return tcpJudgedIntercepted.thenCompose(why -> {
                if (why.isPresent() && !options.credentialsOnInterceptedPath()) {
                    return CompletableFuture.completedFuture(withheld(challenge, why.get()));
                }
                return authenticated.apply(credentials().get());
            });
        }

        CompletableFuture<TurnProbeReport> withCredentialsTurn(TurnProbeReport challenge,
                java.util.function.Function<TurnCredentials, CompletableFuture<TurnProbeReport>> authenticated) {
            return tcpJudgedIntercepted.thenCompose(why -> {
                if (why.isPresent() && !options.credentialsOnInterceptedPath()) {
                    ProbeResult w = withheld(challenge.toProbeResult(), why.get());
                    return CompletableFuture.completedFuture(new TurnProbeReport(challenge.uri(), challenge.target(),
                            challenge.verdict(), challenge.passed(), challenge.steps(), challenge.mappedAddress(),
                            challenge.relayedAddress(), challenge.relayCandidate(), challenge.passwordAlgorithm(),
                            challenge.peerCertificates(), w.findings(), challenge.timeline(), challenge.elapsed()));
                }
                return authenticated.apply(credentials().get());
            });
        }

        ProbeResult withheld(ProbeResult challenge, String why) {
            List<Finding> f = new ArrayList<>(challenge.findings());
            f.add(DiagnoseFindingCodes.EDGE_CREDENTIALS_WITHHELD.builder()
                    .summary("Credentials were not sent over TCP " + target.tcpPort() + ": a TLS leg judged the "
                            + "path intercepted (" + why + "); the relay's 401 was fetched without them")
                    .evidence(new Evidence("edge playbook", "credentials", why))
                    .remedy("Fix the interception first; to send them anyway, opt in "
                            + "(PlaybookOptions.credentialsOnInterceptedPath).")
                    .build());
            events.add(new PlaybookEvent(System.nanoTime() - start, "credentials", "withheld", why));
            return new ProbeResult(challenge.probe(), challenge.target(), challenge.verdict(), challenge.passed(), f,
                    challenge.timeline(), challenge.elapsed());
        }

        // ---- helpers ----

        /** The profile's timers, for both dialects: every wait of a relay leg. */
        StunTimers timers() {
            return options.profile() == PlaybookOptions.Profile.RFC ? StunTimers.RFC8489
                    : DIAGNOSTIC_TIMERS.withConnect(Duration.ofSeconds(2));
        }

        /** An MS-TURN probe with the profile's timers; with credentials it completes the Allocate. */
        MsTurnProbe msTurn(MsTurnTransport transport, Optional<TurnCredentials> credentials) {
            return MsTurnProbe.create(MsTurnOptions.builder().timers(timers()).credentials(credentials.orElse(null))
                    .build(), transport);
        }

        TurnClientOptions turnOptions() {
            TurnClientOptions.Builder b = TurnClientOptions.builder()
                    .timers(timers())
                    .hostnameVerification(!target.tcpAddress().isIpLiteral());
            if (!options.trustAnchors().isEmpty()) {
                try {
                    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                    ks.load(null, null);
                    int n = 0;
                    for (var c : options.trustAnchors()) {
                        ks.setCertificateEntry("anchor-" + n++, c);
                    }
                    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                    tmf.init(ks);
                    b.trust(tmf);
                } catch (java.security.GeneralSecurityException | java.io.IOException e) {
                    throw new IllegalStateException("cannot build the trust store", e);
                }
            }
            return b.build();
        }

        Optional<TransportAddress> configuredProxy() {
            try {
                if (options.proxySelector() != null) {
                    for (Proxy p : options.proxySelector().select(URI.create("https://" + target.tcpAddress()))) {
                        if (p.type() == Proxy.Type.HTTP && p.address() instanceof InetSocketAddress s) {
                            return Optional.of(new TransportAddress(s.getHostString(), s.getPort()));
                        }
                    }
                }
            } catch (RuntimeException e) {
                // a selector that throws configures nothing
            }
            for (String var : List.of("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")) {
                String v = options.environment().get(var);
                if (v != null && !v.isBlank()) {
                    try {
                        URI u = URI.create(v.strip().contains("://") ? v.strip() : "http://" + v.strip());
                        if (u.getHost() != null) {
                            return Optional.of(new TransportAddress(u.getHost(), u.getPort() < 0 ? 8080 : u.getPort()));
                        }
                    } catch (IllegalArgumentException e) {
                        // unparsable: ignored, as curl would
                    }
                }
            }
            return Optional.empty();
        }

        LegResult skipped(LegKind kind, String name, TransportAddress a, String why) {
            ProbeResult r = new ProbeResult(name, a, "SKIPPED", true, List.of(), List.of(), Duration.ZERO);
            return new LegResult(kind, name, LegStatus.SKIPPED, why, r, Optional.empty(), List.of());
        }

        Optional<String> product(TlsInspection i) {
            return signatures.match(i.chain()).stream().map(m -> m.signature().product()).findFirst();
        }

        List<String> remote(TlsInspection i) {
            return i.remoteAddress().isEmpty() ? List.of() : List.of(i.remoteAddress());
        }

        /** Status of the relay's own hello (pseudo-TLS): anything but the 83-byte answer is a middlebox. */
        LegStatus pseudoStatus(TlsInspection i) {
            return LegStatus.ofPseudoTls(i.verdict());
        }

        /**
         * Status of a real TLS hello. An Edge speaks no real TLS on its media port, so in the ms-turn dialect a
         * refusal (alert, close, reset, silence, bytes that are not TLS) means "untouched"; only a forged chain or
         * an HTTP answer is a middlebox. A TURN relay speaks TLS, so there a refusal is a finding of its own.
         */
        LegStatus browserStatus(TlsInspection i) {
            return LegStatus.ofTls(i, target.dialect());
        }

        LegStatus msTurnStatus(ProbeResult r) {
            return LegStatus.ofMsTurn(r.verdict());
        }

        LegStatus turnStatus(TurnProbeReport r) {
            return LegStatus.ofTurn(r);
        }

        ProbeResult merge(String name, TransportAddress a, ProbeResult first, ProbeResult then) {
            List<Finding> f = new ArrayList<>(first.findings());
            f.addAll(then.findings());
            f.sort(Comparator.comparing(Finding::severity).reversed());
            List<TimelineEvent> tl = new ArrayList<>(first.timeline());
            long shift = first.elapsed().toNanos();
            for (TimelineEvent e : then.timeline()) {
                tl.add(e.atOffset(shift + e.offsetNanos()));
            }
            return new ProbeResult(name, a, then.verdict(), first.passed() && then.passed(), f, tl,
                    first.elapsed().plus(then.elapsed()));
        }
    }

    static String tlsDetail(TlsInspection i, LegStatus s) {
        StringBuilder b = new StringBuilder(i.verdict().name());
        if (i.http().isPresent()) {
            b.append(": HTTP ").append(i.http().get().describe());
        } else if (!i.chain().isEmpty()) {
            CertificateInfo leaf = i.chain().get(0);
            CertificateInfo top = i.chain().get(i.chain().size() - 1);
            String issuer = top.issuerAttribute("CN");
            b.append(": certificate for ").append(leaf.commonName().isEmpty() ? leaf.subject() : leaf.commonName())
                    .append(" issued by \"").append(issuer.isEmpty() ? top.issuer() : issuer).append('"');
        } else if (s == LegStatus.INTERCEPTED && !i.serverHellos().isEmpty()) {
            b.append(": a TLS ServerHello answered (an Edge answers none to real TLS on its media port), "
                    + "then a handshake this client could not finish");
        } else if (i.alert().isPresent()) {
            b.append(": alert ").append(i.alert().get());
        }
        if (i.probe().equals(PseudoTlsProbe.NAME) && i.has("PSEUDO_TLS_SPLIT_RECORDS")) {
            b.append(", ServerHello and ServerHelloDone in separate records");
        }
        if (s == LegStatus.PASSED && !i.genuine()) {
            b.append(" (no certificate forged, no page: untouched; the Edge speaks no real TLS on this port)");
        }
        return b.toString();
    }

    static String turnDetail(TurnProbeReport r) {
        Optional<ProbeStep> failed = r.failedStep();
        if (failed.isPresent()) {
            return failed.get().name() + " failed: " + failed.get().detail();
        }
        ProbeStep last = null;
        for (ProbeStep s : r.steps()) {
            if (s.status() == ProbeStep.Status.PASSED) {
                last = s;
            }
        }
        return last == null ? r.verdict() : last.detail();
    }

    static String lastDetail(ProbeResult r) {
        List<TimelineEvent> t = r.timeline();
        return t.isEmpty() ? r.verdict() : t.get(t.size() - 1).detail();
    }
}
