package io.mediapath.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.diagnose.report.HtmlReport;
import io.mediapath.diagnose.report.JsonReport;
import io.mediapath.diagnose.report.TextReport;
import org.junit.jupiter.api.Test;

class OfflineRootCauseTest {

    private static Diagnosis analyze(String text) throws Exception {
        return Analyzer.builder().build().analyze(text, "t.log");
    }

    /** A BYE of an internal client whose ms-client-diagnostics report the given ICEWarn for application sharing. */
    private static String bye(String iceWarn, String extra) {
        return "BYE sip:dana@example.org SIP/2.0\r\n"
                + "Call-ID: c1\r\nCSeq: 2 BYE\r\nFrom: <sip:ann@example.org>;tag=a\r\nTo: <sip:dana@example.org>;tag=b\r\n"
                + "ms-client-diagnostics: 23;reason=\"Call failed to establish due to a media connectivity failure\";"
                + "CallerMediaDebug=\"application-sharing:ICEWarn=" + iceWarn + ",LocalSite=10.1.2.3:50040,"
                + "LocalMR=10.9.9.9:3478" + extra + ",LocalLocation=2,RemoteLocation=1\"\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    @Test
    void theSeedLogLeadsWithTlsInterceptionAndTheRightRemedy() throws Exception {
        Diagnosis d = analyze(AnalyzerTest.sample("seed-alf-appsharing.log"));
        RootCause c = d.rootCause();
        assertThat(c.code()).isEqualTo(RootCauseCode.TLS_INTERCEPTED);
        assertThat(d.findings()).hasSize(18);
        assertThat(c.summary()).contains("TCP 443", "10.20.1.10 (edgepool-int.example.com)", "0x800000",
                "internal client", "Voice and video work over UDP", "application sharing and file transfer");
        assertThat(c.remedy()).contains("by IP address", "10.20.1.10", "no SNI", "`mediapath edge 10.20.1.10`")
                .doesNotContain("mediapath tls");
        assertThat(c.evidence()).isNotEmpty();
        assertThat(c.evidence().get(0).excerpt()).contains("ICEWarn=0x800");
        // every finding's remedy points at the live check that can prove it, never at tls without --pseudo-tls
        assertThat(d.findings()).noneMatch(f -> f.remedy().matches("(?s).*mediapath tls [^-].*"));

        String text = TextReport.render(d);
        assertThat(text.indexOf("== Root cause: TLS_INTERCEPTED")).isPositive()
                .isLessThan(text.indexOf("== 1. "));
        assertThat(text).contains("== Supporting findings (18)", "root cause TLS_INTERCEPTED");
        assertThat(JsonReport.render(d)).contains("\"rootCause\" : {\n    \"code\" : \"TLS_INTERCEPTED\"");
        assertThat(HtmlReport.render(d)).contains("<h2>Root cause: <code>TLS_INTERCEPTED</code></h2>");
    }

    @Test
    void theWebsenseSampleHasTheSameCause() throws Exception {
        RootCause c = analyze(AnalyzerTest.sample("seed-websense-desktop-sharing.sip")).rootCause();
        assertThat(c.code()).isEqualTo(RootCauseCode.TLS_INTERCEPTED);
        assertThat(c.remedy()).contains("172.16.5.9").contains("mediapath edge 172.16.5.9");
    }

    @Test
    void aCleanOfferHasNoCause() throws Exception {
        Diagnosis d = analyze("v=0\r\no=- 0 0 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                + "m=audio 5000 RTP/AVP 0\r\n"
                + "a=candidate:1 1 UDP 2130706431 192.0.2.1 5000 typ host\r\n"
                + "a=candidate:2 1 UDP 1694498815 198.51.100.7 6000 typ srflx raddr 192.0.2.1 rport 5000\r\n"
                + "a=candidate:3 1 UDP 16777215 203.0.113.9 7000 typ relay raddr 192.0.2.1 rport 5000\r\n"
                + "a=candidate:4 1 TCP 8331263 203.0.113.9 7001 typ relay raddr 192.0.2.1 rport 5000 tcptype passive\r\n");
        assertThat(d.exitCode()).isZero();
        assertThat(d.rootCause().code()).isEqualTo(RootCauseCode.NONE);
        assertThat(d.rootCause().remedy()).isEmpty();
    }

    @Test
    void eachIceWarnFailureNamesItsCause() throws Exception {
        assertThat(analyze(bye("0x4000", "")).rootCause().code()).isEqualTo(RootCauseCode.AUTH_FAILED);
        assertThat(analyze(bye("0x2000000", "")).rootCause().code()).isEqualTo(RootCauseCode.HTTP_PROXY);
        assertThat(analyze(bye("0x80000", "")).rootCause().code()).isEqualTo(RootCauseCode.NO_RELAY_CONFIGURED);
        assertThat(analyze(bye("0x1", "")).rootCause().code()).isEqualTo(RootCauseCode.RELAY_UNREACHABLE);
        RootCause tcp = analyze(bye("0x8", "")).rootCause();
        assertThat(tcp.code()).isEqualTo(RootCauseCode.TCP_BLOCKED);
        assertThat(tcp.remedy()).contains("10.9.9.9", "mediapath edge 10.9.9.9");
        // the pseudo-TLS bit outranks the TCP allocation bit it comes with
        assertThat(analyze(bye("0x800008", "")).rootCause().code()).isEqualTo(RootCauseCode.TLS_INTERCEPTED);
    }

    @Test
    void anOfferWithoutCandidatesIsNeverNothingWrong() throws Exception {
        String offer = "v=0\r\no=- 46117 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=ice-ufrag:Zq3x\r\n"
                + "a=ice-pwd:Vt8bK2mN5pQ7rS9uW1yA3cE6\r\na=ice-options:trickle\r\na=mid:0\r\na=rtpmap:111 opus/48000/2\r\n";
        Diagnosis trickled = analyze(offer);
        assertThat(trickled.exitCode()).isEqualTo(1);
        assertThat(trickled.rootCause().code()).isEqualTo(RootCauseCode.CANDIDATES_NOT_GATHERED);
        assertThat(TextReport.render(trickled)).doesNotContain("nothing wrong found").doesNotContain("Vt8bK2mN5pQ7rS9uW1yA3cE6");
        Diagnosis early = analyze(offer.replace("a=ice-options:trickle\r\n", ""));
        assertThat(early.worstSeverity()).isEqualTo(io.mediapath.ice.Severity.ERROR);
        assertThat(early.rootCause().summary()).contains("ICE cannot start");
    }
}
