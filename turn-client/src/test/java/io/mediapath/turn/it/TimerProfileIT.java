package io.mediapath.turn.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.Finding;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.lab.proxy.InterceptingProxy;
import io.mediapath.turn.ProbeStep;
import io.mediapath.turn.StunTimers;
import io.mediapath.turn.StunUri;
import io.mediapath.turn.TurnClientOptions;
import io.mediapath.turn.TurnException;
import io.mediapath.turn.TurnProbe;
import io.mediapath.turn.TurnProbeOptions;
import io.mediapath.turn.TurnProbeReport;
import io.mediapath.turn.msturn.MsTurnClient;
import io.mediapath.turn.msturn.MsTurnOptions;
import io.mediapath.turn.msturn.MsTurnTransport;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 items 2, 3 and 5 against peers that misbehave on demand: silent TCP listeners and a silent UDP socket
 * this test opens on loopback (they accept or receive and never answer; the kernel completes the TCP handshake), and
 * the lab's {@link InterceptingProxy} in its 407 mode (a scripted middlebox: no real proxy answers 407 to the first
 * bytes of a STUN Allocate). One timer profile ({@link StunTimers#FAST}) must govern every wait of both dialects; a
 * stall after TCP connected is the tls step's; a local address of the wrong family is a local error.
 *
 * <p>The upper bounds on elapsed time are behaviour checks (which timer fired), far above the profile's 2.75 s and
 * far below what each path took before (10–20 s); the messages name the wait that fired.
 */
class TimerProfileIT {
    static final Duration BOUND = Duration.ofSeconds(8);

    static TurnProbeReport probe(String uri, TurnClientOptions options, Duration deadline) throws Exception {
        return TurnProbe.create(TurnProbeOptions.builder().client(options).build(), StunUri.parse(uri).transport())
                .probe(StunUri.parse(uri), ProbeContext.withTimeout(deadline)).get(60, TimeUnit.SECONDS);
    }

    static ProbeStep step(TurnProbeReport r, String name) {
        return r.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    static TurnClientOptions fast() {
        return TurnClientOptions.builder().timers(StunTimers.FAST).build();
    }

    static TurnException failure(java.util.concurrent.CompletableFuture<?> f) throws Exception {
        Throwable t = f.handle((v, e) -> e).get(60, TimeUnit.SECONDS);
        while (t != null && !(t instanceof TurnException)) {
            t = t.getCause();
        }
        assertThat(t).as("a TurnException").isInstanceOf(TurnException.class);
        return (TurnException) t;
    }

    @Test
    void rfcTcpToASilentListenerGivesUpAtTheProfilesTransactionTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            long t0 = System.nanoTime();
            TurnProbeReport r = probe("turn:127.0.0.1:" + silent.getLocalPort() + "?transport=tcp", fast(),
                    Duration.ofSeconds(20));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            ProbeStep first = step(r, "first-response");
            assertThat(first.status()).isEqualTo(ProbeStep.Status.FAILED);
            assertThat(first.detail()).contains("2750 ms");
            assertThat(r.verdict()).isEqualTo("TURN_TIMEOUT");
            assertThat(took).isLessThan(BOUND);
        }
    }

    @Test
    void turnsToASilentListenerFailsInTheTlsStepAfterTheProfilesHandshakeWait() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            long t0 = System.nanoTime();
            TurnProbeReport r = probe("turns:127.0.0.1:" + silent.getLocalPort(), fast(), Duration.ofSeconds(20));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            ProbeStep connect = step(r, "connect");
            ProbeStep tls = step(r, "tls");
            assertThat(connect.status()).isEqualTo(ProbeStep.Status.PASSED);
            assertThat(tls.status()).isEqualTo(ProbeStep.Status.FAILED);
            assertThat(tls.detail()).contains("2750");
            // The stall's time is the tls step's; the loopback connect itself is not charged with it.
            assertThat(connect.elapsed()).isLessThan(tls.elapsed());
            Finding f = r.findings().get(0);
            assertThat(f.code()).isEqualTo("TURN_TIMEOUT");
            assertThat(f.summary()).contains("Step tls failed");
            assertThat(f.remedy()).contains("TLS handshake stalled");
            assertThat(took).isLessThan(BOUND);
        }
    }

    @Test
    void aTlsStallCutByTheOverallDeadlineIsStillTheTlsStep() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            // RFC profile: a 10 s handshake wait, so the probe's 3 s deadline ends it (the CLI's --timeout 3).
            TurnProbeReport r = probe("turns:127.0.0.1:" + silent.getLocalPort(), TurnClientOptions.defaults(),
                    Duration.ofSeconds(3));
            assertThat(step(r, "connect").status()).isEqualTo(ProbeStep.Status.PASSED);
            ProbeStep tls = step(r, "tls");
            assertThat(tls.status()).isEqualTo(ProbeStep.Status.FAILED);
            assertThat(tls.detail()).contains("did not finish").contains("after TCP connected");
            assertThat(r.findings().get(0).summary()).contains("Step tls failed: TIMEOUT");
        }
    }

    @Test
    void msTurnOverTcpToASilentListenerWaitsThePseudoTlsAnswerOnlyAsLongAsTheProfileSays() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                MsTurnClient c = MsTurnClient.create(MsTurnOptions.builder().timers(StunTimers.FAST).build())) {
            long t0 = System.nanoTime();
            TurnException e = failure(c.allocate(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    silent.getLocalPort()), MsTurnTransport.TCP));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(e.kind()).isEqualTo(TurnException.Kind.TIMEOUT);
            assertThat(e.getMessage()).contains("pseudo-TLS answer").contains("PT2.75S");
            assertThat(took).isLessThan(BOUND);
        }
    }

    @Test
    void msTurnOverUdpToASilentPortUsesTheProfilesUdpTransactionTwice() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                MsTurnClient c = MsTurnClient.create(MsTurnOptions.builder().timers(StunTimers.FAST).build())) {
            long t0 = System.nanoTime();
            TurnException e = failure(c.allocate(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    silent.getLocalPort()), MsTurnTransport.UDP));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(e.kind()).isEqualTo(TurnException.Kind.TIMEOUT);
            assertThat(e.getMessage()).contains("PT2.75S").contains("nor to an RFC 5389 Binding");
            assertThat(took).isLessThan(BOUND); // the Allocate's 2.75 s, then the RFC Binding's 2.75 s
        }
    }

    @Test
    void aLocalAddressOfTheOtherFamilyIsALocalErrorNotAClosedConnection() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            TurnProbeReport r = probe("turn:127.0.0.1:" + listener.getLocalPort() + "?transport=tcp",
                    TurnClientOptions.builder().timers(StunTimers.FAST).localAddress(v6).build(),
                    Duration.ofSeconds(10));
            ProbeStep connect = step(r, "connect");
            assertThat(connect.status()).isEqualTo(ProbeStep.Status.FAILED);
            assertThat(connect.detail()).contains("IPv6").contains("IPv4").contains("nothing was sent");
            assertThat(r.verdict()).isEqualTo("TURN_LOCAL_ADDRESS_UNUSABLE");
            try (MsTurnClient c = MsTurnClient.create(
                    MsTurnOptions.builder().timers(StunTimers.FAST).localAddress(v6).build())) {
                TurnException e = failure(c.allocate(new InetSocketAddress("127.0.0.1", listener.getLocalPort()),
                        MsTurnTransport.TCP));
                assertThat(e.kind()).isEqualTo(TurnException.Kind.LOCAL_ADDRESS);
            }
        }
    }

    @Test
    void rfcTurnOverTcpNamesAProxysHttp407() throws Exception {
        try (InterceptingProxy proxy = InterceptingProxy.start(InterceptingProxy.Mode.HTTP_407)) {
            TurnProbeReport r = probe("turn:" + proxy.address().host() + ":" + proxy.address().port()
                    + "?transport=tcp", fast(), Duration.ofSeconds(10));
            ProbeStep first = step(r, "first-response");
            assertThat(first.status()).isEqualTo(ProbeStep.Status.FAILED);
            assertThat(first.detail()).contains("HTTP/1.1 407 Proxy Authentication Required")
                    .doesNotContain("0x4854");
            Finding f = r.findings().get(0);
            assertThat(f.code()).isEqualTo("TURN_NOT_STUN");
            assertThat(f.summary()).contains("407 Proxy Authentication Required");
        }
    }
}
