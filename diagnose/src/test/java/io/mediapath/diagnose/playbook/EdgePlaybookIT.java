package io.mediapath.diagnose.playbook;

import io.mediapath.diagnose.RootCauseCode;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.TransportAddress;
import io.mediapath.lab.SeedTopology;
import io.mediapath.lab.coturn.Coturn;
import io.mediapath.lab.peers.Haproxy;
import io.mediapath.lab.peers.Mitmproxy;
import io.mediapath.lab.peers.SquidConnectProxy;
import io.mediapath.lab.peers.SquidSslBump;
import io.mediapath.lab.peers.Sslsplit;
import io.mediapath.lab.pki.LabCa;
import io.mediapath.lab.proxy.InterceptingProxy;
import io.mediapath.lab.proxy.InterceptingProxy.Mode;
import io.mediapath.lab.proxy.SniRouter;
import io.mediapath.tls.InspectOptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The accuracy matrix (docs/playbook.md): each seed scenario against real peers where Debian has one (coturn,
 * sslsplit, squid, mitmproxy, haproxy) and the lab's in-process peers otherwise, with the modality verdicts and the
 * root cause asserted. Everything binds 127.0.0.1 on ephemeral ports. The lab's {@link InterceptingProxy} and
 * {@link SniRouter} are scripted middleboxes: used where no Debian peer misbehaves that way on demand (a split
 * server flight, a reset after the hello, a bypass rule by name, "tunnel on protocol error").
 */
class EdgePlaybookIT {

    static PlaybookOptions.Builder options() {
        // 8 s instead of the diagnostic 3 s: real peers on a loaded machine answer slowly, not never.
        return PlaybookOptions.builder().environment(Map.of()).proxySelector(null)
                .deadline(java.time.Duration.ofSeconds(8));
    }

    static EdgeReport run(EdgeTarget t, PlaybookOptions o) throws Exception {
        return EdgePlaybook.create(o).run(t).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    static EdgeTarget.Builder edge(SeedTopology lab, TransportAddress tcp) {
        return EdgeTarget.builder(tcp.host()).udpPort(lab.udpAddress().orElseThrow().port()).tcpPort(tcp.port());
    }

    static void assertVerdicts(EdgeReport r, RootCauseCode code, Support audio, Support appsharing) {
        assertThat(r.rootCause().code()).as(r.rootCause().summary()).isEqualTo(code);
        assertThat(r.modality(Modality.AUDIO).support()).as("audio").isEqualTo(audio);
        assertThat(r.modality(Modality.VIDEO).support()).as("video").isEqualTo(audio);
        assertThat(r.modality(Modality.APPSHARING).support()).as("appsharing").isEqualTo(appsharing);
        assertThat(r.modality(Modality.FILETRANSFER).support()).as("filetransfer").isEqualTo(appsharing);
    }

    @Test
    void haproxyInTcpModeInFrontOfTheGenuineEdgeIsNone() throws Exception {
        try (SeedTopology lab = SeedTopology.msTurnEdge(null, "haproxy");
                Haproxy lb = Haproxy.tcp(lab.edgeAddress()).start()) {
            EdgeReport r = run(edge(lab, lb.address()).sni("edge.lab.example").build(), options().build());
            assertVerdicts(r, RootCauseCode.NONE, Support.WORKS, Support.WORKS);
            assertThat(r.leg(LegKind.TCP_RELAY).orElseThrow().result().verdict()).isEqualTo("CHALLENGED");
        }
    }

    @Test
    void sslsplitInFrontOfTheEdgeCutsTheRelayHello() throws Exception {
        // sslsplit cannot complete TLS with an Edge upstream (it speaks none), so it never forges: it closes the
        // relay hello. What the client sees is a cut after the hello, with TCP open and UDP working.
        try (SeedTopology lab = SeedTopology.msTurnEdge(null, "sslsplit");
                Sslsplit split = Sslsplit.builder().upstream(lab.edgeAddress()).start()) {
            EdgeReport r = run(edge(lab, split.address()).sni("edge.lab.example").build(), options().build());
            assertVerdicts(r, RootCauseCode.MIDDLEBOX_RESET, Support.WORKS, Support.FAILS);
            assertThat(r.findings()).anyMatch(f -> f.code().equals("TCP_OPEN_RELAY_FAILS"));
        }
    }

    @Test
    void squidAuthenticatingExplicitProxyWithDirectTcpClosedIsHttpProxy() throws Exception {
        try (SeedTopology lab = SeedTopology.msTurnEdge(null, "squid 407");
                SquidSslBump squid = SquidSslBump.start();
                ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int closedPort = closed.getLocalPort();
            closed.close(); // nothing listens: direct TCP is refused
            EdgeTarget t = EdgeTarget.builder("127.0.0.1").udpPort(lab.udpAddress().get().port()).tcpPort(closedPort)
                    .proxy(squid.authProxy()).build();
            EdgeReport r = run(t, options().build());
            assertVerdicts(r, RootCauseCode.HTTP_PROXY, Support.WORKS, Support.FAILS);
            assertThat(r.rootCause().summary()).contains("407");
        }
    }

    @Test
    void squidAnsweringTheRelayHelloWithHttpIsHttpProxy() throws Exception {
        try (SeedTopology lab = SeedTopology.msTurnEdge(null, "squid port");
                SquidSslBump squid = SquidSslBump.start()) {
            EdgeReport r = run(edge(lab, squid.plainProxy()).build(), options().build());
            assertVerdicts(r, RootCauseCode.HTTP_PROXY, Support.WORKS, Support.FAILS);
            assertThat(r.rootCause().product()).hasValueSatisfying(p -> assertThat(p).containsIgnoringCase("squid"));
        }
    }

    @Test
    void mitmproxyInFrontOfTheEdgeHoldsTheRelayHello() throws Exception {
        // mitmproxy (reverse mode to the Edge) neither forges for an upstream that speaks no TLS nor answers the
        // pseudo-TLS hello: it holds it. TCP open, nothing back: MIDDLEBOX_SILENT, with UDP working.
        try (SeedTopology lab = SeedTopology.msTurnEdge(null, "mitmproxy");
                Mitmproxy mitm = Mitmproxy.reverse(lab.edgeAddress()).start()) {
            EdgeReport r = run(edge(lab, mitm.address()).sni("edge.lab.example").build(), options().build());
            assertVerdicts(r, RootCauseCode.MIDDLEBOX_SILENT, Support.WORKS, Support.FAILS);
            assertThat(r.findings()).anyMatch(f -> f.code().equals("TCP_OPEN_RELAY_FAILS"));
        }
    }

    @Test
    void nameOnlyBypassIsNamedAndTheRemedyIsByIp() throws Exception {
        try (SeedTopology lab = SeedTopology.msTurnEdge(null, "name-only bypass");
                InterceptingProxy bump = InterceptingProxy.builder().mode(Mode.FORGE)
                        .ca(LabCa.builder().subject("CN=FortiGate CA,O=Fortinet").build())
                        .forgedNames("edge.lab.example").start();
                SniRouter router = SniRouter.start(lab.edgeAddress(), bump.address(),
                        SniRouter.sniEquals("edge.lab.example"))) {
            EdgeReport r = run(edge(lab, router.address()).sni("edge.lab.example").build(), options().build());
            assertVerdicts(r, RootCauseCode.NAME_ONLY_BYPASS, Support.WORKS, Support.FAILS);
            assertThat(r.rootCause().remedy()).contains("from the name edge.lab.example to the IP addresses 127.0.0.1");
            assertThat(router.spliced()).isPositive();
            assertThat(router.bumped()).isPositive();
        }
    }

    @Test
    void credentialsAreNotSentOverATcpPathJudgedInterceptedUnlessOptedIn() throws Exception {
        // "Tunnel on protocol error": the relay hello is spliced to the genuine Edge, real TLS is intercepted.
        try (SeedTopology lab = SeedTopology.msTurnEdge(null, "tunnel on protocol error");
                InterceptingProxy bump = InterceptingProxy.builder().mode(Mode.FORGE).forgedNames("edge.lab.example")
                        .start();
                SniRouter router = SniRouter.start(lab.edgeAddress(), bump.address(), SniRouter.pseudoTls())) {
            EdgeTarget t = edge(lab, router.address()).sni("edge.lab.example")
                    .credentials(SeedTopology.MS_TURN_USER, SeedTopology.MS_TURN_PASSWORD).build();
            EdgeReport r = run(t, options().build());
            assertThat(r.rootCause().code()).as(r.rootCause().summary()).isEqualTo(RootCauseCode.NONE);
            assertThat(r.leg(LegKind.TCP_RELAY).orElseThrow().result().verdict()).isEqualTo("CHALLENGED");
            assertThat(r.findings()).anyMatch(f -> f.code().equals("EDGE_CREDENTIALS_WITHHELD"));
            assertThat(r.findings()).anyMatch(f -> f.code().equals("BROWSER_TLS_INTERCEPTED_RELAY_PASSES"));
            assertThat(lab.edge().allocations()).as("only the UDP allocation").isEqualTo(1);

            EdgeReport optedIn = run(t, options().credentialsOnInterceptedPath(true).build());
            assertThat(optedIn.leg(LegKind.TCP_RELAY).orElseThrow().result().verdict()).isEqualTo("ALLOCATED");
            assertThat(lab.edge().allocations()).isEqualTo(3);
            assertThat(r.toString() + optedIn).doesNotContain(SeedTopology.MS_TURN_PASSWORD);
        }
    }

    @Test
    void tcpDroppedIsTcpBlocked() throws Exception {
        // A listener that never accepts, its queue filled: the kernel drops further SYNs (silence, like a DROP rule).
        try (SeedTopology lab = SeedTopology.msTurnEdge(null, "tcp dropped");
                ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 300);
                        fillers.add(s);
                    } catch (IOException timedOut) {
                        s.close();
                        break;
                    }
                }
                EdgeReport r = run(edge(lab, new TransportAddress("127.0.0.1", full.getLocalPort())).build(),
                        options().build());
                assertVerdicts(r, RootCauseCode.TCP_BLOCKED, Support.WORKS, Support.FAILS);
                assertThat(r.leg(LegKind.TCP_CONNECT).orElseThrow().status()).isEqualTo(LegStatus.SILENT);
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    @Test
    void coturnCleanInTheTurnDialect() throws Exception {
        try (Coturn coturn = Coturn.builder().start()) {
            EdgeTarget t = EdgeTarget.builder(coturn.host()).dialect(Dialect.TURN).udpPort(coturn.port())
                    .tcpPort(coturn.port()).sni("localhost").build();
            EdgeReport r = run(t, options().trust(InspectOptions.readCertificates(coturn.certificate())).build());
            assertVerdicts(r, RootCauseCode.NONE, Support.WORKS, Support.WORKS);
            assertThat(r.leg(LegKind.UDP_RELAY).orElseThrow().result().verdict()).isEqualTo("CHALLENGED");
            assertThat(r.leg(LegKind.TCP_RELAY).orElseThrow().status()).isEqualTo(LegStatus.PASSED);

            EdgeTarget auth = EdgeTarget.builder(coturn.host()).dialect(Dialect.TURN).udpPort(coturn.port())
                    .tcpPort(coturn.port()).sni("localhost").credentials(coturn.username(), coturn.password()).build();
            EdgeReport a = run(auth, options().trust(InspectOptions.readCertificates(coturn.certificate())).build());
            assertThat(a.rootCause().code()).as(a.rootCause().summary()).isEqualTo(RootCauseCode.NONE);
            assertThat(a.leg(LegKind.UDP_RELAY).orElseThrow().result().verdict()).isEqualTo("ALLOCATED");
            assertThat(a.toString()).doesNotContain(coturn.password());
            // one listening address: no OTHER-ADDRESS, so the NAT leg stops at its first answer, as context only
            LegResult nat = r.leg(LegKind.NAT).orElseThrow();
            assertThat(nat.status()).as(nat.detail()).isEqualTo(LegStatus.PASSED);
            assertThat(nat.result().verdict()).isEqualTo(io.mediapath.turn.nat.NatProbe.RFC5780_UNSUPPORTED);
            assertThat(nat.result().timeline()).extracting(io.mediapath.ice.probe.TimelineEvent::kind)
                    .containsExactly("nat.transaction");
            // what the one answer does show (no NAT on loopback) stays, as information only
            assertThat(r.findings()).filteredOn(f -> f.code().startsWith("NAT_")).extracting(f -> f.code())
                    .containsExactlyInAnyOrder("NAT_RFC5780_NOT_OFFERED", "NAT_NOT_PRESENT");
            assertThat(r.findings()).filteredOn(f -> f.code().startsWith("NAT_"))
                    .allMatch(f -> f.severity() == io.mediapath.ice.Severity.INFO);
        }
    }

    /**
     * The NAT leg against a real coturn on two loopback addresses (RFC 5780): mapping, filtering and the ICE outlook
     * in the leg, the JSON's {@code nat} object and the root cause's evidence, without changing any verdict. The
     * NATs themselves are made in namespaces by turn-client's NatBehaviourNetnsIT; on loopback there is none.
     */
    @Test
    void natLegAgainstAnRfc5780Coturn() throws Exception {
        int alt = Coturn.freePort();
        try (Coturn coturn = Coturn.builder().line("listening-ip=127.0.0.2").line("alt-listening-port=" + alt)
                .start()) {
            EdgeTarget t = EdgeTarget.builder("127.0.0.1").dialect(Dialect.TURN).udpPort(coturn.port())
                    .tcpPort(coturn.port()).sni("localhost").build();
            EdgeReport r = run(t, options().trust(InspectOptions.readCertificates(coturn.certificate())).build());
            LegResult nat = r.leg(LegKind.NAT).orElseThrow();
            assertThat(nat.status()).as(nat.detail()).isEqualTo(LegStatus.PASSED);
            assertThat(nat.result().verdict()).as(coturn.log()).isEqualTo("DIRECT_OPEN");
            assertThat(nat.detail()).contains("mapping no-nat", "filtering endpoint-independent",
                    "ICE: direct UDP works");
            assertThat(r.rootCause().code()).as(r.rootCause().summary()).isEqualTo(RootCauseCode.NONE);
            assertThat(r.rootCause().evidence()).anyMatch(e -> e.location().startsWith("leg nat")
                    && e.excerpt().contains("mapping no-nat"));
            assertThat(r.rootCause().summary()).doesNotContain("every call will be relayed");
            @SuppressWarnings("unchecked")
            Map<String, Object> nj = (Map<String, Object>) io.mediapath.diagnose.report.EdgeReports.tree(r).get("nat");
            assertThat(nj).containsEntry("rfc5780", true).containsEntry("mapping", "NO_NAT")
                    .containsEntry("filtering", "ENDPOINT_INDEPENDENT").containsEntry("hairpinning", "NOT_APPLICABLE")
                    .containsEntry("iceOutlook", "DIRECT_OPEN");
            assertThat(r.findings()).extracting(f -> f.code()).contains("NAT_NOT_PRESENT")
                    .doesNotContain("NAT_RFC5780_NOT_OFFERED", "NAT_RFC5780_UNSUPPORTED");
        }
    }

    @Test
    void coturnTurnsBehindSslsplitIsIntercepted() throws Exception {
        try (Coturn coturn = Coturn.builder().start();
                Sslsplit split = Sslsplit.builder().upstream(new TransportAddress(coturn.host(), coturn.tlsPort()))
                        .start()) {
            Path cert = coturn.certificate();
            EdgeTarget t = EdgeTarget.builder(coturn.host()).dialect(Dialect.TURN).udpPort(coturn.port())
                    .tcpPort(split.address().port()).sni("localhost").build();
            EdgeReport r = run(t, options().trust(InspectOptions.readCertificates(cert)).build());
            assertVerdicts(r, RootCauseCode.TLS_INTERCEPTED, Support.WORKS, Support.FAILS);
        }
    }

    @Test
    void coturnThroughSquidAsAConnectProxyTheProxyRelayLegAllocates() throws Exception {
        // The proxy-relay leg: TURN over TCP through real squid (Basic auth, basic_ncsa_auth) to real coturn. Right
        // proxy credentials: media can take the proxy path (Allocate through the tunnel). Wrong ones: the proxy's
        // 407, reported as HTTP_PROXY on that leg and TURN_PROXY_AUTH_REQUIRED, never as TURN authentication.
        try (Coturn coturn = Coturn.builder().start();
                SquidConnectProxy squid = SquidConnectProxy.builder().allowPorts(coturn.port())
                        .basicAuth("erin", "Squid-pass-9").start()) {
            EdgeTarget.Builder t = EdgeTarget.builder(coturn.host()).dialect(Dialect.TURN).udpPort(coturn.port())
                    .tcpPort(coturn.port()).sni("localhost").credentials(coturn.username(), coturn.password())
                    .proxy(squid.address());
            PlaybookOptions o = options().trust(InspectOptions.readCertificates(coturn.certificate())).build();
            EdgeReport ok = run(t.proxyCredentials("erin", "Squid-pass-9").build(), o);
            LegResult leg = ok.leg(LegKind.PROXY_RELAY).orElseThrow();
            assertThat(leg.status()).as(leg.detail()).isEqualTo(LegStatus.PASSED);
            assertThat(leg.result().verdict()).isEqualTo("ALLOCATED");
            assertThat(squid.accessLog()).anyMatch(l -> l.contains("CONNECT 127.0.0.1:" + coturn.port())
                    && l.contains("/200 ") && l.contains(" erin "));
            assertThat(ok.rootCause().code()).as(ok.rootCause().summary()).isEqualTo(RootCauseCode.NONE);

            EdgeReport wrong = run(t.proxyCredentials("erin", "not-the-pass").build(), o);
            LegResult refused = wrong.leg(LegKind.PROXY_RELAY).orElseThrow();
            assertThat(refused.status()).as(refused.detail()).isEqualTo(LegStatus.HTTP_PROXY);
            assertThat(refused.detail()).contains("407");
            assertThat(wrong.findings()).anyMatch(f -> f.code().equals("TURN_PROXY_AUTH_REQUIRED"))
                    .noneMatch(f -> f.code().equals("TURN_AUTH_FAILED"));
            assertThat(wrong.rootCause().code()).as("the direct path is clean").isNotEqualTo(RootCauseCode.AUTH_FAILED);
            assertThat(ok.toString() + wrong).doesNotContain("Squid-pass-9").doesNotContain(coturn.password());
        }
    }
}
