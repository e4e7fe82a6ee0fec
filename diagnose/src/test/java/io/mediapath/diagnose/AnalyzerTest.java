package io.mediapath.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediapath.ice.Finding;
import io.mediapath.sdp.msdiag.Location;
import io.mediapath.ice.Severity;
import io.mediapath.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AnalyzerTest {

    static String sample(String name) throws IOException {
        try (InputStream in = AnalyzerTest.class.getClassLoader().getResourceAsStream("samples/" + name)) {
            assertThat(in).as("bundled sample " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** One of the Lync/SfB samples we wrote (test-support). */
    static String lync(String name) {
        return TestData.sample("lync/" + name);
    }

    static Set<String> codes(Diagnosis d) {
        Set<String> s = new TreeSet<>();
        d.findings().forEach(f -> s.add(f.code()));
        return s;
    }

    @Test
    void seedAlfLogReproducesTheFieldReport() throws Exception {
        Diagnosis d = Analyzer.builder().build().analyze(sample("seed-alf-appsharing.log"), "alf.log");
        assertThat(d.kind()).isEqualTo(Diagnosis.InputKind.LOG);
        assertThat(d.dialogs()).hasSize(2); // the MRAS SERVICE dialog has no media and is left out
        assertThat(codes(d)).contains("NO_TCP_RELAY_CANDIDATE", "NO_RELAY_CANDIDATE", "HOST_ONLY_CANDIDATES",
                "PRIVATE_ADDRESSES_ONLY", "NO_FEASIBLE_PAIR", "ICEWARN_PSEUDO_TLS_FAILURE", "ICEWARN_TCP_ALLOCATE_FAILED",
                "MS_DIAG_MEDIA_CONNECTIVITY_FAILURE", "NO_TCP_RELAY_ALLOCATION")
                .doesNotContain("DRAFT6_AND_RFC5245_DISAGREE", "APPSHARING_NOT_TCP", "MALFORMED_BODY", "MS_DIAG_UNPARSABLE");
        assertThat(d.worstSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(d.exitCode()).isEqualTo(1);

        Diagnosis.DialogDiagnosis app = d.dialogs().get(1);
        assertThat(app.locations().caller()).isEqualTo(Location.INTRANET);
        assertThat(app.locations().callee()).isEqualTo(Location.INTERNET);
        assertThat(app.iceWarns()).singleElement().satisfies(w -> {
            assertThat(w.hex()).isEqualTo("0x800328");
            assertThat(w.mediaType()).isEqualTo("application-sharing");
        });
        Finding tcp = app.findings().stream().filter(f -> f.code().equals("NO_TCP_RELAY_CANDIDATE")).findFirst().orElseThrow();
        assertThat(tcp.severity()).isEqualTo(Severity.ERROR);
        assertThat(tcp.summary()).contains("has a UDP relay");
        // Evidence lines point into the log itself.
        String[] lines = sample("seed-alf-appsharing.log").split("\n");
        tcp.evidence().forEach(e -> {
            int n = Integer.parseInt(e.location().substring("line ".length()));
            assertThat(lines[n - 1].strip()).isEqualTo(e.excerpt());
        });
        Finding ptls = app.findings().stream().filter(f -> f.code().equals("ICEWARN_PSEUDO_TLS_FAILURE")).findFirst().orElseThrow();
        assertThat(ptls.remedy()).contains("by IP address (10.20.1.10)").contains("no SNI");
        // The audio dialog's multipart offer: both parts agree, the audio works over the UDP relay.
        Diagnosis.DialogDiagnosis audio = d.dialogs().get(0);
        assertThat(audio.audit()).hasValueSatisfying(a -> assertThat(a.media().get(0).hasFeasiblePair()).isTrue());
        assertThat(audio.findings()).noneMatch(f -> f.code().equals("NO_FEASIBLE_PAIR"));
    }

    @Test
    void seedWebsenseTraceShowsTheViewerWithoutTcpRelay() throws Exception {
        Diagnosis d = Analyzer.builder().build().analyze(sample("seed-websense-desktop-sharing.sip"), "websense.sip");
        assertThat(d.dialogs()).hasSize(1);
        assertThat(codes(d)).contains("NO_TCP_RELAY_CANDIDATE", "NO_RELAY_CANDIDATE", "HOST_ONLY_CANDIDATES",
                "NO_FEASIBLE_PAIR", "ICEWARN_PSEUDO_TLS_FAILURE", "ICEWARN_TCP_ALLOCATE_FAILED",
                "MS_DIAG_MEDIA_CONNECTIVITY_FAILURE");
        assertThat(d.exitCode()).isEqualTo(1);
        assertThat(d.dialogs().get(0).iceWarns().get(0).hex()).isEqualTo("0x800128");
    }

    @Test
    void bareHealthySdpExitsZero() throws Exception {
        Diagnosis d = Analyzer.builder().build().analyze(lync("sfb-offer-audio-udp-and-tcp-relay.sdp"), "sfb-relay.sdp");
        assertThat(d.kind()).isEqualTo(Diagnosis.InputKind.SDP);
        assertThat(codes(d)).containsExactly("NO_SRFLX_CANDIDATE");
        assertThat(d.exitCode()).isZero();
    }

    @Test
    void anSdpPastedBeforeTheSipMessagesIsReadWithThem() throws Exception {
        String sdp = lync("sfb-offer-audio-udp-and-tcp-relay.sdp");
        String bye = "BYE sip:bob@example.com SIP/2.0\r\n"
                + "Call-ID: pasted-1\r\nCSeq: 3 BYE\r\nFrom: <sip:alice@example.com>;tag=1\r\nTo: <sip:bob@example.com>;tag=2\r\n"
                + sample("seed-websense-desktop-sharing.sip").lines()
                        .filter(l -> l.startsWith("ms-client-diagnostics:")).findFirst().orElseThrow() + "\r\n"
                + "Content-Length: 0\r\n\r\n";
        Diagnosis d = Analyzer.builder().build().analyze(sdp + (sdp.endsWith("\n") ? "" : "\r\n") + bye, "pasted.txt");
        assertThat(codes(d)).contains("NO_SRFLX_CANDIDATE", "ICEWARN_PSEUDO_TLS_FAILURE");
        assertThat(d.dialogs()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(d.dialogs().get(0).audit()).isPresent();
        assertThat(d.exitCode()).isEqualTo(1);
        // the bare SDP alone is still an SDP, and healthy
        assertThat(Analyzer.builder().build().analyze(sdp, "sdp").kind()).isEqualTo(Diagnosis.InputKind.SDP);
    }

    @Test
    void lync200OkWithDiagnostics() throws Exception {
        Diagnosis d = Analyzer.builder().build().analyze(lync("lync-200ok-with-ms-client-diagnostics.sip.txt"), "200ok");
        assertThat(d.kind()).isEqualTo(Diagnosis.InputKind.SIP);
        assertThat(codes(d)).contains("ICEWARN_NO_TURN_SERVER_CONFIGURED", "NO_RELAY_CANDIDATE", "HOST_ONLY_CANDIDATES");
        assertThat(d.dialogs().get(0).locations().callee()).isEqualTo(Location.INTRANET);
        assertThat(d.exitCode()).isEqualTo(1);
    }

    @Test
    void diagnosticsSamplesAsLooseHeaders() throws Exception {
        Diagnosis d = Analyzer.builder().build().analyze(lync("ms-client-diagnostics-samples.txt"), "samples.txt");
        assertThat(d.kind()).isIn(Diagnosis.InputKind.DIAGNOSTICS, Diagnosis.InputKind.LOG);
        assertThat(codes(d)).contains("ICEWARN_NO_TURN_SERVER_CONFIGURED", "ICEWARN_PSEUDO_TLS_FAILURE",
                "ICEWARN_TCP_TCP_TURN_CHECKS_FAILED", "MS_DIAG_MEDIA_CONNECTIVITY_FAILURE");
        assertThat(d.exitCode()).isEqualTo(1);
    }

    @Test
    void nonsenseIsUnreadable() {
        assertThatThrownBy(() -> Analyzer.builder().build().analyze("hello world\nnothing here\n", "x.txt"))
                .isInstanceOf(UnreadableInputException.class).hasMessageContaining("x.txt");
    }
}
