package io.mediapath.diagnose.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.diagnose.RootCauseCode;
import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Deadline;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.lab.edge.EmulatedEdge;
import io.mediapath.lab.coturn.Coturn;
import io.mediapath.lab.peers.Binaries;
import io.mediapath.lab.peers.ManagedProcess;
import io.mediapath.lab.peers.Nginx;
import io.mediapath.lab.peers.OpensslServer;
import io.mediapath.lab.peers.Sslsplit;
import io.mediapath.lab.peers.Tcpdump;
import io.mediapath.lab.pki.LabCa;
import io.mediapath.lab.proxy.InterceptingProxy;
import io.mediapath.tls.InspectOptions;
import io.mediapath.tls.PseudoTlsProbe;
import io.mediapath.tls.TlsInspection;
import io.mediapath.tls.TlsProbe;
import io.mediapath.tls.Verdict;
import io.mediapath.turn.StunTimers;
import io.mediapath.turn.StunTransport;
import io.mediapath.turn.StunUri;
import io.mediapath.turn.TurnClientOptions;
import io.mediapath.turn.TurnProbe;
import io.mediapath.turn.TurnProbeOptions;
import io.mediapath.turn.TurnProbeReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture and a live probe of the same path give the same verdict, asserted pair by pair: tcpdump (started and
 * stopped by PID, filtered on the peer's ephemeral port) records the live probe while it talks to a real peer —
 * the lab's emulated Edge (genuine pseudo-TLS), sslsplit forging in front of nginx, the lab proxy resetting,
 * going silent or answering HTTP 407, coturn with a wrong and a right password — and {@link CaptureAnalyzer}
 * judges the capture. Evidence must cite the capture's frame numbers. The RST, silent and 407 peers are the lab's
 * scripted {@link InterceptingProxy} modes: no real product misbehaves that way on demand.
 */
class CaptureVerdictIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private final LabCa publicPki = LabCa.builder().subject("CN=Lab Public Root CA,O=Lab PKI").build();

    private InspectOptions opts() {
        return InspectOptions.builder().sni("relay.lync.test").proxyContext(false)
                .trust(List.of(publicPki.certificate())).build();
    }

    /** Records {@code live} on {@code port}, judges the capture, returns the flow to that port. */
    private <T> Pair<T> record(String name, int port, Supplier<T> live) throws Exception {
        Path file = dir.resolve(name + ".pcap");
        T result;
        try (Tcpdump t = Tcpdump.start("lo", file, "port " + port)) {
            result = live.get();
        }
        CaptureDiagnosis d = CaptureAnalyzer.builder().inspectOptions(opts()).relay("127.0.0.1").build().analyze(file);
        List<RelayFlow> flows = d.flows().stream().filter(f -> f.server().port() == port).toList();
        assertThat(flows).as("relay flows to port %d in %s: %s", port, name, CaptureText.render(d)).hasSize(1);
        RelayFlow f = flows.get(0);
        assertThat(f.namedBy()).isEqualTo("--relay");
        citesFrames(f);
        return new Pair<>(result, f, d);
    }

    record Pair<T>(T live, RelayFlow captured, CaptureDiagnosis diagnosis) {
    }

    private static void citesFrames(RelayFlow f) {
        List<Evidence> ev = f.findings().stream().flatMap(x -> x.evidence().stream()).toList();
        assertThat(ev).as("evidence of %s", f.describe())
                .anySatisfy(e -> assertThat(e.location() + " " + e.excerpt()).containsPattern("frames? \\d+"));
    }

    private Pair<TlsInspection> pseudo(String name, TransportAddress target) throws Exception {
        return record(name, target.port(),
                () -> PseudoTlsProbe.create(opts()).inspect(target, TIMEOUT).toCompletableFuture().join());
    }

    private static void sameVerdict(Pair<TlsInspection> p, Verdict expected) {
        assertThat(p.live().verdict()).as("live verdict").isEqualTo(expected);
        assertThat(p.captured().verdict()).as("capture verdict: %s", p.captured().findings())
                .isEqualTo(p.live().verdict().name());
        assertThat(p.captured().ok()).isEqualTo(p.live().genuine());
        List<String> liveCodes = p.live().findings().stream().map(Finding::code)
                .filter(c -> !c.startsWith("SERVER_HELLO_")).toList();
        List<String> capturedCodes = p.captured().findings().stream().map(Finding::code)
                .filter(c -> !c.startsWith("SERVER_HELLO_")).toList();
        assertThat(capturedCodes).as("finding codes").containsExactlyInAnyOrderElementsOf(liveCodes);
    }

    @Test
    void genuineEdge() throws Exception {
        try (EmulatedEdge edge = EmulatedEdge.start()) {
            Pair<TlsInspection> p = pseudo("edge", edge.address());
            sameVerdict(p, Verdict.GENUINE_PSEUDO_TLS);
            assertThat(p.diagnosis().rootCause().code()).isEqualTo(RootCauseCode.NONE);
            // Loopback timing may add the weak SERVER_HELLO_DELAYED warning (live too); nothing worse.
            assertThat(p.diagnosis().worstSeverity()).isLessThan(io.mediapath.ice.Severity.ERROR);
        }
    }

    @Test
    void resetAfterTheHello() throws Exception {
        try (InterceptingProxy proxy = InterceptingProxy.start(InterceptingProxy.Mode.RESET)) {
            Pair<TlsInspection> p = pseudo("reset", proxy.address());
            sameVerdict(p, Verdict.RESET_AFTER_HELLO);
            assertThat(p.diagnosis().rootCause().code()).isEqualTo(RootCauseCode.MIDDLEBOX_RESET);
        }
    }

    @Test
    void silenceAfterTheHello() throws Exception {
        try (InterceptingProxy proxy = InterceptingProxy.start(InterceptingProxy.Mode.SILENCE)) {
            Pair<TlsInspection> p = pseudo("silent", proxy.address());
            sameVerdict(p, Verdict.SILENT_AFTER_HELLO);
            assertThat(p.diagnosis().rootCause().code()).isEqualTo(RootCauseCode.MIDDLEBOX_SILENT);
        }
    }

    @Test
    void http407() throws Exception {
        try (InterceptingProxy proxy = InterceptingProxy.start(InterceptingProxy.Mode.HTTP_407)) {
            Pair<TlsInspection> p = pseudo("http407", proxy.address());
            sameVerdict(p, Verdict.HTTP_PROXY_RESPONSE);
            assertThat(p.diagnosis().rootCause().code()).isEqualTo(RootCauseCode.HTTP_PROXY);
        }
    }

    @Test
    void splitFlightFromAForgingProxy() throws Exception {
        try (InterceptingProxy proxy = InterceptingProxy.start(InterceptingProxy.Mode.ONE_RECORD_PER_PACKET)) {
            Pair<TlsInspection> p = pseudo("split", proxy.address());
            sameVerdict(p, Verdict.INTERCEPTED);
            assertThat(p.captured().findings()).extracting(Finding::code).contains("PSEUDO_TLS_SPLIT_RECORDS",
                    "PSEUDO_TLS_CERTIFICATE_PRESENT");
            assertThat(p.diagnosis().rootCause().code()).isEqualTo(RootCauseCode.TLS_INTERCEPTED);
        }
    }

    /**
     * sslsplit forging in front of nginx. The live TLS probe negotiates TLS 1.3, whose chain a capture cannot see:
     * the capture says so (TLS13_CHAIN_NOT_VISIBLE, LOW confidence, not ok, root cause UNDETERMINED) instead of
     * calling it fine. The same forging path over TLS 1.2 ({@code openssl s_client -tls1_2} recorded) shows the
     * forged chain and gets the live probe's verdict; so does the pseudo-TLS hello sslsplit refuses.
     */
    @Test
    void sslsplitForging() throws Exception {
        try (Nginx nginx = Nginx.builder().certificate(OpensslServer.relayCertificate(publicPki)).start();
                Sslsplit split = Sslsplit.builder().upstream(nginx.address()).start()) {
            Pair<TlsInspection> tls13 = record("sslsplit-tls13", split.address().port(),
                    () -> TlsProbe.create(opts()).inspect(split.address(), TIMEOUT).toCompletableFuture().join());
            assertThat(tls13.live().verdict()).isEqualTo(Verdict.INTERCEPTED);
            assertThat(tls13.captured().findings()).extracting(Finding::code).contains("TLS13_CHAIN_NOT_VISIBLE");
            assertThat(tls13.captured().ok()).isFalse();
            assertThat(tls13.diagnosis().rootCause().code()).isEqualTo(RootCauseCode.UNDETERMINED);

            Pair<String> tls12 = record("sslsplit-tls12", split.address().port(), () -> ManagedProcess.run(
                    Duration.ofSeconds(15), List.of(Binaries.require("openssl", "openssl").toString(), "s_client",
                            "-connect", split.address().toString(), "-tls1_2", "-servername", "relay.lync.test")));
            assertThat(tls12.captured().verdict()).as("%s", tls12.captured().findings())
                    .isEqualTo(tls13.live().verdict().name());
            assertThat(tls12.captured().findings()).extracting(Finding::code).contains("TLS_CHAIN_UNTRUSTED");
            assertThat(tls12.diagnosis().rootCause().code()).isEqualTo(RootCauseCode.TLS_INTERCEPTED);

            Pair<TlsInspection> pseudo = pseudo("sslsplit-pseudo", split.address());
            assertThat(pseudo.live().genuine()).isFalse();
            assertThat(pseudo.captured().verdict()).as("%s", pseudo.captured().findings())
                    .isEqualTo(pseudo.live().verdict().name());
        }
    }

    /**
     * The seed's path (the lab Edge behind the web-security proxy that forges the pseudo-TLS answer) run by the edge
     * playbook while tcpdump records it: {@code analyze} of that capture leads with the playbook's root cause and
     * modality table (audio and video over UDP work, app sharing and file transfer fail).
     */
    @Test
    void theEdgePlaybookAndItsCaptureGiveTheSameAnswer() throws Exception {
        try (io.mediapath.lab.SeedTopology lab = io.mediapath.lab.SeedTopology.websense()) {
            int udp = lab.udpAddress().orElseThrow().port();
            int tcp = lab.clientTarget().port();
            Path file = dir.resolve("edge-websense.pcap");
            io.mediapath.diagnose.playbook.EdgeReport live;
            try (Tcpdump t = Tcpdump.start("lo", file, "port " + udp + " or port " + tcp)) {
                live = io.mediapath.diagnose.playbook.EdgePlaybook.create(io.mediapath.diagnose.playbook.PlaybookOptions
                        .builder().environment(java.util.Map.of()).proxySelector(null).deadline(Duration.ofSeconds(8))
                        .build()).run(io.mediapath.diagnose.playbook.EdgeTarget.builder(lab.clientTarget().host())
                        .udpPort(udp).tcpPort(tcp).sni("edge.lab.example").build()).toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
            }
            CaptureDiagnosis d = CaptureAnalyzer.builder().inspectOptions(opts()).relay("127.0.0.1").build()
                    .analyze(file);
            String text = CaptureText.render(d);
            assertThat(live.rootCause().code()).isEqualTo(RootCauseCode.TLS_INTERCEPTED);
            assertThat(d.rootCause().code()).as(text).isEqualTo(live.rootCause().code());
            assertThat(d.modalities()).extracting(m -> m.modality() + " " + m.support()).as(text)
                    .containsExactlyElementsOf(live.modalities().stream().map(m -> m.modality() + " " + m.support())
                            .toList());
            assertThat(d.rootCause().evidence()).as("the cause cites the capture's frames")
                    .anySatisfy(e -> assertThat(e.location() + " " + e.excerpt()).containsPattern("frames? \\d+"));
            assertThat(text.indexOf("MODALITY")).isLessThan(text.indexOf("root cause:"));
        }
    }

    /**
     * MS-TURN after the pseudo-TLS handshake (the lab Edge over TCP): the framed Allocate, the 401, then Allocate
     * success with the right password and 401 again with a wrong one — judged past the 83-byte answer, frames cited.
     */
    @Test
    void msTurnAfterThePseudoTlsHandshake() throws Exception {
        try (EmulatedEdge edge = EmulatedEdge.builder().msTurn("alice@lab.test", "s3cret").start()) {
            java.net.InetSocketAddress a = new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(),
                    edge.address().port());
            java.util.function.Function<String, Supplier<Object>> allocate = pw -> () -> {
                io.mediapath.turn.msturn.MsTurnOptions.Builder b = io.mediapath.turn.msturn.MsTurnOptions.builder()
                        .timers(io.mediapath.turn.StunTimers.RFC8489.within(TIMEOUT));
                if (pw != null) {
                    b.credentials("alice@lab.test", pw);
                }
                try (io.mediapath.turn.msturn.MsTurnClient c = io.mediapath.turn.msturn.MsTurnClient.create(b.build())) {
                    return c.allocate(a, io.mediapath.turn.msturn.MsTurnTransport.TCP).handle((x, e) -> x == null
                            ? (Object) e : x).get(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            Pair<Object> right = record("msturn-right", a.getPort(), allocate.apply("s3cret"));
            assertThat(right.captured().verdict()).isEqualTo("GENUINE_PSEUDO_TLS");
            assertThat(right.captured().ok()).isTrue();
            assertThat(right.captured().findings()).extracting(Finding::code).contains("TURN_ALLOCATED");
            assertThat(right.captured().findings().stream().filter(f -> f.code().equals("TURN_ALLOCATED")).findFirst()
                    .orElseThrow().evidence()).allSatisfy(e -> assertThat(e.location()).containsPattern("frames? \\d+"));
            assertThat(right.diagnosis().rootCause().code()).isEqualTo(RootCauseCode.NONE);

            Pair<Object> wrong = record("msturn-wrong", a.getPort(), allocate.apply("not-s3cret"));
            assertThat(wrong.captured().verdict()).isEqualTo("AUTH_FAILED");
            assertThat(wrong.captured().findings()).extracting(Finding::code).contains("TURN_AUTH_FAILED");
            assertThat(wrong.diagnosis().rootCause().code()).isEqualTo(RootCauseCode.AUTH_FAILED);

            Pair<Object> challenge = record("msturn-challenge", a.getPort(), allocate.apply(null));
            assertThat(challenge.captured().verdict()).isEqualTo("GENUINE_PSEUDO_TLS");
            assertThat(challenge.captured().findings()).extracting(Finding::code).contains("TURN_CHALLENGED");
            assertThat(CaptureText.render(wrong.diagnosis()) + CaptureText.render(right.diagnosis()))
                    .doesNotContain("s3cret");
        }
    }

    private static TurnProbeReport turn(Coturn c, String password) {
        TurnProbe probe = TurnProbe.create(TurnProbeOptions.builder()
                .client(TurnClientOptions.builder().timers(StunTimers.FAST).build())
                .credentials(c.username(), password).build(), StunTransport.UDP);
        try {
            return probe.probe(StunUri.parse("turn:127.0.0.1:" + c.port()),
                    new ProbeContext(Deadline.after(Duration.ofSeconds(10)), e -> { })).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void coturnWrongAndRightPassword() throws Exception {
        try (Coturn c = Coturn.builder().start()) {
            Pair<TurnProbeReport> wrong = record("coturn-wrong", c.port(), () -> turn(c, "not-" + c.password()));
            assertThat(wrong.live().findings()).extracting(Finding::code).contains("TURN_AUTH_FAILED");
            assertThat(wrong.captured().verdict()).isEqualTo("AUTH_FAILED");
            assertThat(wrong.captured().findings()).extracting(Finding::code).containsExactly("TURN_AUTH_FAILED");
            assertThat(wrong.diagnosis().rootCause().code()).isEqualTo(RootCauseCode.AUTH_FAILED);

            Pair<TurnProbeReport> right = record("coturn-right", c.port(), () -> turn(c, c.password()));
            assertThat(right.live().findings()).extracting(Finding::code).contains("TURN_ALLOCATED");
            assertThat(right.captured().verdict()).isEqualTo("ALLOCATED");
            assertThat(right.captured().findings()).extracting(Finding::code).containsExactly("TURN_ALLOCATED");
            assertThat(right.diagnosis().rootCause().code()).isEqualTo(RootCauseCode.NONE);
            String text = CaptureText.render(right.diagnosis()) + CaptureText.render(wrong.diagnosis());
            assertThat(text).as("no password in the reports").doesNotContain(c.password());
        }
    }
}
