package io.mediapath.turn.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.Finding;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.ice.probe.ProbeResult;
import io.mediapath.lab.coturn.Coturn;
import io.mediapath.lab.coturn.EchoPeer;
import io.mediapath.sdp.Candidate;
import io.mediapath.turn.ProbeStep;
import io.mediapath.turn.StunTransport;
import io.mediapath.turn.StunUri;
import io.mediapath.turn.TurnProbe;
import io.mediapath.turn.TurnProbeOptions;
import io.mediapath.turn.TurnProbeReport;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The relay probe against real coturn, and against things that are not coturn. */
class TurnProbeIT {
    static Coturn turn;
    static EchoPeer peer;

    @BeforeAll
    static void start() {
        turn = Coturn.builder().start();
        peer = EchoPeer.start();
    }

    @AfterAll
    static void stop() {
        if (peer != null) {
            peer.close();
        }
        if (turn != null) {
            turn.close();
        }
    }

    TurnProbe probe(String password, boolean withPeer, StunTransport t) throws Exception {
        return TurnProbe.create(TurnProbeOptions.builder().client(TurnTestSupport.options(turn, TurnTestSupport.events()).build())
                .credentials(turn.username(), password).peer(withPeer ? peer.address() : null).build(), t);
    }

    static TurnProbeReport run(TurnProbe p, String uri) throws Exception {
        return p.probe(StunUri.parse(uri), ProbeContext.withTimeout(Duration.ofSeconds(15))).get(20, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(StunTransport.class)
    void everyStepPassesAndTheRelayBecomesACandidate(StunTransport t) throws Exception {
        String uri = switch (t) {
            case UDP -> "turn:127.0.0.1:" + turn.port();
            case TCP -> "turn:127.0.0.1:" + turn.port() + "?transport=tcp";
            case TLS -> "turns:127.0.0.1:" + turn.tlsPort();
        };
        TurnProbeReport r = run(probe(turn.password(), true, t), uri);
        assertThat(r.steps()).allMatch(s -> s.status() == ProbeStep.Status.PASSED, "all passed: " + r.steps());
        assertThat(r.steps()).extracting(ProbeStep::name).containsSubsequence("resolve", "connect", "first-response",
                "allocate", "permission", "relay-echo");
        assertThat(r.steps().stream().anyMatch(s -> s.name().equals("tls"))).isEqualTo(t == StunTransport.TLS);
        assertThat(r.passed()).isTrue();
        assertThat(r.verdict()).isEqualTo("RELAY_ECHO_OK");
        Candidate c = r.relayCandidate().orElseThrow();
        assertThat(c.type()).contains("relay");
        assertThat(c.address()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(r.relayedAddress().orElseThrow().getPort());
        assertThat(c.relatedAddress()).contains("127.0.0.1");
        assertThat(c.priority()).isEqualTo(16777215L);
        assertThat(r.findings()).extracting(Finding::code).contains("TURN_ALLOCATED");
        assertThat(r.timeline()).isNotEmpty();
        assertThat(r.peerCertificates()).hasSize(t == StunTransport.TLS ? 1 : 0);
    }

    /** Every socket write and read is in the timeline with its bytes and endpoints (ladders and --pcap use them). */
    @ParameterizedTest
    @EnumSource(StunTransport.class)
    void theTimelineCarriesTheBytesAsTheyCrossedTheWire(StunTransport t) throws Exception {
        String uri = switch (t) {
            case UDP -> "turn:127.0.0.1:" + turn.port();
            case TCP -> "turn:127.0.0.1:" + turn.port() + "?transport=tcp";
            case TLS -> "turns:127.0.0.1:" + turn.tlsPort();
        };
        TurnProbeReport r = run(probe(turn.password(), false, t), uri);
        assertThat(r.passed()).isTrue();
        java.util.List<io.mediapath.ice.probe.WirePayload> wire = r.timeline().stream()
                .flatMap(e -> e.payload().stream()).toList();
        java.util.List<io.mediapath.ice.probe.WirePayload> sent = wire.stream().filter(w -> w.length() > 0
                && w.direction() == io.mediapath.ice.probe.WirePayload.Direction.SENT).toList();
        assertThat(sent).isNotEmpty();
        assertThat(wire).filteredOn(w -> w.length() > 0
                && w.direction() == io.mediapath.ice.probe.WirePayload.Direction.RECEIVED).isNotEmpty();
        int server = t == StunTransport.TLS ? turn.tlsPort() : turn.port();
        assertThat(wire).allSatisfy(w -> {
            assertThat(w.remote().getPort()).isEqualTo(server);
            assertThat(w.local()).isNotNull();
            assertThat(w.transport()).isEqualTo(t == StunTransport.UDP ? io.mediapath.ice.probe.WirePayload.Transport.UDP
                    : io.mediapath.ice.probe.WirePayload.Transport.TCP);
        });
        byte[] first = sent.get(0).bytes();
        if (t == StunTransport.TLS) {
            // The records as they crossed the wire: a TLS handshake record, not the STUN inside it.
            assertThat(first[0]).isEqualTo((byte) 0x16);
            assertThat(first[1]).isEqualTo((byte) 0x03);
        } else {
            // An Allocate request (0x0003) with the magic cookie.
            assertThat(new byte[] {first[0], first[1], first[4], first[5], first[6], first[7]})
                    .containsExactly(0x00, 0x03, 0x21, 0x12, 0xA4, 0x42);
        }
        // A TCP connection opening is marked with a zero-byte payload; UDP has none.
        assertThat(wire.stream().anyMatch(w -> w.length() == 0)).isEqualTo(t != StunTransport.UDP);
    }

    /**
     * A run holds no thread of its own: it runs on the caller's executor when given one (here: counted), its
     * connections on the shared event loops, which the timeline's events come from.
     */
    @Test
    void aRunUsesTheCallersExecutorAndTheSharedLoops() throws Exception {
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try {
            TurnProbe p = TurnProbe.create(TurnProbeOptions.builder()
                    .client(TurnTestSupport.options(turn, TurnTestSupport.events()).build())
                    .credentials(turn.username(), turn.password()).executor(r -> {
                        runs.incrementAndGet();
                        pool.execute(r);
                    }).build(), StunTransport.UDP);
            TurnProbeReport r = p.probe(StunUri.parse("turn:127.0.0.1:" + turn.port()), new ProbeContext(
                    io.mediapath.ice.probe.Deadline.after(Duration.ofSeconds(15)), e -> {
                        if (e.kind().startsWith("stun.response")) {
                            threads.add(Thread.currentThread().getName());
                        }
                    })).get(20, TimeUnit.SECONDS);
            assertThat(r.verdict()).isEqualTo("ALLOCATED");
            assertThat(runs).hasValue(1);
            assertThat(threads).isNotEmpty().allMatch(n -> n.startsWith("mediapath-turn"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void wrongPasswordIsAuthFailedAfterAGenuineChallenge() throws Exception {
        TurnProbeReport r = run(probe("WRONG", true, StunTransport.UDP), "turn:127.0.0.1:" + turn.port());
        assertThat(r.passed()).isFalse();
        ProbeStep failed = r.failedStep().orElseThrow();
        assertThat(failed.name()).isEqualTo("allocate");
        assertThat(failed.stunErrorCode()).hasValue(401);
        assertThat(r.steps().stream().filter(s -> s.name().equals("first-response")).findFirst().orElseThrow()
                .status()).isEqualTo(ProbeStep.Status.PASSED);
        assertThat(r.verdict()).isEqualTo("TURN_AUTH_FAILED");
        assertThat(r.findings()).extracting(Finding::code).contains("TURN_AUTH_FAILED").doesNotContain(
                "TURN_UNREACHABLE", "TURN_TIMEOUT");
    }

    @Test
    void theSpiViewCarriesTheSameVerdict() throws Exception {
        ProbeResult pr = probe(turn.password(), false, StunTransport.TCP)
                .run(new TransportAddress("127.0.0.1", turn.port()), ProbeContext.withTimeout(Duration.ofSeconds(10)))
                .toCompletableFuture().get(15, TimeUnit.SECONDS);
        assertThat(pr.probe()).isEqualTo("turn");
        assertThat(pr.verdict()).isEqualTo("ALLOCATED");
        assertThat(pr.passed()).isTrue();
    }

    @Test
    void refusalTimeoutAndNotStunAreTellApart() throws Exception {
        int closed = Coturn.freePort();
        TurnProbeReport refusedTcp = run(probe(turn.password(), false, StunTransport.TCP),
                "turn:127.0.0.1:" + closed + "?transport=tcp");
        assertThat(refusedTcp.failedStep().orElseThrow().name()).isEqualTo("connect");
        assertThat(refusedTcp.verdict()).isEqualTo("TURN_CONNECT_REFUSED");
        TurnProbeReport refusedUdp = run(probe(turn.password(), false, StunTransport.UDP), "turn:127.0.0.1:" + closed);
        assertThat(refusedUdp.failedStep().orElseThrow().name()).isEqualTo("first-response");
        assertThat(refusedUdp.verdict()).isEqualTo("TURN_CONNECT_REFUSED");

        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            TurnProbeReport r = run(probe(turn.password(), false, StunTransport.UDP),
                    "turn:127.0.0.1:" + silent.getLocalPort());
            assertThat(r.verdict()).isEqualTo("TURN_TIMEOUT");
            assertThat(r.failedStep().orElseThrow().name()).isEqualTo("first-response");
        }

        try (ServerSocket http = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket s = http.accept(); OutputStream out = s.getOutputStream()) {
                    s.getInputStream().read(new byte[512]);
                    out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(2000);
                } catch (Exception ignored) {
                    // the test only needs one answer
                }
            });
            server.setDaemon(true);
            server.start();
            TurnProbeReport r = run(probe(turn.password(), false, StunTransport.TCP),
                    "turn:127.0.0.1:" + http.getLocalPort() + "?transport=tcp");
            assertThat(r.verdict()).isEqualTo("TURN_NOT_STUN");
            assertThat(r.failedStep().orElseThrow().name()).isEqualTo("first-response");
        }
    }
}
