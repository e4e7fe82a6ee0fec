package io.mediapath.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsProbeTest {

    private static final InspectOptions OPTS = InspectOptions.builder().proxyContext(false).sni("relay.lync.test").build();

    private static TlsInspection probe(InspectOptions o, io.mediapath.ice.TransportAddress t) {
        return TlsProbe.create(o).inspect(t, Duration.ofSeconds(8)).toCompletableFuture().join();
    }

    @Test
    void trustedChainIsGenuineAndUntrustedIsIntercepted() {
        TestCerts.Issued ca = TestCerts.ca("CN=Lab Public Root CA,O=Lab PKI");
        TestCerts.Issued leaf = TestCerts.leaf("CN=relay.lync.test,O=Genuine Relay Inc", ca, TestCerts.rsa(65537),
                Instant.now().minus(Duration.ofDays(10)), Duration.ofDays(30));
        try (JdkTlsServer server = new JdkTlsServer(leaf, ca.cert())) {
            TlsInspection genuine = probe(OPTS.toBuilder().trust(List.of(ca.cert())).build(), server.address());
            assertThat(genuine.verdict()).isEqualTo(Verdict.GENUINE_TLS);
            assertThat(genuine.confidence()).isEqualTo(Confidence.HIGH);
            assertThat(genuine.chain()).hasSize(2);
            assertThat(genuine.chain().get(0).subject()).contains("relay.lync.test");
            assertThat(genuine.chain().get(0).pem()).startsWith("-----BEGIN CERTIFICATE-----");
            assertThat(genuine.serverHello()).isPresent();
            assertThat(genuine.serverHello().orElseThrow().selectedVersion()).isIn(0x0303, 0x0304);
            assertThat(genuine.records()).isNotEmpty();
            assertThat(genuine.has("TCP_OPEN_TLS_BLOCKED")).isFalse();

            TlsInspection untrusted = probe(OPTS, server.address());
            assertThat(untrusted.verdict()).isEqualTo(Verdict.INTERCEPTED);
            assertThat(untrusted.has("TLS_CHAIN_UNTRUSTED")).isTrue();
            assertThat(untrusted.has("TCP_OPEN_TLS_BLOCKED")).isTrue();

            String pin = "sha256/" + genuine.chain().get(0).spkiSha256();
            assertThat(probe(OPTS.toBuilder().pin(pin).build(), server.address()).verdict()).isEqualTo(Verdict.GENUINE_TLS);
            String otherPin = "sha256/" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
            TlsInspection mismatch = probe(OPTS.toBuilder().pin(otherPin).trust(List.of(ca.cert())).build(), server.address());
            assertThat(mismatch.verdict()).isEqualTo(Verdict.INTERCEPTED);
            assertThat(mismatch.has("TLS_PIN_MISMATCH")).isTrue();
        }
    }

    @Test
    void forgedLeafWithCaKeyAndDuplicatedRootIsInterceptedWithArtefacts() {
        TestCerts.Issued ca = TestCerts.ca("CN=Lab Interception Root CA,O=tls-inspect lab proxy,OU=SSL Inspection");
        TestCerts.Issued leaf = TestCerts.leaf("CN=relay.lync.test", ca, ca.key(), Instant.now().minus(Duration.ofHours(24)),
                Duration.ofDays(365));
        try (JdkTlsServer server = new JdkTlsServer(leaf, ca.cert(), ca.cert())) {
            IssuerSignatures mine = IssuerSignatures.parse("{\"signatures\": [{\"product\": \"Lab proxy\", \"attribute\": \"O\","
                    + " \"pattern\": \"tls-inspect lab proxy\", \"confidence\": \"high\", \"category\": \"test\"}]}");
            TlsInspection i = probe(OPTS.toBuilder().signatures(IssuerSignatures.builtIn().plus(mine)).build(), server.address());
            assertThat(i.verdict()).isEqualTo(Verdict.INTERCEPTED);
            assertThat(i.confidence()).isEqualTo(Confidence.HIGH);
            assertThat(i.has("FORGED_LEAF_KEY_EQUALS_ISSUER")).isTrue();
            assertThat(i.has("DUPLICATE_CERTIFICATE_IN_CHAIN")).isTrue();
            assertThat(i.has("LEAF_MINTED_ON_DEMAND")).isTrue();
            assertThat(i.has("INTERCEPTOR_PRODUCT_IDENTIFIED")).isTrue();
            // even when the caller trusts the forging CA, the forged-key tell keeps it intercepted
            TlsInspection trusted = probe(OPTS.toBuilder().trust(List.of(ca.cert())).build(), server.address());
            assertThat(trusted.verdict()).isEqualTo(Verdict.INTERCEPTED);
        }
    }

    @Test
    void rsaExponent3LeafIsFlagged() {
        TestCerts.Issued ca = TestCerts.ca("CN=Some CA");
        TestCerts.Issued leaf = TestCerts.leaf("CN=relay.lync.test", ca, TestCerts.rsa(3), Instant.now().minus(Duration.ofDays(100)),
                Duration.ofDays(400));
        try (JdkTlsServer server = new JdkTlsServer(leaf, ca.cert())) {
            TlsInspection i = probe(OPTS.toBuilder().trust(List.of(ca.cert())).build(), server.address());
            assertThat(i.chain().get(0).rsaExponent()).isEqualTo(3);
            assertThat(i.has("FORGED_LEAF_RSA_EXPONENT_3")).isTrue();
            assertThat(i.verdict()).isEqualTo(Verdict.INTERCEPTED);
        }
    }

    @Test
    void nonTlsAnswersAreClassifiedNotThrown() {
        record Case(TestPeer.Mode mode, Verdict verdict) { }
        for (Case c : List.of(new Case(TestPeer.Mode.HTTP_407, Verdict.HTTP_PROXY_RESPONSE),
                new Case(TestPeer.Mode.RST, Verdict.RESET_AFTER_HELLO), new Case(TestPeer.Mode.FIN, Verdict.CLOSED_AFTER_HELLO),
                new Case(TestPeer.Mode.ALERT, Verdict.TLS_ALERT), new Case(TestPeer.Mode.GARBAGE, Verdict.NOT_TLS))) {
            try (TestPeer peer = new TestPeer(c.mode())) {
                TlsInspection i = probe(OPTS, peer.address());
                assertThat(i.verdict()).as(c.mode().name()).isEqualTo(c.verdict());
                assertThat(i.has("TCP_OPEN_TLS_BLOCKED")).as(c.mode().name()).isTrue();
            }
        }
        try (TestPeer peer = new TestPeer(TestPeer.Mode.SILENCE)) {
            TlsInspection i = TlsProbe.create(OPTS).inspect(peer.address(), Duration.ofMillis(600)).toCompletableFuture().join();
            assertThat(i.verdict()).isEqualTo(Verdict.SILENT_AFTER_HELLO);
        }
    }

    @Test
    void genuinePseudoTlsRelayDoesNotCompleteRealTls() {
        try (TestPeer peer = new TestPeer(TestPeer.Mode.GENUINE_PSEUDO_TLS)) {
            TlsInspection i = probe(OPTS, peer.address());
            assertThat(i.verdict()).isEqualTo(Verdict.NOT_TLS);
            assertThat(i.has("TLS_HANDSHAKE_FAILED")).isTrue();
            assertThat(i.serverHello().orElseThrow().cipherSuite()).isEqualTo(0x0018);
        }
    }

    @Test
    void sharedLeafKeyAcrossNamesIsFound() {
        TestCerts.Issued ca = TestCerts.ca("CN=Forger");
        java.security.KeyPair one = TestCerts.rsa(65537);
        TestCerts.Issued a = TestCerts.leaf("CN=a.relay.test", ca, one, Instant.now().minus(Duration.ofDays(1)), Duration.ofDays(365));
        TestCerts.Issued b = TestCerts.leaf("CN=b.relay.test", ca, one, Instant.now().minus(Duration.ofDays(1)), Duration.ofDays(365));
        try (JdkTlsServer sa = new JdkTlsServer(a, ca.cert()); JdkTlsServer sb = new JdkTlsServer(b, ca.cert())) {
            List<TlsInspection> both = List.of(probe(OPTS, sa.address()), probe(OPTS, sb.address()));
            assertThat(CrossChecks.sharedLeafKeys(both)).extracting(f -> f.code()).containsExactly("LEAF_KEY_SHARED_ACROSS_HOSTS");
            assertThat(CrossChecks.sharedLeafKeys(both.subList(0, 1))).isEmpty();
        }
    }
}
