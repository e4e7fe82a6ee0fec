package io.mediapath.turn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.lab.coturn.Coturn;
import io.mediapath.ice.probe.Deadline;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.turn.AllocateOptions;
import io.mediapath.turn.ProbeStep;
import io.mediapath.turn.StunUri;
import io.mediapath.turn.TurnProbe;
import io.mediapath.turn.TurnProbeOptions;
import io.mediapath.turn.TurnProbeReport;
import java.time.Duration;
import io.mediapath.turn.StunConnection;
import io.mediapath.turn.StunTransport;
import io.mediapath.turn.TcpRelayConnection;
import io.mediapath.turn.TurnAllocation;
import io.mediapath.turn.TurnClient;
import io.mediapath.turn.TurnCredentials;
import io.mediapath.turn.TurnException;
import io.mediapath.turn.stun.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RFC 6062 TCP allocations against a real coturn: Connect/ConnectionBind, ConnectionAttempt, 447. */
class Rfc6062IT {
    static Coturn turn;
    static TcpEcho echo;

    @BeforeAll
    static void start() throws IOException {
        turn = Coturn.builder().start();
        echo = new TcpEcho();
    }

    @AfterAll
    static void stop() throws IOException {
        if (echo != null) {
            echo.close();
        }
        if (turn != null) {
            turn.close();
        }
    }

    /** A bounded TCP echo server on 127.0.0.1 (turnutils_peer is UDP only); records who connected. */
    static final class TcpEcho implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        final List<InetSocketAddress> clients = new CopyOnWriteArrayList<>();
        final List<Socket> open = new CopyOnWriteArrayList<>();
        final Thread acceptor;

        TcpEcho() throws IOException {
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        s.setSoTimeout(30_000);
                        open.add(s);
                        clients.add((InetSocketAddress) s.getRemoteSocketAddress());
                        Thread t = new Thread(() -> pump(s), "tcp-echo " + s.getRemoteSocketAddress());
                        t.setDaemon(true);
                        t.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "tcp-echo accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        static void pump(Socket s) {
            byte[] buf = new byte[4096];
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // peer closed
            }
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }

    static TurnCredentials creds() {
        return new TurnCredentials(turn.username(), turn.password());
    }

    static String readUntil(BlockingQueue<byte[]> in, int length) throws InterruptedException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (got.size() < length && System.nanoTime() < end) {
            byte[] b = in.poll(200, TimeUnit.MILLISECONDS);
            if (b != null) {
                got.writeBytes(b);
            }
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(value = StunTransport.class, names = {"TCP", "TLS"})
    void connectRelaysRawBytesToATcpPeerAndBack(StunTransport t) throws Exception {
        List<TimelineEvent> events = TurnTestSupport.events();
        try (TurnClient client = TurnClient.create(TurnTestSupport.options(turn, events).build())) {
            StunConnection conn = TurnTestSupport.connect(client, turn, t);
            TurnAllocation a = conn.allocate(creds(), AllocateOptions.tcp()).get(10, TimeUnit.SECONDS);
            assertThat(a.isTcp()).isTrue();
            int before = echo.clients.size();
            try (TcpRelayConnection c = a.connect(echo.address()).get(10, TimeUnit.SECONDS)) {
                assertThat(c.incoming()).isFalse();
                assertThat(c.peer()).isEqualTo(echo.address());
                assertThat(c.localAddress()).isNotEqualTo(conn.localAddress());
                BlockingQueue<byte[]> in = new LinkedBlockingQueue<>();
                c.onData(in::add);
                // Bytes that look like STUN and ChannelData must pass untouched: there is no framing any more.
                String text = "\u0000\u0001 not-stun \u0040\u0000 " + t + " relayed over RFC 6062";
                c.write(text.getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
                assertThat(readUntil(in, text.getBytes(StandardCharsets.UTF_8).length)).isEqualTo(text);
                // the peer saw a connection from the relayed address
                assertThat(echo.clients.subList(before, echo.clients.size()))
                        .anyMatch(x -> x.getAddress().equals(a.relayedAddress().getAddress()));
            }
            assertThat(events).anyMatch(e -> e.kind().equals("turn.tcp-bound"));
            a.close();
        }
    }

    @Test
    void aPeerConnectingToTheRelayedAddressIsAcceptedByConnectionBind() throws Exception {
        List<TimelineEvent> events = TurnTestSupport.events();
        try (TurnClient client = TurnClient.create(TurnTestSupport.options(turn, events).build())) {
            StunConnection conn = TurnTestSupport.connect(client, turn, StunTransport.TCP);
            TurnAllocation a = conn.allocate(creds(), AllocateOptions.tcp()).get(10, TimeUnit.SECONDS);
            BlockingQueue<TcpRelayConnection> accepted = new LinkedBlockingQueue<>();
            a.onConnectionAttempt(accepted::add);
            a.createPermission(InetAddress.getLoopbackAddress()).get(5, TimeUnit.SECONDS);
            try (Socket peer = new Socket()) {
                peer.setSoTimeout(10_000);
                peer.connect(a.relayedAddress(), 5_000);
                peer.getOutputStream().write("hello from the peer".getBytes(StandardCharsets.UTF_8));
                TcpRelayConnection c = accepted.poll(10, TimeUnit.SECONDS);
                assertThat(c).as("ConnectionAttempt accepted; events " + events).isNotNull();
                assertThat(c.incoming()).isTrue();
                assertThat(c.peer()).isEqualTo(peer.getLocalSocketAddress());
                BlockingQueue<byte[]> in = new LinkedBlockingQueue<>();
                c.onData(in::add); // bytes sent before the bind completed were kept, not lost
                assertThat(readUntil(in, 19)).isEqualTo("hello from the peer");
                c.write("hello from the client".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
                byte[] back = peer.getInputStream().readNBytes(21);
                assertThat(new String(back, StandardCharsets.UTF_8)).isEqualTo("hello from the client");
                c.close();
            }
            assertThat(events).anyMatch(e -> e.kind().equals("turn.tcp-attempt"));
            a.close();
        }
    }

    @Test
    void aSecondConnectToTheSamePeerIs446() throws Exception {
        try (TurnClient client = TurnClient.create(TurnTestSupport.options(turn, TurnTestSupport.events()).build())) {
            StunConnection conn = TurnTestSupport.connect(client, turn, StunTransport.TCP);
            TurnAllocation a = conn.allocate(creds(), AllocateOptions.tcp()).get(10, TimeUnit.SECONDS);
            try (TcpRelayConnection first = a.connect(echo.address()).get(10, TimeUnit.SECONDS)) {
                assertThat(first.isOpen()).isTrue();
                assertThatThrownBy(() -> a.connect(echo.address()).get(15, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).cause()
                        .isInstanceOfSatisfying(TurnException.class, e -> assertThat(e.errorCode())
                                .hasValueSatisfying(c -> assertThat(c.code())
                                        .isEqualTo(ErrorCode.CONNECTION_ALREADY_EXISTS)));
            }
            a.close();
        }
    }

    @Test
    void connectToAClosedPortIs447() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (TurnClient client = TurnClient.create(TurnTestSupport.options(turn, TurnTestSupport.events()).build())) {
            StunConnection conn = TurnTestSupport.connect(client, turn, StunTransport.TCP);
            TurnAllocation a = conn.allocate(creds(), AllocateOptions.tcp()).get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> a.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), closed))
                    .get(15, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(TurnException.class, e -> {
                        assertThat(e.kind()).isEqualTo(TurnException.Kind.ERROR_RESPONSE);
                        assertThat(e.errorCode()).hasValueSatisfying(c ->
                                assertThat(c.code()).isEqualTo(ErrorCode.CONNECTION_TIMEOUT_OR_FAILURE));
                    });
            a.close();
        }
    }

    static TurnProbeReport probe(StunTransport t, InetSocketAddress tcpPeer) throws Exception {
        TurnProbe p = TurnProbe.create(TurnProbeOptions.builder().client(TurnTestSupport.options(turn, TurnTestSupport.events())
                .build()).credentials(creds()).tcpPeer(tcpPeer).build(), t);
        int port = t == StunTransport.TLS ? turn.tlsPort() : turn.port();
        StunUri uri = t == StunTransport.TLS ? StunUri.parse("turns:127.0.0.1:" + port)
                : StunUri.parse("turn:127.0.0.1:" + port + "?transport=" + t.name().toLowerCase(java.util.Locale.ROOT));
        return p.probe(uri, new ProbeContext(Deadline.after(Duration.ofSeconds(20)), e -> { }))
                .get(30, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(value = StunTransport.class, names = {"TCP", "TLS"})
    void theProbeEchoesThroughATcpRelay(StunTransport t) throws Exception {
        TurnProbeReport r = probe(t, echo.address());
        assertThat(r.passed()).as(r.steps().toString()).isTrue();
        assertThat(r.steps()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("tcp-relay-echo");
            assertThat(s.status()).isEqualTo(ProbeStep.Status.PASSED);
        });
        assertThat(r.findings()).anyMatch(f -> f.code().equals("TURN_TCP_RELAY_OK"));
    }

    @Test
    void theProbeReportsA447AsTcpRelayFailedAndSkipsTheStepOverUdp() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        TurnProbeReport r = probe(StunTransport.TCP, new InetSocketAddress(InetAddress.getLoopbackAddress(), closed));
        assertThat(r.passed()).isFalse();
        assertThat(r.failedStep()).hasValueSatisfying(s -> {
            assertThat(s.name()).isEqualTo("tcp-relay-echo");
            assertThat(s.stunErrorCode()).hasValue(447);
        });
        assertThat(r.verdict()).isEqualTo("TURN_TCP_RELAY_FAILED");

        TurnProbeReport udp = probe(StunTransport.UDP, echo.address());
        assertThat(udp.passed()).isTrue();
        assertThat(udp.steps()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("tcp-relay-echo");
            assertThat(s.status()).isEqualTo(ProbeStep.Status.SKIPPED);
        });
    }

    @Test
    void aTcpRelayIsRefusedOverUdpAndConnectNeedsATcpAllocation() throws Exception {
        try (TurnClient client = TurnClient.create(TurnTestSupport.options(turn, TurnTestSupport.events()).build())) {
            StunConnection udp = TurnTestSupport.connect(client, turn, StunTransport.UDP);
            assertThatThrownBy(() -> udp.allocate(creds(), AllocateOptions.tcp()).get(10, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(TurnException.class, e ->
                            assertThat(e.errorCode()).hasValueSatisfying(c -> assertThat(c.code()).isEqualTo(400)));
            StunConnection tcp = TurnTestSupport.connect(client, turn, StunTransport.TCP);
            TurnAllocation a = tcp.allocate(creds(), AllocateOptions.defaults()).get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> a.connect(echo.address()).get(5, TimeUnit.SECONDS))
                    .cause().isInstanceOf(IllegalStateException.class);
            a.close();
        }
    }
}
