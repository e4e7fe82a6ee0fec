package io.mediapath.turn.msturn;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.wire.PseudoTls;
import io.mediapath.lab.coturn.Coturn;
import io.mediapath.lab.edge.EmulatedEdge;
import io.mediapath.lab.proxy.InterceptingProxy;
import io.mediapath.lab.proxy.InterceptingProxy.Mode;
import io.mediapath.turn.StunTimers;
import io.mediapath.turn.TurnException;
import io.mediapath.turn.TurnException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link MsTurnClient} against lab's {@link EmulatedEdge} (an independent MS-TURN implementation written from the
 * specification), against lab's {@link InterceptingProxy} in front of it, and against real coturn 4.6.1.
 */
class MsTurnClientIT {
    static final String USER = "bob@lab.test";
    static final String PASS = "s3cret";
    static EmulatedEdge edge;
    static EmulatedEdge edgeV2;

    @BeforeAll
    static void start() {
        edge = EmulatedEdge.builder().msTurn(USER, PASS).msTurnRealm("SIP Communications Service").start();
        edgeV2 = EmulatedEdge.builder().msTurn(USER, PASS).msTurnVersion(2).start();
    }

    @AfterAll
    static void stop() {
        if (edge != null) {
            edge.close();
        }
        if (edgeV2 != null) {
            edgeV2.close();
        }
    }

    static MsTurnClient client(String pass, int version) {
        MsTurnOptions.Builder b = MsTurnOptions.builder().msVersion(version)
                .timers(StunTimers.RFC8489.within(Duration.ofSeconds(3)));
        if (pass != null) {
            b.credentials(USER, pass);
        }
        return MsTurnClient.create(b.build());
    }

    static InetSocketAddress tcp(EmulatedEdge e) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), e.address().port());
    }

    static InetSocketAddress udp(EmulatedEdge e) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), e.udpAddress().orElseThrow().port());
    }

    static TurnException failure(CompletableFuture<?> f) throws Exception {
        Throwable t = f.handle((v, e) -> e).get(20, TimeUnit.SECONDS);
        assertThat(t).as("expected a failure").isNotNull();
        while (t.getCause() != null && !(t instanceof TurnException)) {
            t = t.getCause();
        }
        assertThat(t).isInstanceOf(TurnException.class);
        return (TurnException) t;
    }

    @ParameterizedTest(name = "{0} MS-VERSION {1}")
    @CsvSource({"TCP, 3, HMAC_SHA256", "TCP, 2, HMAC_SHA1", "TCP, 1, HMAC_SHA1", "UDP, 3, HMAC_SHA256",
        "UDP, 2, HMAC_SHA1"})
    void allocatesWithTheRightPasswordInBothRegimes(MsTurnTransport t, int version, IntegrityRegime regime)
            throws Exception {
        long before = edge.allocations();
        try (MsTurnClient c = client(PASS, version)) {
            MsTurnAllocation a = c.allocate(t == MsTurnTransport.TCP ? tcp(edge) : udp(edge), t)
                    .get(20, TimeUnit.SECONDS);
            assertThat(a.allocated()).isTrue();
            assertThat(a.regime()).isEqualTo(regime);
            assertThat(a.realm()).isEqualTo("SIP Communications Service");
            assertThat(a.serverMsVersion()).isEqualTo(3);
            assertThat(a.relayed().orElseThrow().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(a.relayed().orElseThrow().getPort()).isBetween(50000, 59999);
            assertThat(a.reflexive().orElseThrow().getAddress().isLoopbackAddress()).isTrue();
            assertThat(a.lifetimeSeconds()).isEqualTo(480);
        }
        assertThat(edge.allocations()).isEqualTo(before + 1);
    }

    @ParameterizedTest
    @EnumSource(MsTurnTransport.class)
    void anEdgeBelowVersion3ForcesSha1(MsTurnTransport t) throws Exception {
        try (MsTurnClient c = client(PASS, 3)) {
            MsTurnAllocation a = c.allocate(t == MsTurnTransport.TCP ? tcp(edgeV2) : udp(edgeV2), t)
                    .get(20, TimeUnit.SECONDS);
            assertThat(a.serverMsVersion()).isEqualTo(2);
            assertThat(a.regime()).isEqualTo(IntegrityRegime.HMAC_SHA1);
            assertThat(a.allocated()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0} MS-VERSION {1}")
    @CsvSource({"TCP, 3", "TCP, 2", "UDP, 3", "UDP, 1"})
    void wrongPasswordIsAuthFailed(MsTurnTransport t, int version) throws Exception {
        long before = edge.integrityFailures();
        try (MsTurnClient c = client("wrong", version)) {
            TurnException e = failure(c.allocate(t == MsTurnTransport.TCP ? tcp(edge) : udp(edge), t));
            assertThat(e.kind()).isEqualTo(Kind.AUTH_FAILED);
            assertThat(e.getMessage()).doesNotContain("wrong");
        }
        assertThat(edge.integrityFailures()).isEqualTo(before + 1);
    }

    @ParameterizedTest
    @EnumSource(MsTurnTransport.class)
    void aSuccessWithABadMessageIntegrityIsRejected(MsTurnTransport t) throws Exception {
        try (EmulatedEdge forging = EmulatedEdge.builder().msTurn(USER, PASS).msTurnCorruptResponseIntegrity(true)
                .start();
                MsTurnClient c = client(PASS, 3)) {
            TurnException e = failure(c.allocate(t == MsTurnTransport.TCP ? tcp(forging) : udp(forging), t));
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(Kind.INTEGRITY);
            assertThat(forging.allocations()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(MsTurnTransport.class)
    void withoutCredentialsOnlyTheChallengeIsFetched(MsTurnTransport t) throws Exception {
        long users = edge.usernamesSeen();
        try (MsTurnClient c = client(null, 3)) {
            MsTurnAllocation a = c.allocate(t == MsTurnTransport.TCP ? tcp(edge) : udp(edge), t)
                    .get(20, TimeUnit.SECONDS);
            assertThat(a.allocated()).isFalse();
            assertThat(a.realm()).isEqualTo("SIP Communications Service");
            assertThat(a.regime()).isEqualTo(IntegrityRegime.HMAC_SHA256);
        }
        assertThat(edge.usernamesSeen()).isEqualTo(users);
    }

    /** The wire listener sees the pseudo-TLS hello, the Edge's 83-byte answer and each framed message, in order. */
    @Test
    void theWireListenerSeesEveryPayloadWithItsEndpoints() throws Exception {
        java.util.List<io.mediapath.ice.probe.WirePayload> wire = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (MsTurnClient c = MsTurnClient.create(MsTurnOptions.builder().credentials(USER, PASS)
                .wireListener(wire::add).timers(StunTimers.RFC8489.within(Duration.ofSeconds(3))).build())) {
            assertThat(c.allocate(tcp(edge), MsTurnTransport.TCP).get(20, TimeUnit.SECONDS).allocated()).isTrue();
        }
        assertThat(wire.get(0).length()).as("the connect marker").isZero();
        assertThat(wire.get(1).direction()).isEqualTo(io.mediapath.ice.probe.WirePayload.Direction.SENT);
        assertThat(wire.get(1).bytes()).isEqualTo(io.mediapath.ice.wire.PseudoTls.hello());
        byte[] answer = wire.stream().filter(w -> w.direction() == io.mediapath.ice.probe.WirePayload.Direction.RECEIVED)
                .map(io.mediapath.ice.probe.WirePayload::bytes).reduce(new byte[0], (a, b) -> {
                    byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
                    System.arraycopy(b, 0, r, a.length, b.length);
                    return r;
                });
        assertThat(answer.length).isGreaterThan(83);
        assertThat(io.mediapath.ice.wire.PseudoTls.matches(java.util.Arrays.copyOf(answer, 83))).isTrue();
        // hello, 401-provoking Allocate, authenticated Allocate: three writes after the connect.
        assertThat(wire).filteredOn(w -> w.length() > 0
                && w.direction() == io.mediapath.ice.probe.WirePayload.Direction.SENT).hasSize(3);
        assertThat(wire).allSatisfy(w -> assertThat(w.remote()).isEqualTo(tcp(edge)));
    }

    /**
     * The proxy answers the pseudo-TLS hello itself, as application-layer firewalls do. A recording tap between
     * client and proxy proves the client sent nothing but the 50-byte hello: no Allocate, no USERNAME.
     */
    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"FORGE", "ONE_RECORD_PER_PACKET", "FORGED_FLIGHT", "TLS_ALERT",
        "HTTP_407", "HTTP_302_PORTAL", "RESET", "CLOSE"})
    void aMiddleboxAnsweringTheHelloIsTypedAndGetsNoCredentials(Mode mode) throws Exception {
        long users = edge.usernamesSeen();
        long allocates = edge.allocateRequests();
        try (InterceptingProxy proxy = InterceptingProxy.builder().mode(mode).idleTimeout(Duration.ofSeconds(10))
                .start();
                Tap tap = new Tap(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.address().port()));
                MsTurnClient c = client(PASS, 3)) {
            TurnException e = failure(c.allocate(tap.address(), MsTurnTransport.TCP));
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(Kind.PSEUDO_TLS_INTERCEPTED);
            assertThat(tap.awaitClientBytes()).isEqualTo(PseudoTls.hello());
        }
        assertThat(edge.usernamesSeen()).isEqualTo(users);
        assertThat(edge.allocateRequests()).isEqualTo(allocates);
    }

    @Test
    void aSilentMiddleboxIsATimeout() throws Exception {
        try (InterceptingProxy proxy = InterceptingProxy.start(Mode.SILENCE);
                MsTurnClient c = MsTurnClient.create(MsTurnOptions.builder().credentials(USER, PASS)
                        .timers(StunTimers.RFC8489.within(Duration.ofSeconds(1))).build())) {
            TurnException e = failure(c.allocate(proxy.address().host(), proxy.address().port(),
                    MsTurnTransport.TCP));
            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        }
    }

    @Test
    void closingTheClientFailsExchangesInFlight() throws Exception {
        try (java.net.DatagramSocket silent = new java.net.DatagramSocket(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            MsTurnClient c = MsTurnClient.create(MsTurnOptions.builder()
                    .timers(StunTimers.RFC8489.within(Duration.ofSeconds(30))).build());
            CompletableFuture<MsTurnAllocation> f = c.allocate(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()), MsTurnTransport.UDP);
            silent.setSoTimeout(5000);
            silent.receive(new java.net.DatagramPacket(new byte[2048], 2048)); // the Allocate is in flight
            c.close();
            assertThat(failure(f).kind()).isEqualTo(Kind.CLOSED);
            assertThat(failure(c.allocate(tcp(edge), MsTurnTransport.TCP)).kind()).isEqualTo(Kind.CLOSED);
        }
    }

    @ParameterizedTest
    @EnumSource(MsTurnTransport.class)
    void aClosedPortIsRefused(MsTurnTransport t) throws Exception {
        int port = Coturn.freePort();
        try (MsTurnClient c = client(PASS, 3)) {
            TurnException e = failure(c.allocate(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), t));
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(Kind.CONNECT_REFUSED);
        }
    }

    /**
     * Real coturn 4.6.1 silently drops a cookie-less MS-TURN Allocate over UDP (observed: no answer at all), but
     * answers an RFC 5389 Binding: the client classifies it as the RFC dialect, and without that probe it is an
     * honest timeout.
     */
    @Test
    void coturnOverUdpIsClassifiedAsTheRfcDialect() throws Exception {
        try (Coturn turn = Coturn.builder().start()) {
            InetSocketAddress server = new InetSocketAddress(InetAddress.getByName(turn.host()), turn.port());
            try (MsTurnClient c = MsTurnClient.create(MsTurnOptions.builder()
                    .credentials(turn.username(), turn.password())
                    .timers(StunTimers.RFC8489.within(Duration.ofSeconds(2))).build())) {
                TurnException e = failure(c.allocate(server, MsTurnTransport.UDP));
                assertThat(e.kind()).as(e.getMessage()).isEqualTo(Kind.DIALECT_MISMATCH);
                assertThat(e.getMessage()).contains("RFC 5389 Binding");
            }
            try (MsTurnClient c = MsTurnClient.create(MsTurnOptions.builder()
                    .credentials(turn.username(), turn.password())
                    .timers(StunTimers.RFC8489.within(Duration.ofSeconds(2))).rfcProbeOnSilence(false).build())) {
                TurnException e = failure(c.allocate(server, MsTurnTransport.UDP));
                assertThat(e.kind()).as(e.getMessage()).isEqualTo(Kind.TIMEOUT);
            }
        }
    }

    /** A one-connection TCP relay on loopback that records what the client sent. */
    static final class Tap implements AutoCloseable {
        private final ServerSocket server;
        private final ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
        private final Thread thread;
        private volatile Socket client;
        private volatile Socket upstream;

        Tap(InetSocketAddress target) throws IOException {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            server.setSoTimeout(10_000);
            thread = new Thread(() -> run(target), "tap");
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
        }

        private void run(InetSocketAddress target) {
            try (Socket c = server.accept(); Socket u = new Socket()) {
                client = c;
                upstream = u;
                u.connect(target, 5000);
                c.setSoTimeout(10_000);
                u.setSoTimeout(10_000);
                Thread back = new Thread(() -> pump(u, c, null), "tap-back");
                back.setDaemon(true);
                back.start();
                pump(c, u, fromClient);
                back.join(10_000);
            } catch (IOException | InterruptedException ignored) {
                // the test asserts on what was recorded
            }
        }

        private static void pump(Socket from, Socket to, ByteArrayOutputStream record) {
            byte[] buf = new byte[4096];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (record != null) {
                        synchronized (record) {
                            record.write(buf, 0, n);
                        }
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // a reset ends the pump
            } finally {
                try {
                    to.shutdownOutput();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }

        /** Waits until the client's side is finished (the client closes after its typed failure). */
        byte[] awaitClientBytes() throws InterruptedException {
            thread.join(15_000);
            synchronized (fromClient) {
                return fromClient.toByteArray();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            Socket c = client;
            Socket u = upstream;
            if (c != null) {
                c.close();
            }
            if (u != null) {
                u.close();
            }
        }
    }
}
