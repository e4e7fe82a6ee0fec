package io.mediapath.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.Finding;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.wire.PseudoTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Answers that once fooled the verdicts (found in review): a middlebox replaying a server's public chain without its
 * key, a trusted certificate for another name, the genuine pseudo-TLS answer split by a pause, a peer that streams
 * bytes forever. The peers are scripted sockets on 127.0.0.1 (or the JDK's own TLS server); real-peer behaviour is
 * covered by RealPeersIT and LabPeersIT.
 */
class VerdictHardeningTest {

    /** A one-connection peer on 127.0.0.1: reads the hello, then runs {@code script} on the output. */
    static final class ScriptedPeer implements AutoCloseable {
        interface Script {
            void run(OutputStream out) throws Exception;
        }

        final ServerSocket server;

        ScriptedPeer(Script script) throws IOException {
            server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
            Thread t = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.setTcpNoDelay(true);
                    s.setSoTimeout(10_000);
                    InputStream in = s.getInputStream();
                    in.read(new byte[4096]);
                    script.run(s.getOutputStream());
                    in.read(new byte[4096]); // hold the connection until the probe closes it
                } catch (Exception ignored) {
                    // the probe closed the connection
                }
            }, "scripted-tls-peer");
            t.setDaemon(true);
            t.start();
        }

        TransportAddress address() {
            return new TransportAddress("127.0.0.1", server.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    static InspectOptions.Builder options() {
        return InspectOptions.builder().proxyContext(false);
    }

    static List<String> codes(TlsInspection i) {
        return i.findings().stream().map(Finding::code).toList();
    }

    static byte[] genuineAnswer() {
        byte[] random = new byte[32];
        byte[] session = new byte[32];
        new SecureRandom().nextBytes(random);
        new SecureRandom().nextBytes(session);
        return PseudoTls.answer(random, session);
    }

    @Test
    void theGenuinePseudoTlsAnswerSplitByAPauseLongerThanTheQuietPeriodIsStillGenuine() throws Exception {
        byte[] a = genuineAnswer();
        try (ScriptedPeer p = new ScriptedPeer(out -> {
            out.write(a, 0, 40);
            out.flush();
            Thread.sleep(3 * InspectOptions.builder().build().quietPeriod().toMillis() / 2);
            out.write(a, 40, a.length - 40);
            out.flush();
        })) {
            TlsInspection i = PseudoTlsProbe.create(options().build()).inspect(p.address(), Duration.ofSeconds(5))
                    .toCompletableFuture().join();
            assertThat(i.verdict()).as(codes(i).toString()).isEqualTo(Verdict.GENUINE_PSEUDO_TLS);
            assertThat(i.reads()).hasSize(2);
        }
    }

    @Test
    void aGenuinePrefixThatStopsIsIncompleteNotIntercepted() throws Exception {
        byte[] a = genuineAnswer();
        try (ScriptedPeer p = new ScriptedPeer(out -> {
            out.write(a, 0, 40);
            out.flush();
        })) {
            TlsInspection i = PseudoTlsProbe.create(options().build()).inspect(p.address(), Duration.ofSeconds(2))
                    .toCompletableFuture().join();
            assertThat(i.verdict()).isEqualTo(Verdict.SILENT_AFTER_HELLO);
            assertThat(codes(i)).contains("PSEUDO_TLS_INCOMPLETE").doesNotContain("PSEUDO_TLS_TEMPLATE_MISMATCH");
        }
    }

    @Test
    void aPeerStreamingBytesEndsTheProbeWithBoundedEvidence() throws Exception {
        try (ScriptedPeer p = new ScriptedPeer(out -> {
            byte[] x = new byte[64];
            Arrays.fill(x, (byte) 'X');
            long end = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < end) {
                out.write(x);
                out.flush();
            }
        })) {
            TlsInspection i = PseudoTlsProbe.create(options().build()).inspect(p.address(), Duration.ofSeconds(4))
                    .toCompletableFuture().join();
            assertThat(i.verdict()).isEqualTo(Verdict.NOT_TLS);
            assertThat(i.reads().size()).isLessThanOrEqualTo(Observation.MAX_READS);
            assertThat(i.timeline().size()).isLessThan(Observation.MAX_READS + 50);
            assertThat(i.timeline()).anySatisfy(e -> assertThat(e.detail()).startsWith("complete"));
        }
    }

    static byte[] record(int type, byte[] body) {
        byte[] r = new byte[5 + body.length];
        r[0] = (byte) type;
        r[1] = 3;
        r[2] = 3;
        r[3] = (byte) (body.length >> 8);
        r[4] = (byte) body.length;
        System.arraycopy(body, 0, r, 5, body.length);
        return r;
    }

    static byte[] handshake(int type, byte[] body) {
        byte[] m = new byte[4 + body.length];
        m[0] = (byte) type;
        m[1] = (byte) (body.length >> 16);
        m[2] = (byte) (body.length >> 8);
        m[3] = (byte) body.length;
        System.arraycopy(body, 0, m, 4, body.length);
        return m;
    }

    /** What a device holding only the server's public chain can send: ServerHello, Certificate, ServerHelloDone. */
    static byte[] replayedFlight(byte[]... chain) throws IOException {
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        hello.write(new byte[] {3, 3});
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        hello.write(random);
        hello.write(0); // no session id
        hello.write(new byte[] {(byte) 0xc0, 0x2f, 0}); // ECDHE_RSA_WITH_AES_128_GCM_SHA256, no compression
        hello.write(new byte[] {0, 5, (byte) 0xff, 0x01, 0, 1, 0}); // renegotiation_info
        ByteArrayOutputStream certs = new ByteArrayOutputStream();
        for (byte[] d : chain) {
            certs.write(new byte[] {(byte) (d.length >> 16), (byte) (d.length >> 8), (byte) d.length});
            certs.write(d);
        }
        byte[] list = certs.toByteArray();
        ByteArrayOutputStream certificate = new ByteArrayOutputStream();
        certificate.write(new byte[] {(byte) (list.length >> 16), (byte) (list.length >> 8), (byte) list.length});
        certificate.write(list);
        ByteArrayOutputStream flight = new ByteArrayOutputStream();
        flight.write(record(22, handshake(2, hello.toByteArray())));
        flight.write(record(22, handshake(11, certificate.toByteArray())));
        flight.write(record(22, handshake(14, new byte[0])));
        return flight.toByteArray();
    }

    @Test
    void aReplayedPublicChainWithoutTheKeyIsNeverGenuine() throws Exception {
        TestCerts.Issued ca = TestCerts.ca("CN=Lab Public Root CA,O=Lab PKI");
        TestCerts.Issued leaf = TestCerts.leaf("CN=relay.lync.test,O=Genuine Relay Inc", ca, TestCerts.rsa(65537),
                Instant.now().minus(Duration.ofDays(10)), Duration.ofDays(30));
        byte[] flight = replayedFlight(leaf.der(), ca.der());
        for (boolean pinned : new boolean[] {false, true}) {
            try (ScriptedPeer p = new ScriptedPeer(out -> {
                out.write(flight);
                out.flush();
            })) {
                InspectOptions.Builder b = options().sni("relay.lync.test").useJdkTrustStore(false);
                if (pinned) {
                    b.pin("sha256/" + CertificateInfo.fromDer(leaf.der()).spkiSha256());
                } else {
                    b.trust(List.of(ca.cert()));
                }
                TlsInspection i = TlsProbe.create(b.build()).inspect(p.address(), Duration.ofSeconds(5))
                        .toCompletableFuture().join();
                assertThat(i.verdict()).as(pinned ? "pinned" : "trust anchor").isNotEqualTo(Verdict.GENUINE_TLS);
                assertThat(i.verdict().genuine()).isFalse();
                assertThat(codes(i)).contains("TLS_IDENTITY_NOT_PROVEN");
            }
        }
    }

    @Test
    void aTrustedCertificateForAnotherNameIsAnotherServer() throws Exception {
        TestCerts.Issued ca = TestCerts.ca("CN=Lab Public Root CA,O=Lab PKI");
        TestCerts.Issued leaf = TestCerts.leaf("CN=relay.lync.test,O=Someone", ca, TestCerts.rsa(65537),
                Instant.now().minus(Duration.ofDays(10)), Duration.ofDays(30)); // SAN relay.lync.test
        try (JdkTlsServer server = new JdkTlsServer(leaf, ca.cert())) {
            TlsInspection other = TlsProbe.create(options().sni("edge.contoso.test").useJdkTrustStore(false)
                    .trust(List.of(ca.cert())).build()).inspect(server.address(), Duration.ofSeconds(5))
                    .toCompletableFuture().join();
            assertThat(other.verdict()).isEqualTo(Verdict.INTERCEPTED);
            assertThat(codes(other)).contains("TLS_NAME_MISMATCH");
        }
        try (JdkTlsServer server = new JdkTlsServer(leaf, ca.cert())) {
            TlsInspection same = TlsProbe.create(options().sni("relay.lync.test").useJdkTrustStore(false)
                    .trust(List.of(ca.cert())).build()).inspect(server.address(), Duration.ofSeconds(5))
                    .toCompletableFuture().join();
            assertThat(same.verdict()).isEqualTo(Verdict.GENUINE_TLS);
            assertThat(same.confidence()).isEqualTo(Confidence.HIGH);
        }
    }

    @Test
    void anExpiredButOtherwiseGenuineChainIsGenuineWithLowConfidenceAndAWarning() throws Exception {
        TestCerts.Issued ca = TestCerts.ca("CN=Lab Public Root CA,O=Lab PKI");
        TestCerts.Issued leaf = TestCerts.leaf("CN=relay.lync.test,O=Genuine Relay Inc", ca, TestCerts.rsa(65537),
                Instant.now().minus(Duration.ofDays(400)), Duration.ofDays(30));
        try (JdkTlsServer server = new JdkTlsServer(leaf, ca.cert())) {
            TlsInspection i = TlsProbe.create(options().sni("relay.lync.test").useJdkTrustStore(false)
                    .trust(List.of(ca.cert())).build()).inspect(server.address(), Duration.ofSeconds(5))
                    .toCompletableFuture().join();
            assertThat(i.verdict()).isEqualTo(Verdict.GENUINE_TLS);
            assertThat(i.confidence()).isEqualTo(Confidence.LOW);
            assertThat(codes(i)).contains("TLS_CERTIFICATE_OUT_OF_VALIDITY");
        }
    }

    @Test
    void namesMatchTheWayRfc6125Says() throws Exception {
        TestCerts.Issued ca = TestCerts.ca("CN=Lab Public Root CA,O=Lab PKI");
        TestCerts.Issued leaf = TestCerts.leaf("CN=ignored.example,O=X", ca, TestCerts.rsa(65537),
                Instant.now().minus(Duration.ofDays(1)), Duration.ofDays(30));
        assertThat(TrustCheck.nameMatches(leaf.cert(), "relay.lync.test")).isTrue();
        assertThat(TrustCheck.nameMatches(leaf.cert(), "RELAY.LYNC.TEST.")).isTrue();
        assertThat(TrustCheck.nameMatches(leaf.cert(), "ignored.example")).as("CN is not read when SANs exist")
                .isFalse();
        assertThat(TrustCheck.nameMatches(leaf.cert(), "x.relay.lync.test")).isFalse();
        assertThat(TrustCheck.nameMatches(leaf.cert(), "192.0.2.1")).isFalse();
    }
}
