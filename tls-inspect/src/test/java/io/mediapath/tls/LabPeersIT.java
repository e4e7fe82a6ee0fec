package io.mediapath.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.TransportAddress;
import io.mediapath.lab.edge.EmulatedEdge;
import io.mediapath.lab.peers.Mitmproxy;
import io.mediapath.lab.peers.Nginx;
import io.mediapath.lab.peers.OpensslServer;
import io.mediapath.lab.peers.SquidSslBump;
import io.mediapath.lab.pki.IssuedCertificate;
import io.mediapath.lab.pki.LabCa;
import io.mediapath.lab.proxy.InterceptingProxy;
import io.mediapath.lab.proxy.InterceptingProxy.Mode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The verdicts against the {@code lab} module's emulators and launchers, all on 127.0.0.1 and ephemeral ports: the
 * emulated Lync Edge (genuine pseudo-TLS), the in-process intercepting proxy in each of its modes (what web-security
 * gateways answer to the hello), nginx started by PID as the genuine TLS server, and the real products the lab
 * launches by PID: mitmproxy 8 in reverse mode and squid-openssl (ssl-bump, Basic-auth and plain explicit-proxy
 * ports, reached with a CONNECT probe). sslsplit is covered by {@link RealPeersIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabPeersIT {

    /** Long enough for any mode's answer on loopback; SILENCE is the only one that runs into it. */
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private EmulatedEdge edge;
    private LabCa publicPki;
    private Nginx nginx;

    @BeforeAll
    void start() {
        edge = EmulatedEdge.start();
        publicPki = LabCa.builder().subject("CN=Lab Public Root CA,O=Lab PKI").build();
        IssuedCertificate relayCert = OpensslServer.relayCertificate(publicPki);
        // A missing nginx fails here with PeerUnavailableException naming the apt-get command (never skipped).
        nginx = Nginx.builder().certificate(relayCert).start();
    }

    @AfterAll
    void stop() {
        if (nginx != null) {
            nginx.close();
        }
        if (edge != null) {
            edge.close();
        }
    }

    /** The caller trusts the lab's "public" root, as a product trusts the relay's real PKI. */
    private InspectOptions opts() {
        return InspectOptions.builder().sni("relay.lync.test").proxyContext(false)
                .trust(List.of(publicPki.certificate())).build();
    }

    private TlsInspection pseudo(TransportAddress target) {
        return PseudoTlsProbe.create(opts()).inspect(target, TIMEOUT).toCompletableFuture().join();
    }

    private TlsInspection tls(InspectOptions o, TransportAddress target) {
        return TlsProbe.create(o).inspect(target, TIMEOUT).toCompletableFuture().join();
    }

    @Test
    void emulatedEdgeIsGenuinePseudoTls() {
        long before = edge.answered();
        TlsInspection i = pseudo(edge.address());
        assertThat(i.verdict()).isEqualTo(Verdict.GENUINE_PSEUDO_TLS);
        assertThat(i.genuine()).isTrue();
        assertThat(i.connectTime()).isPresent();
        assertThat(i.has("TCP_OPEN_TLS_BLOCKED")).isFalse();
        assertThat(edge.answered()).as("the edge really answered our hello").isEqualTo(before + 1);
    }

    @Test
    void nginxWithTheRightTrustAnchorIsGenuineTlsAndNeverIntercepted() {
        assertThat(nginx.isAlive()).isTrue();
        TlsInspection i = tls(opts(), nginx.address());
        assertThat(i.verdict()).isEqualTo(Verdict.GENUINE_TLS);
        assertThat(i.chain()).isNotEmpty();
        assertThat(i.chain().get(0).subject()).contains("relay.lync.test");
        assertThat(i.has("TLS_CHAIN_UNTRUSTED")).isFalse();
        // pinning the genuine leaf also reads as genuine
        TlsInspection pinned = tls(opts().toBuilder().pin("sha256/" + i.chain().get(0).spkiSha256()).build(),
                nginx.address());
        assertThat(pinned.verdict()).isEqualTo(Verdict.GENUINE_TLS);
    }

    @Test
    void nginxWithoutItsTrustAnchorIsNotGenuine() {
        // The same clean server, judged without the anchor and without the JDK store: it must not pass as genuine,
        // which proves the anchor above is what made the difference.
        InspectOptions noAnchor = InspectOptions.builder().sni("relay.lync.test").proxyContext(false)
                .useJdkTrustStore(false).build();
        TlsInspection i = tls(noAnchor, nginx.address());
        assertThat(i.verdict()).isNotEqualTo(Verdict.GENUINE_TLS);
        assertThat(i.has("TLS_CHAIN_UNTRUSTED")).isTrue();
    }

    @Test
    void forgingProxyIsInterceptedForTls() {
        try (InterceptingProxy proxy = InterceptingProxy.start(Mode.FORGE)) {
            TlsInspection i = tls(opts(), proxy.address());
            assertThat(i.verdict()).isEqualTo(Verdict.INTERCEPTED);
            assertThat(i.has("TLS_CHAIN_UNTRUSTED")).isTrue();
            assertThat(i.chain().get(0).issuer()).contains("mediapath Lab Interception CA");
        }
    }

    @Test
    void forgingProxyWithAPinIsInterceptedEvenWhenTheForgerIsTrusted() {
        // An enterprise pushes its interception CA into the trust store; only the pin still tells.
        String genuinePin = "sha256/" + tls(opts(), nginx.address()).chain().get(0).spkiSha256();
        try (InterceptingProxy proxy = InterceptingProxy.start(Mode.FORGE)) {
            InspectOptions o = opts().toBuilder().trust(List.of(proxy.ca().certificate())).pin(genuinePin).build();
            TlsInspection i = tls(o, proxy.address());
            assertThat(i.verdict()).isEqualTo(Verdict.INTERCEPTED);
            assertThat(i.has("TLS_PIN_MISMATCH")).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"HTTP_407", "HTTP_302_PORTAL", "RESET", "CLOSE", "SILENCE", "TLS_ALERT",
            "ONE_RECORD_PER_PACKET", "FORGED_FLIGHT"})
    void pseudoTlsHelloThroughEachProxyModeGetsItsVerdict(Mode mode) {
        try (InterceptingProxy proxy = InterceptingProxy.start(mode)) {
            TlsInspection i = pseudo(proxy.address());
            assertThat(i.verdict()).as("%s: %s", mode, i.findings()).isEqualTo(expected(mode));
            assertThat(i.genuine()).isFalse();
            assertThat(i.connectTime()).as("TCP connect succeeded: the telnet trap").isPresent();
            assertThat(proxy.connections()).isEqualTo(1);
            switch (mode) {
                case HTTP_407 -> {
                    assertThat(i.http()).isPresent();
                    assertThat(i.http().orElseThrow().status()).isEqualTo(407);
                }
                case HTTP_302_PORTAL -> {
                    assertThat(i.http()).isPresent();
                    assertThat(i.http().orElseThrow().status()).isEqualTo(302);
                }
                case TLS_ALERT -> {
                    assertThat(i.alert()).isPresent();
                    assertThat(i.alert().orElseThrow().description()).isEqualTo(40);
                }
                case ONE_RECORD_PER_PACKET, FORGED_FLIGHT -> {
                    assertThat(i.chain()).isNotEmpty();
                    assertThat(i.chain().get(0).issuer()).contains("mediapath Lab Interception CA");
                    assertThat(i.has("PSEUDO_TLS_CERTIFICATE_PRESENT")).isTrue();
                    if (mode == Mode.ONE_RECORD_PER_PACKET) {
                        // the seeds' signature: ServerHello, Certificate, ServerHelloDone in separate records
                        assertThat(i.has("PSEUDO_TLS_SPLIT_RECORDS")).isTrue();
                        assertThat(i.records()).hasSizeGreaterThanOrEqualTo(3);
                    }
                }
                default -> {
                    assertThat(i.has("TCP_OPEN_TLS_BLOCKED")).isTrue();
                }
            }
        }
    }

    @Test
    void connectThroughAnExplicitProxyAnsweringWith407IsAnHttpProxyResponse() {
        try (InterceptingProxy proxy = InterceptingProxy.start(Mode.HTTP_407)) {
            InspectOptions o = opts().toBuilder().httpProxy(proxy.address()).build();
            TlsInspection i = PseudoTlsProbe.create(o).inspect(edge.address(), TIMEOUT).toCompletableFuture().join();
            assertThat(i.verdict()).isEqualTo(Verdict.HTTP_PROXY_RESPONSE);
            assertThat(i.http()).isPresent();
            assertThat(i.http().orElseThrow().status()).isEqualTo(407);
            assertThat(i.target()).as("the relay is the target, the proxy is only dialled").isEqualTo(edge.address());
        }
    }

    @Test
    void mitmproxyReverseInFrontOfNginxIsIntercepted() {
        try (Mitmproxy mitm = Mitmproxy.reverse(nginx.address()).start()) {
            TlsInspection i = tls(opts(), mitm.address());
            assertThat(i.verdict()).as("%s", i.findings()).isEqualTo(Verdict.INTERCEPTED);
            assertThat(i.has("TLS_CHAIN_UNTRUSTED")).isTrue();
            assertThat(i.chain().get(0).issuer()).contains("mitmproxy");
        }
    }

    @Test
    void squidThroughConnect() {
        try (SquidSslBump squid = SquidSslBump.start()) {
            // ssl-bump: CONNECT is accepted, then squid terminates TLS with a leaf forged by its CA
            TlsInspection bumped = tls(opts().toBuilder().httpProxy(squid.bumpProxy()).build(), nginx.address());
            assertThat(bumped.verdict()).as("bump: %s", bumped.findings()).isEqualTo(Verdict.INTERCEPTED);
            assertThat(bumped.chain().get(0).issuer())
                    .isEqualTo(CertificateInfo.fromDer(certDer(squid.ca().certificate())).subject());
            // Basic-auth port: CONNECT without credentials is answered 407
            TlsInspection auth = PseudoTlsProbe.create(opts().toBuilder().httpProxy(squid.authProxy()).build())
                    .inspect(edge.address(), TIMEOUT).toCompletableFuture().join();
            assertThat(auth.verdict()).as("auth: %s", auth.findings()).isEqualTo(Verdict.HTTP_PROXY_RESPONSE);
            assertThat(auth.http().orElseThrow().status()).isEqualTo(407);
            assertThat(auth.http().orElseThrow().header("Proxy-Authenticate")).isPresent();
            // plain port: CONNECT is a pure tunnel, so the clean path reads as genuine, never as intercepted
            TlsInspection tunnelTls = tls(opts().toBuilder().httpProxy(squid.plainProxy()).build(), nginx.address());
            assertThat(tunnelTls.verdict()).as("tunnel tls: %s", tunnelTls.findings()).isEqualTo(Verdict.GENUINE_TLS);
            TlsInspection tunnelPseudo = PseudoTlsProbe.create(opts().toBuilder().httpProxy(squid.plainProxy()).build())
                    .inspect(edge.address(), TIMEOUT).toCompletableFuture().join();
            assertThat(tunnelPseudo.verdict()).as("tunnel pseudo: %s", tunnelPseudo.findings())
                    .isEqualTo(Verdict.GENUINE_PSEUDO_TLS);
        }
    }

    private static byte[] certDer(java.security.cert.X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Verdict expected(Mode mode) {
        return switch (mode) {
            case HTTP_407, HTTP_302_PORTAL -> Verdict.HTTP_PROXY_RESPONSE;
            case RESET -> Verdict.RESET_AFTER_HELLO;
            case CLOSE -> Verdict.CLOSED_AFTER_HELLO;
            case SILENCE -> Verdict.SILENT_AFTER_HELLO;
            case TLS_ALERT -> Verdict.TLS_ALERT;
            case ONE_RECORD_PER_PACKET, FORGED_FLIGHT, FORGE -> Verdict.INTERCEPTED;
            case PASS_THROUGH_MODIFY -> throw new IllegalArgumentException("passes through: the upstream answers");
        };
    }
}
