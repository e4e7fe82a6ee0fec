package io.mediapath.diagnose.playbook;

import io.mediapath.diagnose.RootCause;
import io.mediapath.diagnose.RootCauseCode;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.TransportAddress;
import io.mediapath.lab.SeedTopology;
import io.mediapath.lab.proxy.InterceptingProxy;
import io.mediapath.lab.proxy.InterceptingProxy.Mode;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The edge playbook against the lab's in-process peers: a genuine emulated Edge (MS-TURN on UDP and TCP) alone, and
 * with the lab's intercepting proxy in front of its TCP port in several modes. The proxy is a scripted middlebox
 * (it answers the hello itself and never forwards), which is what the seeds' clients saw.
 */
class EdgePlaybookLabTest {

    /**
     * The options of these tests: no proxy from this machine's settings, and an 8 s deadline instead of the
     * diagnostic 3 s, so that a loaded machine (the first test also loads every class) does not turn a slow
     * answer into silence. Speed is measured by scripts/bench.sh edge, not here.
     */
    static PlaybookOptions.Builder options() {
        return PlaybookOptions.builder().environment(Map.of()).proxySelector(null).deadline(Duration.ofSeconds(8));
    }

    static EdgeReport run(SeedTopology lab) throws Exception {
        return run(lab, EdgeTarget.builder(lab.clientTarget().host()).udpPort(lab.udpAddress().orElseThrow().port())
                .tcpPort(lab.clientTarget().port()).sni("edge.lab.example").build(), options().build());
    }

    static EdgeReport run(SeedTopology lab, EdgeTarget target, PlaybookOptions options) throws Exception {
        return EdgePlaybook.create(options).run(target).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void cleanEdgeIsNone() throws Exception {
        try (SeedTopology lab = SeedTopology.msTurnEdge(null, "clean")) {
            EdgeReport r = run(lab);
            assertThat(r.rootCause().code()).as(r.rootCause().summary()).isEqualTo(RootCauseCode.NONE);
            assertThat(r.allWork()).isTrue();
            assertThat(r.modality(Modality.AUDIO).path()).isEqualTo("UDP " + lab.udpAddress().get().port() + " relay");
            assertThat(r.modality(Modality.APPSHARING).support()).isEqualTo(Support.WORKS);
            assertThat(r.leg(LegKind.BROWSER_NO_SNI).orElseThrow().status()).isEqualTo(LegStatus.PASSED);
            assertThat(r.leg(LegKind.TCP_CONNECT).orElseThrow().status()).isEqualTo(LegStatus.PASSED);
            assertThat(r.leg(LegKind.EXPLICIT_PROXY).orElseThrow().status()).isEqualTo(LegStatus.SKIPPED);
            assertThat(r.findings()).noneMatch(f -> f.severity().atLeast(io.mediapath.ice.Severity.ERROR));
            assertThat(r.timeline()).extracting(PlaybookEvent::leg).contains("udp-relay", "tcp-relay", "tcp-connect");
            // Every leg that touched a socket left its bytes (or, for the telnet test, the connection it opened).
            java.util.Set<String> withBytes = new java.util.HashSet<>();
            java.util.Set<String> opened = new java.util.HashSet<>();
            for (PlaybookEvent e : r.timeline()) {
                e.payload().ifPresent(w -> (w.length() > 0 ? withBytes : opened).add(e.leg()));
            }
            assertThat(withBytes).contains("udp-relay", "tcp-relay", "http");
            assertThat(opened).contains("tcp-connect", "tcp-relay", "http");
            assertThat(withBytes).doesNotContain("tcp-connect");
        }
    }

    /**
     * The NAT leg against the Edge: MS-TURN has no OTHER-ADDRESS, so the Edge's own UDP answer says RFC 5780 is not
     * supported; the leg sends nothing of its own (an RFC Binding would only wait out the profile against an Edge),
     * adds one informational finding, and changes no verdict.
     */
    @Test
    void natLegReadsNoRfc5780FromTheEdgesAnswerAndSendsNothing() throws Exception {
        try (SeedTopology lab = SeedTopology.msTurnEdge(null, "clean")) {
            EdgeReport r = run(lab);
            LegResult nat = r.leg(LegKind.NAT).orElseThrow();
            assertThat(nat.status()).as(nat.detail()).isEqualTo(LegStatus.PASSED);
            assertThat(nat.result().verdict()).isEqualTo(io.mediapath.turn.nat.NatProbe.RFC5780_UNSUPPORTED);
            assertThat(nat.detail()).contains("RFC 5780 not supported", "MS-TURN");
            assertThat(nat.result().findings()).extracting(io.mediapath.ice.Finding::code)
                    .containsExactly("NAT_RFC5780_NOT_OFFERED");
            assertThat(nat.result().worstSeverity()).isEqualTo(io.mediapath.ice.Severity.INFO);
            assertThat(r.timeline()).noneMatch(e -> e.leg().equals("nat"));
            assertThat(r.rootCause().code()).isEqualTo(RootCauseCode.NONE);
            assertThat(r.rootCause().evidence()).noneMatch(e -> e.location().contains("leg nat"));
            java.util.Map<String, Object> nj = cast(io.mediapath.diagnose.report.EdgeReports.tree(r).get("nat"));
            assertThat(nj).containsEntry("rfc5780", false).doesNotContainKey("mapping");
            assertThat(io.mediapath.diagnose.report.EdgeReports.text(r)).contains("RFC 5780 not supported");
        }
    }

    @SuppressWarnings("unchecked")
    static java.util.Map<String, Object> cast(Object o) {
        return (java.util.Map<String, Object>) o;
    }

    @Test
    void websenseIsTlsInterceptedWithTheSeedsSentence() throws Exception {
        try (SeedTopology lab = SeedTopology.websense()) {
            EdgeReport r = run(lab);
            RootCause c = r.rootCause();
            assertThat(c.code()).as(c.summary()).isEqualTo(RootCauseCode.TLS_INTERCEPTED);
            assertThat(c.product()).hasValueSatisfying(p -> assertThat(p).contains("Websense"));
            assertThat(c.summary()).contains("intercepts TCP " + lab.clientTarget().port() + " to the Edge")
                    .contains("app sharing and file transfer fail with external users")
                    .contains("while voice and video work over UDP")
                    .contains("bypass the Edge's IP addresses (127.0.0.1");
            assertThat(c.remedy()).contains("by IP address").contains("127.0.0.1").contains("no SNI");
            assertThat(r.modality(Modality.AUDIO).support()).isEqualTo(Support.WORKS);
            assertThat(r.modality(Modality.APPSHARING).support()).isEqualTo(Support.FAILS);
            assertThat(r.modality(Modality.FILETRANSFER).support()).isEqualTo(Support.FAILS);
            assertThat(r.leg(LegKind.TCP_CONNECT).orElseThrow().status()).isEqualTo(LegStatus.PASSED);
            assertThat(r.findings()).anyMatch(f -> f.code().equals("TCP_OPEN_RELAY_FAILS"));
            assertThat(lab.edge().usernamesSeen()).isZero();
            // The Edge answers no real TLS: a ServerHello on its port, with or without SNI, is the proxy's.
            assertThat(r.leg(LegKind.BROWSER_NO_SNI).orElseThrow().status()).isEqualTo(LegStatus.INTERCEPTED);
            assertThat(r.leg(LegKind.BROWSER_SNI).orElseThrow().status()).isEqualTo(LegStatus.INTERCEPTED);
            assertThat(r.leg(LegKind.BROWSER_SNI).orElseThrow().detail()).contains("ServerHello");
        }
    }

    /**
     * The seed's proxy holds the connection open after it answers (a forged flight to TLS, TLS records to a
     * plaintext GET), as many web gateways do; a genuine Edge closes. The http leg must end by the profile's waits
     * (the TLS try by its idle gap, the plaintext try as soon as the bytes cannot be HTTP), not by the run's deadline:
     * under a 30 s deadline it used to read for 14.9 s. Its duration is checked against the deadline, not a clock.
     */
    @Test
    void httpLegBehindAProxyHoldingTheConnectionEndsByTheProfileNotTheDeadline() throws Exception {
        try (SeedTopology lab = SeedTopology.websense()) {
            Duration deadline = Duration.ofSeconds(30);
            EdgeTarget target = EdgeTarget.builder(lab.clientTarget().host()).udpPort(lab.udpAddress().orElseThrow()
                    .port()).tcpPort(lab.clientTarget().port()).sni("edge.lab.example").build();
            EdgeReport r = EdgePlaybook.create(options().deadline(deadline).build()).run(target).toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
            LegResult http = r.leg(LegKind.HTTP).orElseThrow();
            assertThat(http.result().verdict()).as(http.detail()).isEqualTo("NO_PAGE");
            assertThat(http.status()).isEqualTo(LegStatus.PASSED);
            assertThat(r.timeline()).filteredOn(e -> e.leg().equals("http") && e.kind().equals("http.read"))
                    .singleElement().satisfies(e -> assertThat(e.detail()).endsWith("ended: not HTTP"));
            assertThat(r.timeline()).filteredOn(e -> e.leg().equals("http") && e.kind().equals("https.failed"))
                    .singleElement().satisfies(e -> assertThat(e.detail()).contains("the profile's"));
            assertThat(http.result().elapsed()).as("the http leg's duration against the run's %s deadline", deadline)
                    .isLessThan(deadline.dividedBy(4));
            // The verdict of the run is the seed's, whatever the http leg read.
            assertThat(r.rootCause().code()).isEqualTo(RootCauseCode.TLS_INTERCEPTED);
        }
    }

    @Test
    void http407IsHttpProxy() throws Exception {
        try (SeedTopology lab = SeedTopology.msTurnEdge(InterceptingProxy.builder().mode(Mode.HTTP_407), "407")) {
            EdgeReport r = run(lab);
            assertThat(r.rootCause().code()).as(r.rootCause().summary()).isEqualTo(RootCauseCode.HTTP_PROXY);
            assertThat(r.rootCause().summary()).contains("407");
        }
    }

    @Test
    void portalRedirectIsHttpProxyWithTheLocation() throws Exception {
        try (SeedTopology lab = SeedTopology.msTurnEdge(InterceptingProxy.builder().mode(Mode.HTTP_302_PORTAL), "302")) {
            EdgeReport r = run(lab);
            assertThat(r.rootCause().code()).as(r.rootCause().summary()).isEqualTo(RootCauseCode.HTTP_PROXY);
            assertThat(r.rootCause().summary()).contains("302").contains("gateway.lab.invalid");
            assertThat(r.modality(Modality.AUDIO).support()).isEqualTo(Support.WORKS);
            assertThat(r.modality(Modality.APPSHARING).support()).isEqualTo(Support.FAILS);
        }
    }

    @Test
    void resetAfterHelloIsMiddleboxReset() throws Exception {
        try (SeedTopology lab = SeedTopology.msTurnEdge(InterceptingProxy.builder().mode(Mode.RESET), "rst")) {
            EdgeReport r = run(lab);
            assertThat(r.rootCause().code()).as(r.rootCause().summary()).isEqualTo(RootCauseCode.MIDDLEBOX_RESET);
            assertThat(r.modality(Modality.VIDEO).support()).isEqualTo(Support.WORKS);
        }
    }

    @Test
    void credentialsAllocateOnTheCleanPathAndNeverAppear() throws Exception {
        try (SeedTopology lab = SeedTopology.msTurnEdge(null, "clean")) {
            EdgeTarget t = EdgeTarget.builder("127.0.0.1").udpPort(lab.udpAddress().get().port())
                    .tcpPort(lab.clientTarget().port())
                    .credentials(SeedTopology.MS_TURN_USER, SeedTopology.MS_TURN_PASSWORD).build();
            EdgeReport r = run(lab, t, options().build());
            assertThat(r.rootCause().code()).isEqualTo(RootCauseCode.NONE);
            assertThat(r.leg(LegKind.UDP_RELAY).orElseThrow().result().verdict()).isEqualTo("ALLOCATED");
            assertThat(r.leg(LegKind.TCP_RELAY).orElseThrow().result().verdict()).isEqualTo("ALLOCATED");
            assertThat(lab.edge().allocations()).isEqualTo(2);
            assertThat(r.toString()).doesNotContain(SeedTopology.MS_TURN_PASSWORD);
            assertThat(t.toString()).doesNotContain(SeedTopology.MS_TURN_PASSWORD);
        }
    }

    @Test
    void wrongPasswordIsAuthFailed() throws Exception {
        try (SeedTopology lab = SeedTopology.msTurnEdge(null, "clean")) {
            EdgeTarget t = EdgeTarget.builder("127.0.0.1").udpPort(lab.udpAddress().get().port())
                    .tcpPort(lab.clientTarget().port()).credentials(SeedTopology.MS_TURN_USER, "wrong").build();
            EdgeReport r = run(lab, t, options().build());
            assertThat(r.rootCause().code()).as(r.rootCause().summary()).isEqualTo(RootCauseCode.AUTH_FAILED);
            assertThat(r.allWork()).isFalse();
        }
    }

    @Test
    void silentUdpPortIsUdpBlocked() throws Exception {
        try (SeedTopology lab = SeedTopology.msTurnEdge(null, "clean");
                java.net.DatagramSocket silent = new java.net.DatagramSocket(0,
                        java.net.InetAddress.getLoopbackAddress())) {
            EdgeTarget t = EdgeTarget.builder("127.0.0.1").udpPort(silent.getLocalPort())
                    .tcpPort(lab.clientTarget().port()).build();
            EdgeReport r = run(lab, t, options().build());
            assertThat(r.rootCause().code()).as(r.rootCause().summary()).isEqualTo(RootCauseCode.UDP_BLOCKED);
            assertThat(r.modality(Modality.AUDIO).support()).isEqualTo(Support.DEGRADED);
            assertThat(r.modality(Modality.APPSHARING).support()).isEqualTo(Support.WORKS);
            assertThat(r.rootCause().remedy()).contains("Allow UDP " + silent.getLocalPort() + " from this network to 127.0.0.1");
        }
    }

    @Test
    void explicitProxyFromTheEnvironmentIsProbed() throws Exception {
        try (SeedTopology lab = SeedTopology.msTurnEdge(null, "clean");
                InterceptingProxy p407 = InterceptingProxy.builder().mode(Mode.HTTP_407).start()) {
            EdgeTarget t = EdgeTarget.builder("127.0.0.1").udpPort(lab.udpAddress().get().port())
                    .tcpPort(lab.clientTarget().port()).build();
            TransportAddress p = p407.address();
            EdgeReport r = run(lab, t, options()
                    .environment(Map.of("HTTPS_PROXY", "http://" + p.host() + ":" + p.port())).build());
            assertThat(r.leg(LegKind.EXPLICIT_PROXY).orElseThrow().status()).isEqualTo(LegStatus.HTTP_PROXY);
            assertThat(r.rootCause().code()).isEqualTo(RootCauseCode.NONE); // the direct path works
        }
    }
}
