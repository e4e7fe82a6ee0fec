package io.mediapath.turn;

import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.FindingCode;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Deadline;
import io.mediapath.ice.probe.Probe;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.ice.probe.ProbeResult;
import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.sdp.Candidate;
import io.mediapath.turn.internal.EventLoops;
import io.mediapath.turn.stun.ErrorCode;
import io.mediapath.turn.stun.PasswordAlgorithm;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The relay probe: resolve → connect (→ TLS handshake) → first response (a 401 with REALM and NONCE proves a
 * genuine TURN server) → authenticated Allocate → permission → relayed echo through a peer, each step timed and
 * turned into findings. For {@code stun:}/{@code stuns:} URIs the steps are resolve → connect (→ TLS) → binding.
 * "Authentication failed" is never reported as "unreachable", nor a timeout as a refusal: each comes from a
 * different step and failure kind.
 *
 * <p>Created with {@link #create(TurnProbeOptions, StunTransport)}. Implements the ice-core {@link Probe} SPI;
 * {@link #probe(StunUri, ProbeContext)} gives the richer {@link TurnProbeReport} with the relay candidate.
 */
public final class TurnProbe implements Probe {
    private final TurnProbeOptions probeOptions;
    private final TurnClientOptions options;
    private final Optional<TurnCredentials> credentials;
    private final Optional<InetSocketAddress> peer;
    private final StunTransport defaultTransport;
    private final Optional<InetSocketAddress> tcpPeer;
    private final Executor executor;

    private TurnProbe(TurnProbeOptions options, StunTransport transport) {
        this.probeOptions = Objects.requireNonNull(options, "options");
        this.options = options.client();
        this.credentials = options.credentials();
        this.peer = options.peer();
        this.defaultTransport = Objects.requireNonNull(transport, "transport");
        this.tcpPeer = options.tcpPeer();
        this.executor = options.executor().orElseGet(EventLoops::probeRuns);
    }

    /**
     * A probe with these options (client options, credentials, echo peers, executor); {@code transport} is the one
     * {@link #run(TransportAddress, ProbeContext)} uses ({@link #probe(StunUri, ProbeContext)} takes it from the URI).
     */
    public static TurnProbe create(TurnProbeOptions options, StunTransport transport) {
        return new TurnProbe(options, transport);
    }

    /** The options. */
    public TurnProbeOptions options() {
        return probeOptions;
    }

    /** The transport {@link #run(TransportAddress, ProbeContext)} uses. */
    public StunTransport transport() {
        return defaultTransport;
    }

    @Override
    public CompletionStage<ProbeResult> run(TransportAddress target, ProbeContext context) {
        String scheme = defaultTransport == StunTransport.TLS ? "turns" : "turn";
        StunUri uri = new StunUri(scheme, target.host(), target.port(), defaultTransport);
        return probe(uri, context).thenApply(TurnProbeReport::toProbeResult);
    }

    /** Runs the probe against {@code uri}; always completes normally with a report, by the context's deadline. */
    public CompletableFuture<TurnProbeReport> probe(StunUri uri, ProbeContext context) {
        try {
            return CompletableFuture.supplyAsync(() -> new Run(uri, context).execute(), executor);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private final class Run {
        final StunUri uri;
        final ProbeContext ctx;
        final Deadline deadline;
        final long start = System.nanoTime();
        final List<TimelineEvent> timeline = new CopyOnWriteArrayList<>();
        final List<ProbeStep> steps = new ArrayList<>();
        final List<Finding> findings = new ArrayList<>();
        final String source;
        InetSocketAddress mapped;
        InetSocketAddress relayed;
        PasswordAlgorithm algorithm;
        List<X509Certificate> chain = List.of();
        String verdict = "";
        StunConnection alternate;

        Run(StunUri uri, ProbeContext ctx) {
            this.uri = uri;
            this.ctx = ctx;
            this.deadline = ctx.deadline();
            this.source = "probe turn " + uri;
        }

        TurnProbeReport execute() {
            TurnClientOptions o = options.toBuilder().listener(e -> {
                TimelineEvent shifted = e.atOffset(System.nanoTime() - start);
                timeline.add(shifted);
                ctx.listener().onEvent(shifted);
            }).build();
            // The shared event loops: the connections this run opens are closed by the steps that open them.
            try (TurnClient client = TurnClient.create(o, EventLoops.shared())) {
                steps(client);
            }
            List<String> later = uri.isTurn()
                    ? new ArrayList<>(List.of("resolve", "connect", "tls", "first-response", "allocate", "permission",
                            "relay-echo"))
                    : new ArrayList<>(List.of("resolve", "connect", "tls", "binding"));
            if (uri.isTurn() && tcpPeer.isPresent()) {
                later.add("tcp-relay-echo");
            }
            for (String name : later) {
                if (steps.stream().noneMatch(s -> s.name().equals(name))
                        && !(name.equals("tls") && uri.transport() != StunTransport.TLS)) {
                    steps.add(new ProbeStep(name, ProbeStep.Status.SKIPPED, Duration.ZERO,
                            skippedWhy(name), OptionalInt.empty()));
                }
            }
            findings.sort(Comparator.comparing(Finding::severity).reversed());
            boolean passed = steps.stream().noneMatch(s -> s.status() == ProbeStep.Status.FAILED);
            Optional<Candidate> cand = relayed == null ? Optional.empty() : Optional.of(relayCandidate());
            return new TurnProbeReport(uri, new TransportAddress(uri.host(), uri.port()), verdict, passed, steps,
                    Optional.ofNullable(mapped), Optional.ofNullable(relayed), cand, Optional.ofNullable(algorithm),
                    chain, findings, timeline, Duration.ofNanos(System.nanoTime() - start));
        }

        String skippedWhy(String name) {
            if (steps.stream().anyMatch(s -> s.status() == ProbeStep.Status.FAILED)) {
                return "skipped: an earlier step failed";
            }
            if (name.equals("allocate") || name.equals("permission") || name.equals("relay-echo")
                    || name.equals("tcp-relay-echo")) {
                if (credentials.isEmpty()) {
                    return "skipped: no credentials (--username/--password or --secret)";
                }
                return "skipped: no echo peer (--peer)";
            }
            return "skipped";
        }

        void steps(TurnClient client) {
            // resolve
            long t0 = System.nanoTime();
            InetAddress ip;
            try {
                ip = within(CompletableFuture.supplyAsync(() -> {
                    try {
                        return InetAddress.getByName(uri.host());
                    } catch (UnknownHostException e) {
                        throw new java.util.concurrent.CompletionException(new TurnException(
                                TurnException.Kind.RESOLVE_FAILED, "cannot resolve " + uri.host(), null, e));
                    }
                }));
            } catch (TurnException e) {
                fail("resolve", t0, e);
                return;
            }
            pass("resolve", t0, uri.host() + " → " + ip.getHostAddress());

            // connect (+ tls). The socket's connect and the handshake's end are stamped on the event loop, so the
            // connect step reports the network's time (not channel set-up or class loading), and a stall after TCP
            // connected is the tls step's, with the tls step's time.
            t0 = System.nanoTime();
            StunConnection[] made = new StunConnection[1];
            StunConnection conn;
            try {
                conn = within(client.connect(new InetSocketAddress(ip, uri.port()), uri.transport(), uri.host(), null,
                        false, c -> made[0] = c));
            } catch (TurnException e) {
                StunConnection c = made[0];
                long connected = c == null ? 0 : c.connectStamp.doneNanos();
                // A proxy's refusal comes before any TLS: it is the connect step's (TCP reached the proxy only).
                boolean proxyRefused = e.kind() == TurnException.Kind.PROXY_AUTH_REQUIRED
                        || e.kind() == TurnException.Kind.PROXY_REFUSED;
                if (uri.transport() == StunTransport.TLS && connected != 0 && !proxyRefused) {
                    if (e.kind() == TurnException.Kind.TLS_FAILED || e.kind() == TurnException.Kind.TIMEOUT) {
                        chain = e.peerCertificates();
                    }
                    passAfter("connect", Duration.ofNanos(c.connectStamp.connectNanos()), "TCP connected to "
                            + c.server());
                    Duration stalled = Duration.ofNanos(System.nanoTime() - connected);
                    failAfter("tls", stalled, e.kind() == TurnException.Kind.TIMEOUT && e.getCause() == null
                            ? new TurnException(TurnException.Kind.TIMEOUT, "TLS handshake with " + c.server()
                                    + " did not finish within " + stalled.toMillis() + " ms after TCP connected ("
                                    + e.getMessage() + ")") : e);
                } else {
                    long issued = c == null ? 0 : c.connectStamp.startNanos();
                    fail("connect", issued != 0 ? issued : t0, e);
                }
                return;
            }
            long connectNanos = conn.connectStamp.connectNanos();
            Duration connectTime = Duration.ofNanos(connectNanos >= 0 ? connectNanos : System.nanoTime() - t0);
            if (uri.transport() == StunTransport.TLS) {
                chain = conn.peerCertificates();
                passAfter("connect", connectTime, "TCP to " + conn.server() + " from " + conn.localAddress());
                passAfter("tls", Duration.ofNanos(Math.max(0, conn.tlsEndNanos - conn.connectStamp.doneNanos())),
                        conn.tlsProtocol() + " " + conn.tlsCipherSuite() + ", server certificate "
                        + (chain.isEmpty() ? "(none)" : chain.get(0).getSubjectX500Principal().getName()));
            } else {
                passAfter("connect", connectTime, uri.transport() + " to " + conn.server() + " from "
                        + conn.localAddress() + (uri.transport() == StunTransport.UDP
                        ? " (connectionless: proven by the first response)" : ""));
            }
            try {
                if (uri.isTurn()) {
                    turnSteps(conn);
                    tcpRelayStep(client, alternate != null ? alternate : conn);
                } else {
                    t0 = System.nanoTime();
                    try {
                        BindingResult b = within(conn.binding());
                        mapped = b.mappedAddress();
                        pass("binding", t0, "mapped address " + b.mappedAddress() + b.software().map(s -> ", " + s).orElse(""));
                        verdict = "BINDING_OK";
                        add(TurnFindingCodes.STUN_BINDING_OK.builder()
                                .summary("STUN server " + uri + " answered: mapped address " + mapped)
                                .evidence(Evidence.step(source, "binding", steps.get(steps.size() - 1).elapsed(),
                                        "XOR-MAPPED-ADDRESS " + mapped)).build());
                    } catch (TurnException e) {
                        fail("binding", t0, e);
                    }
                }
            } finally {
                conn.close();
                if (alternate != null) {
                    alternate.close();
                }
            }
        }

        void turnSteps(StunConnection conn) {
            long t0 = System.nanoTime();
            Challenge ch = null;
            while (ch == null) {
                try {
                    ch = within(conn.challenge(AllocateOptions.builder().autoRefresh(false).build()));
                } catch (TurnException e) {
                    if (!StunConnection.isTryAlternate(e)) {
                        fail("first-response", t0, e);
                        return;
                    }
                    // RFC 8489 §10: coturn's alternate-server answers the very first Allocate with 300.
                    InetSocketAddress from = conn.server();
                    try {
                        conn = within(conn.follow(e, null));
                        alternate = conn;
                    } catch (TurnException f) {
                        fail("redirect", t0, f);
                        return;
                    }
                    steps.add(new ProbeStep("redirect", ProbeStep.Status.PASSED, Duration.ofNanos(System.nanoTime()
                            - t0), "300 Try Alternate: " + from + " → " + conn.server(), OptionalInt.of(300)));
                    add(TurnFindingCodes.TURN_REDIRECTED.builder()
                            .summary("TURN server " + from + " redirected the Allocate to " + conn.server())
                            .evidence(Evidence.step(source, "redirect", Duration.ZERO, "ALTERNATE-SERVER "
                                    + conn.server()))
                            .build());
                    t0 = System.nanoTime();
                }
            }

            pass("first-response", t0, "401 with REALM \"" + ch.realm() + "\" and NONCE: a TURN server answered"
                    + ch.software().map(s -> " (" + s + ")").orElse(""));
            if (ch.passwordAlgorithms().isEmpty()) {
                add(TurnFindingCodes.TURN_MD5_ONLY.builder()
                        .summary("The server offers no PASSWORD-ALGORITHMS: long-term key MD5 with HMAC-SHA1")
                        .evidence(Evidence.step(source, "first-response", Duration.ZERO, "no PASSWORD-ALGORITHMS in 401"))
                        .build());
            }
            if (credentials.isEmpty()) {
                verdict = "CHALLENGED";
                return;
            }
            t0 = System.nanoTime();
            TurnAllocation a;
            try {
                a = within(conn.allocate(credentials.get(), AllocateOptions.builder().autoRefresh(false).build(), ch));
            } catch (TurnException e) {
                fail("allocate", t0, e);
                return;
            }
            relayed = a.relayedAddress();
            mapped = a.mappedAddress().orElse(null);
            algorithm = a.passwordAlgorithm();
            pass("allocate", t0, "relayed " + relayed + ", mapped " + mapped + ", lifetime " + a.lifetimeSeconds()
                    + " s, key " + algorithm + " with " + a.integrityAttribute()
                    + (a.connection() != conn && a.connection().redirectedFrom().equals(conn.redirectedFrom())
                            ? ", from local " + a.connection().localAddress() + " after a 437 (the server held a stale "
                            + "allocation for " + conn.localAddress() + ")" : ""));
            verdict = "ALLOCATED";
            add(TurnFindingCodes.TURN_ALLOCATED.builder()
                    .summary("Relay allocated on " + uri + ": " + relayed)
                    .evidence(Evidence.step(source, "allocate", steps.get(steps.size() - 1).elapsed(),
                            "XOR-RELAYED-ADDRESS " + relayed)).build());
            try {
                if (peer.isEmpty()) {
                    return;
                }
                t0 = System.nanoTime();
                try {
                    within(a.createPermission(peer.get().getAddress()));
                    pass("permission", t0, "CreatePermission for " + peer.get().getAddress().getHostAddress());
                } catch (TurnException e) {
                    fail("permission", t0, e);
                    return;
                }
                t0 = System.nanoTime();
                try {
                    echo(a);
                    verdict = "RELAY_ECHO_OK";
                } catch (TurnException e) {
                    fail("relay-echo", t0, e);
                }
            } finally {
                try {
                    a.refresh(0).get(Math.max(1, Math.min(2000, deadline.remaining().toMillis())), TimeUnit.MILLISECONDS);
                } catch (Exception ignored) {
                    // best effort: the allocation expires on its own
                }
                if (a.connection() != conn) {
                    a.connection().close(); // opened by a redirect or a 437 retry; the caller closes only conn
                }
            }
        }

        /** RFC 6062: a TCP allocation on a fresh control connection, Connect to the TCP peer, echo raw bytes. */
        void tcpRelayStep(TurnClient client, StunConnection via) {
            if (tcpPeer.isEmpty() || credentials.isEmpty()
                    || steps.stream().anyMatch(s -> s.status() == ProbeStep.Status.FAILED)) {
                return;
            }
            long t0 = System.nanoTime();
            if (!uri.transport().isStream()) {
                steps.add(new ProbeStep("tcp-relay-echo", ProbeStep.Status.SKIPPED, Duration.ZERO, "skipped: RFC 6062 "
                        + "TCP relays need a TCP or TLS control connection (?transport=tcp or turns:)",
                        OptionalInt.empty()));
                return;
            }
            StunConnection c = null;
            TurnAllocation a = null;
            try {
                c = within(client.connect(via.server(), via.transport(), via.serverName()));
                a = within(c.allocate(credentials.get(), AllocateOptions.tcp().toBuilder().autoRefresh(false).build()));
                try (TcpRelayConnection r = within(a.connect(tcpPeer.get()))) {
                    BlockingQueue<byte[]> in = new LinkedBlockingQueue<>();
                    r.onData(in::add);
                    byte[] token = ("mediapath-tcp-probe-" + Long.toHexString(ThreadLocalRandom.current().nextLong()))
                            .getBytes(StandardCharsets.US_ASCII);
                    within(r.write(token));
                    java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
                    Duration wait = deadline.remaining().compareTo(Duration.ofSeconds(3)) < 0 ? deadline.remaining()
                            : Duration.ofSeconds(3);
                    long end = System.nanoTime() + wait.toNanos();
                    while (got.size() < token.length && System.nanoTime() < end) {
                        byte[] b = in.poll(Math.max(1, Math.min(200, (end - System.nanoTime()) / 1_000_000)),
                                TimeUnit.MILLISECONDS);
                        if (b != null) {
                            got.writeBytes(b);
                        }
                    }
                    if (!java.util.Arrays.equals(got.toByteArray(), token)) {
                        throw new TurnException(TurnException.Kind.TIMEOUT, "no echo from TCP peer " + tcpPeer.get()
                                + " through TCP relay " + a.relayedAddress() + " (" + got.size() + " of "
                                + token.length + " bytes back)");
                    }
                    pass("tcp-relay-echo", t0, String.format("%d bytes echoed by %s through TCP relay %s "
                            + "(connection 0x%08x)", token.length, tcpPeer.get(), a.relayedAddress(), r.connectionId()));
                    add(TurnFindingCodes.TURN_TCP_RELAY_OK.builder()
                            .summary("RFC 6062 TCP relay works on " + uri + ": " + a.relayedAddress() + " → "
                                    + tcpPeer.get())
                            .evidence(Evidence.step(source, "tcp-relay-echo", Duration.ofNanos(System.nanoTime() - t0),
                                    "Connect + ConnectionBind, raw bytes echoed")).build());
                }
            } catch (TurnException e) {
                fail("tcp-relay-echo", t0, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("tcp-relay-echo", t0, new TurnException(TurnException.Kind.TIMEOUT, "interrupted"));
            } finally {
                if (a != null) {
                    try {
                        a.refresh(0).get(Math.max(1, Math.min(2000, deadline.remaining().toMillis())),
                                TimeUnit.MILLISECONDS);
                    } catch (Exception ignored) {
                        // best effort: the allocation expires on its own
                    }
                    if (a.connection() != c) {
                        a.connection().close(); // opened by a redirect or a 437 retry
                    }
                }
                if (c != null) {
                    c.close();
                }
            }
        }

        void echo(TurnAllocation a) throws TurnException {
            long t0 = System.nanoTime();
            int channel = within(a.bindChannel(peer.get()));
            BlockingQueue<byte[]> in = new LinkedBlockingQueue<>();
            a.onData((p, d, c) -> in.add(d));
            byte[] token = ("mediapath-probe-" + Long.toHexString(ThreadLocalRandom.current().nextLong()))
                    .getBytes(StandardCharsets.US_ASCII);
            Duration wait = deadline.remaining().compareTo(Duration.ofSeconds(3)) < 0 ? deadline.remaining()
                    : Duration.ofSeconds(3);
            long end = System.nanoTime() + wait.toNanos();
            int sent = 0;
            try {
                while (System.nanoTime() < end) {
                    within(a.send(peer.get(), token));
                    sent++;
                    byte[] got = in.poll(Math.min(500, Math.max(1, (end - System.nanoTime()) / 1_000_000)),
                            TimeUnit.MILLISECONDS);
                    if (got != null && java.util.Arrays.equals(got, token)) {
                        pass("relay-echo", t0, String.format("%d bytes over channel 0x%04x echoed by %s after %d send(s)",
                                token.length, channel, peer.get(), sent));
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new TurnException(TurnException.Kind.TIMEOUT, "no echo from " + peer.get() + " through relay "
                    + relayed + " after " + sent + " send(s)");
        }

        <T> T within(CompletableFuture<T> f) throws TurnException {
            try {
                return f.get(Math.max(1, deadline.remaining().toMillis()), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                throw new TurnException(TurnException.Kind.TIMEOUT, "probe deadline reached");
            } catch (ExecutionException e) {
                Throwable c = StunConnection.unwrap(e);
                throw c instanceof TurnException te ? te : StunConnection.classify(c, uri.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TurnException(TurnException.Kind.TIMEOUT, "interrupted");
            }
        }

        void pass(String step, long t0, String detail) {
            steps.add(new ProbeStep(step, ProbeStep.Status.PASSED, Duration.ofNanos(System.nanoTime() - t0), detail,
                    OptionalInt.empty()));
        }

        void passAfter(String step, Duration d, String detail) {
            steps.add(new ProbeStep(step, ProbeStep.Status.PASSED, d, detail, OptionalInt.empty()));
        }

        void fail(String step, long t0, TurnException e) {
            failAfter(step, Duration.ofNanos(System.nanoTime() - t0), e);
        }

        void failAfter(String step, Duration d, TurnException e) {
            OptionalInt code = e.errorCode().map(c -> OptionalInt.of(c.code())).orElse(OptionalInt.empty());
            steps.add(new ProbeStep(step, ProbeStep.Status.FAILED, d, e.getMessage(), code));
            FindingCode fc = TurnFindingCodes.forFailure(step, e.kind());
            verdict = fc.code();
            Finding.Builder b = fc.builder().summary(summary(step, e)).evidence(Evidence.step(source, step, d,
                    e.getMessage()));
            if (step.equals("tls") && fc == TurnFindingCodes.TURN_TIMEOUT) {
                b.remedy("TCP connected but the TLS handshake stalled: something on the path (a proxy or firewall "
                        + "that inspects TLS) holds the connection, or the port does not speak TLS. Compare with "
                        + "`mediapath tls " + uri.host() + ":" + uri.port() + "`.");
            }
            add(b.build());
        }

        void add(Finding f) {
            findings.add(f);
        }

        String summary(String step, TurnException e) {
            String codeText = e.errorCode().map(ErrorCode::toString).map(c -> " (STUN " + c + ")").orElse("");
            // Name what answered instead (an HTTP proxy's 407, a TLS alert) where the person reads first.
            String instead = e.kind() == TurnException.Kind.NOT_STUN ? " (" + e.getMessage() + ")" : "";
            return "Step " + step + " failed: " + e.kind() + codeText + " — " + uri + instead;
        }

        Candidate relayCandidate() {
            long priority = (0L << 24) + (65535L << 8) + (256 - 1);
            String foundation = Integer.toUnsignedString(
                    Objects.hash("relay", relayed.getAddress().getHostAddress(), uri.host(), "udp") & 0x7fffffff);
            return new Candidate(Candidate.Form.RFC, foundation, 1, "UDP", priority, Long.toString(priority),
                    relayed.getAddress().getHostAddress(), relayed.getPort(), Optional.of("relay"),
                    Optional.ofNullable(mapped).map(m -> m.getAddress().getHostAddress()),
                    mapped == null ? OptionalInt.empty() : OptionalInt.of(mapped.getPort()), List.of(), "", "");
        }
    }
}
