package io.mediapath.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.Severity;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.ice.probe.ProbeResult;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PseudoTlsProbeTest {

    private static final InspectOptions OPTS = InspectOptions.builder().proxyContext(false).build();

    private static TlsInspection probe(TestPeer peer, Duration timeout) {
        return PseudoTlsProbe.create(OPTS).inspect(peer.address(), timeout).toCompletableFuture().join();
    }

    @Test
    void genuineRelayAnswerIsGenuine() {
        try (TestPeer peer = new TestPeer(TestPeer.Mode.GENUINE_PSEUDO_TLS)) {
            TlsInspection i = probe(peer, Duration.ofSeconds(5));
            assertThat(i.verdict()).isEqualTo(Verdict.GENUINE_PSEUDO_TLS);
            assertThat(i.confidence()).isEqualTo(Confidence.HIGH);
            assertThat(i.records()).hasSize(1);
            assertThat(i.records().get(0).contents()).containsExactly("ServerHello", "ServerHelloDone");
            assertThat(i.serverHello().orElseThrow().cipherSuite()).isEqualTo(0x0018);
            assertThat(i.serverHello().orElseThrow().sessionIdLength()).isEqualTo(32);
            assertThat(i.connectTime()).isPresent();
            assertThat(i.firstByteLatency()).isPresent();
            assertThat(i.has("TCP_OPEN_TLS_BLOCKED")).isFalse();
            assertThat(i.has("PSEUDO_TLS_GENUINE")).isTrue();
        }
    }

    @Test
    void certificateInSeparateRecordIsInterceptedAndNamesTheProduct() {
        TestCerts.Issued ca = TestCerts.ca("CN=mitmproxy,O=mitmproxy");
        TestCerts.Issued leaf = TestCerts.leaf("CN=relay.lync.test", ca, ca.key(), Instant.now().minus(Duration.ofDays(2)),
                Duration.ofDays(367));
        try (TestPeer peer = new TestPeer(TestPeer.Mode.SPLIT_WITH_CERTIFICATE, leaf.der())) {
            TlsInspection i = probe(peer, Duration.ofSeconds(5));
            assertThat(i.verdict()).isEqualTo(Verdict.INTERCEPTED);
            assertThat(i.confidence()).isEqualTo(Confidence.HIGH);
            assertThat(i.has("PSEUDO_TLS_CERTIFICATE_PRESENT")).isTrue();
            assertThat(i.has("PSEUDO_TLS_SPLIT_RECORDS")).isTrue();
            assertThat(i.has("INTERCEPTOR_PRODUCT_IDENTIFIED")).isTrue();
            assertThat(i.has("TCP_OPEN_TLS_BLOCKED")).isTrue();
            assertThat(i.has("LEAF_ONLY_CHAIN")).isTrue();
            assertThat(i.chain()).hasSize(1);
            assertThat(i.chain().get(0).issuer()).contains("mitmproxy");
            assertThat(i.records()).hasSize(2);
            assertThat(i.records().get(1).contents()).containsExactly("Certificate", "ServerHelloDone");
            assertThat(i.reads()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(i.findings().get(0).severity()).isEqualTo(Severity.CRITICAL);
            assertThat(i.findings().stream().filter(f -> f.code().equals("TCP_OPEN_TLS_BLOCKED")).findFirst().orElseThrow()
                    .remedy()).contains("127.0.0.1").contains("bypass").contains("SNI");
        }
    }

    @Test
    void serverHelloDoneInAnotherRecordIsIntercepted() {
        try (TestPeer peer = new TestPeer(TestPeer.Mode.SPLIT_NO_CERTIFICATE)) {
            TlsInspection i = probe(peer, Duration.ofSeconds(5));
            assertThat(i.verdict()).isEqualTo(Verdict.INTERCEPTED);
            assertThat(i.has("PSEUDO_TLS_SPLIT_RECORDS")).isTrue();
            assertThat(i.has("PSEUDO_TLS_CERTIFICATE_PRESENT")).isFalse();
        }
    }

    @Test
    void http407IsProxyResponseWithHeadersAndTitle() {
        try (TestPeer peer = new TestPeer(TestPeer.Mode.HTTP_407)) {
            TlsInspection i = probe(peer, Duration.ofSeconds(5));
            assertThat(i.verdict()).isEqualTo(Verdict.HTTP_PROXY_RESPONSE);
            assertThat(i.http().orElseThrow().status()).isEqualTo(407);
            assertThat(i.http().orElseThrow().header("proxy-authenticate")).contains("Basic realm=\"Web Gateway\"");
            assertThat(i.http().orElseThrow().header("X-Squid-Error")).contains("ERR_CACHE_ACCESS_DENIED 0");
            assertThat(i.http().orElseThrow().title()).isEqualTo("Authentication Required");
            assertThat(i.has("HTTP_ANSWER_INSTEAD_OF_TLS")).isTrue();
            assertThat(i.has("TCP_OPEN_TLS_BLOCKED")).isTrue();
        }
    }

    @Test
    void http302PortalIsProxyResponse() {
        try (TestPeer peer = new TestPeer(TestPeer.Mode.HTTP_302)) {
            TlsInspection i = probe(peer, Duration.ofSeconds(5));
            assertThat(i.verdict()).isEqualTo(Verdict.HTTP_PROXY_RESPONSE);
            assertThat(i.http().orElseThrow().header("Location")).hasValueSatisfying(v -> assertThat(v).contains(":15871/cgi-bin/auth"));
        }
    }

    @Test
    void resetIsResetAfterHello() {
        try (TestPeer peer = new TestPeer(TestPeer.Mode.RST)) {
            TlsInspection i = probe(peer, Duration.ofSeconds(5));
            assertThat(i.verdict()).isEqualTo(Verdict.RESET_AFTER_HELLO);
            assertThat(i.has("TCP_OPEN_TLS_BLOCKED")).isTrue();
        }
    }

    @Test
    void finIsClosedAfterHello() {
        try (TestPeer peer = new TestPeer(TestPeer.Mode.FIN)) {
            assertThat(probe(peer, Duration.ofSeconds(5)).verdict()).isEqualTo(Verdict.CLOSED_AFTER_HELLO);
        }
    }

    @Test
    void silenceIsSilentAfterHelloWithinTheDeadline() {
        try (TestPeer peer = new TestPeer(TestPeer.Mode.SILENCE)) {
            TlsInspection i = probe(peer, Duration.ofMillis(700));
            assertThat(i.verdict()).isEqualTo(Verdict.SILENT_AFTER_HELLO);
            assertThat(i.connectTime()).isPresent();
            assertThat(i.reads()).isEmpty();
        }
    }

    @Test
    void alertIsDecoded() {
        try (TestPeer peer = new TestPeer(TestPeer.Mode.ALERT)) {
            TlsInspection i = probe(peer, Duration.ofSeconds(5));
            assertThat(i.verdict()).isEqualTo(Verdict.TLS_ALERT);
            assertThat(i.alert().orElseThrow().description()).isEqualTo(40);
            assertThat(i.alert().orElseThrow().descriptionName()).isEqualTo("handshake_failure");
            assertThat(i.alert().orElseThrow().levelName()).isEqualTo("fatal");
        }
    }

    @Test
    void otherBytesAreNotTls() {
        try (TestPeer peer = new TestPeer(TestPeer.Mode.GARBAGE)) {
            TlsInspection i = probe(peer, Duration.ofSeconds(5));
            assertThat(i.verdict()).isEqualTo(Verdict.NOT_TLS);
            assertThat(i.answerHex()).startsWith("53 53 48");
        }
    }

    @Test
    void refusedConnectIsConnectFailed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        TlsInspection i = PseudoTlsProbe.create(OPTS).inspect(new TransportAddress("127.0.0.1", port),
                Duration.ofSeconds(3)).toCompletableFuture().join();
        assertThat(i.verdict()).isEqualTo(Verdict.CONNECT_FAILED);
        assertThat(i.connectTime()).isEmpty();
        assertThat(i.has("TCP_OPEN_TLS_BLOCKED")).isFalse();
    }

    @Test
    void probeSpiAdapterReportsVerdictAndPassed() {
        try (TestPeer peer = new TestPeer(TestPeer.Mode.GENUINE_PSEUDO_TLS)) {
            ProbeResult r = PseudoTlsProbe.create(OPTS).run(peer.address(), ProbeContext.withTimeout(Duration.ofSeconds(5)))
                    .toCompletableFuture().join();
            assertThat(r.verdict()).isEqualTo("GENUINE_PSEUDO_TLS");
            assertThat(r.passed()).isTrue();
            assertThat(r.probe()).isEqualTo("pseudo-tls");
            assertThat(r.timeline()).extracting(e -> e.kind()).contains("connect.start", "connect.done", "hello.sent",
                    "bytes.received", "end");
        }
    }

    /** The timeline holds the bytes as they crossed the socket: the connect, the 50-byte hello, the 83-byte answer. */
    @Test
    void theTimelineCarriesTheHelloAndTheAnswerWithTheirEndpoints() {
        try (TestPeer peer = new TestPeer(TestPeer.Mode.GENUINE_PSEUDO_TLS)) {
            ProbeResult r = PseudoTlsProbe.create(OPTS).run(peer.address(), ProbeContext.withTimeout(Duration.ofSeconds(5)))
                    .toCompletableFuture().join();
            java.util.List<io.mediapath.ice.probe.WirePayload> wire = r.timeline().stream()
                    .flatMap(e -> e.payload().stream()).toList();
            assertThat(wire.get(0).length()).as("connect marker").isZero();
            assertThat(wire.get(1).direction()).isEqualTo(io.mediapath.ice.probe.WirePayload.Direction.SENT);
            assertThat(wire.get(1).bytes()).isEqualTo(io.mediapath.ice.wire.PseudoTls.hello());
            assertThat(wire.stream().filter(w -> w.direction() == io.mediapath.ice.probe.WirePayload.Direction.RECEIVED)
                    .mapToInt(io.mediapath.ice.probe.WirePayload::length).sum()).isEqualTo(83);
            assertThat(wire).allSatisfy(w -> {
                assertThat(w.remote().getPort()).isEqualTo(peer.address().port());
                assertThat(w.local().getAddress().isLoopbackAddress()).isTrue();
            });
        }
    }

    @Test
    void connectThroughProxyThat407sIsProxyResponse() {
        try (TestPeer proxy = new TestPeer(TestPeer.Mode.HTTP_407)) {
            TlsInspection i = PseudoTlsProbe.create(OPTS.toBuilder().httpProxy(proxy.address()).build())
                    .inspect(new TransportAddress("relay.lync.test", 443), Duration.ofSeconds(5)).toCompletableFuture().join();
            assertThat(i.verdict()).isEqualTo(Verdict.HTTP_PROXY_RESPONSE);
            assertThat(i.has("PROXY_AUTH_REQUIRED")).isTrue();
            assertThat(i.http().orElseThrow().status()).isEqualTo(407);
        }
    }
}
