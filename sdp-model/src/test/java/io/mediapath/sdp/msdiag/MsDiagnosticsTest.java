package io.mediapath.sdp.msdiag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediapath.sdp.sip.LogScanner;
import io.mediapath.sdp.sip.SipMessage;
import io.mediapath.testing.TestData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class MsDiagnosticsTest {
    private static final String SAMPLES = "ms-client-diagnostics-samples.txt";

    private static List<String> sampleLines() {
        return TestData.sample("lync/" + SAMPLES).lines().toList();
    }

    private static Path samplePath() {
        return TestData.path(TestData.sampleResource("lync/" + SAMPLES));
    }

    /** The sample file's lines, by their leading text. */
    private static String sampleLine(String prefix) throws IOException {
        return sampleLines().stream().filter(l -> l.startsWith(prefix))
                .findFirst().orElseThrow(() -> new AssertionError("no sample line starting with " + prefix));
    }

    private static String valueOf(String headerLine) {
        return headerLine.substring(headerLine.indexOf(':') + 1);
    }

    @Test
    void d1_lync2013CalleeReportWithNoTurnServer() throws IOException {
        MsDiagnostics d = MsDiagnostics.parse(valueOf(sampleLine("ms-client-diagnostics: 51007;reason=")));
        assertThat(d.code()).isEqualTo(51007);
        assertThat(d.subCode()).isEqualTo(OptionalInt.empty());
        assertThat(d.reason()).isEqualTo("Callee media connectivity diagnosis info");
        assertThat(d.parameters().keySet()).containsExactly("reason", "CalleeMediaDebug");
        assertThat(d.known()).hasValueSatisfying(c -> assertThat(c.failure()).isFalse());
        MediaDebug m = d.mediaDebug().get(0);
        assertThat(d.mediaDebug()).hasSize(1);
        assertThat(m.side()).isEqualTo(MediaDebug.Side.CALLEE);
        assertThat(m.mediaType()).isEqualTo("audio");
        assertThat(m.iceWarn()).hasValue(0x80000);
        assertThat(m.iceWarnFlags()).extracting(IceWarnFlag::name).containsExactly("NO_TURN_SERVER_CONFIGURED");
        assertThat(m.localSite()).contains(new MediaEndpoint("10.0.3.40", 14832));
        assertThat(m.remoteSite()).contains(new MediaEndpoint("10.0.2.30", 6002));
        assertThat(m.portRange()).contains(new PortRange(1025, 65000));
        assertThat(m.localLocation()).contains(Location.INTRANET);
        assertThat(m.remoteLocation()).contains(Location.UNKNOWN);
        assertThat(m.federationType()).contains(FederationType.NONE);
        assertThat(m.interfaces()).hasValue(0x12);
        assertThat(m.localMr()).isEmpty();
        assertThat(m.localMrTcpPort()).isEmpty();
    }

    @Test
    void theSample200OkCarriesTheSameHeader() {
        SipMessage ok = SipMessage.parse(TestData.sample("lync/lync-200ok-with-ms-client-diagnostics.sip.txt"));
        List<DiagnosticsHeader> headers = DiagnosticsHeader.of(ok);
        assertThat(headers).singleElement().satisfies(h -> {
            assertThat(h.kind()).isEqualTo(DiagnosticsHeader.Kind.MS_CLIENT_DIAGNOSTICS);
            assertThat(h.line()).isEqualTo(16);
            assertThat(h.error()).isEmpty();
            MediaDebug m = h.parsed().orElseThrow().mediaDebug().get(0);
            assertThat(m.iceWarn()).hasValue(0x80000);
            assertThat(m.localLocation()).contains(Location.INTRANET);
            assertThat(m.localSite()).contains(new MediaEndpoint("10.0.3.40", 14832));
        });
    }

    @Test
    void d2AndD3_wrappedValuesFromAClientLog() throws IOException {
        List<SipMessage> msgs = LogScanner.create(SAMPLES).scanAll(samplePath()).messages();
        MsDiagnostics d2 = MsDiagnostics.parse(msgs.get(0).header("ms-client-diagnostics").orElseThrow());
        assertThat(d2.code()).isEqualTo(51007);
        MediaDebug m2 = d2.mediaDebug().get(0);
        assertThat(m2.side()).isEqualTo(MediaDebug.Side.CALLEE);
        assertThat(m2.iceWarn()).hasValue(0);
        assertThat(m2.iceWarnFlags()).isEmpty();
        assertThat(m2.localMr()).contains(new MediaEndpoint("10.0.100.1", 58503)); // the ip::port form
        assertThat(m2.remoteMr()).contains(new MediaEndpoint("203.0.113.20", 58091));
        assertThat(m2.remoteSite()).contains(new MediaEndpoint("198.51.100.135", 20726));
        assertThat(m2.localMrTcpPort()).hasValue(59100);
        assertThat(m2.remoteMrTcpPort()).hasValue(58091);
        assertThat(m2.portRange()).contains(new PortRange(50020, 50039));
        assertThat(m2.localLocation()).contains(Location.INTRANET);
        assertThat(m2.remoteLocation()).contains(Location.INTRANET);
        assertThat(m2.networkName()).contains("corp.example.com");
        assertThat(m2.baseInterface()).hasValue(2);
        assertThat(m2.baseAddress()).contains(new MediaEndpoint("10.0.100.1", 50020));

        MsDiagnostics d3 = MsDiagnostics.parse(msgs.get(1).header("ms-client-diagnostics").orElseThrow());
        assertThat(d3.code()).isEqualTo(51004);
        assertThat(d3.reason()).isEqualTo("Action initiated by User");
        MediaDebug m3 = d3.mediaDebug().get(0);
        assertThat(m3.iceWarnFlags()).extracting(IceWarnFlag::bit)
                .containsExactly(0x20L, 0x80L, 0x100L, 0x200L, 0x4000000L);
        assertThat(m3.remoteMr()).contains(new MediaEndpoint("10.0.100.1", 58091));
        assertThat(m3.remoteLocation()).contains(Location.INTRANET);
        assertThat(m3.federationType()).isEmpty(); // the log line was cut off
    }

    @Test
    void d4_monitoringServerFormWithAMissingQuote() throws IOException {
        MsDiagnostics header = MsDiagnostics.parse(valueOf(sampleLine("ms-client-diagnostics: 25;")));
        assertThat(header.code()).isEqualTo(25);
        assertThat(header.reason()).startsWith("A federated call failed");
        assertThat(header.mediaDebug()).isEmpty();
        assertThat(DiagnosticCode.isMediaConnectivityFailure(header.code())).isTrue();

        String line = sampleLine("The Diagnostic Header ");
        MsDiagnostics d = MsDiagnostics.parse(line.substring("The Diagnostic Header ".length()));
        assertThat(d.code()).isEqualTo(25);
        assertThat(d.parameter("usertype")).contains("Callee");
        assertThat(d.parameters().get("BaseAddress")).isEqualTo("10.9.99.33:20018");
        assertThat(d.parameters().get("MrDnsU")).isEqualTo("edge01.example.com");
        MediaDebug m = d.mediaDebug().get(0);
        assertThat(d.mediaDebug()).hasSize(1);
        assertThat(m.side()).isEqualTo(MediaDebug.Side.CALLEE);
        assertThat(m.mediaType()).isEqualTo("audio");
        assertThat(m.iceWarn()).hasValue(0x40003a0);
        assertThat(m.localMr()).contains(new MediaEndpoint("198.51.100.202", 54594));
        assertThat(m.remoteMr()).contains(new MediaEndpoint("203.0.113.147", 54376));
        assertThat(m.localMrTcpPort()).hasValue(55223);
        assertThat(m.federationType()).contains(FederationType.ENTERPRISE);
        assertThat(m.mrDnsU()).contains("edge01.example.com");
        assertThat(m.mrResU()).contains("0");
        assertThat(m.baseAddress()).contains(new MediaEndpoint("10.9.99.33", 20018));
        assertThat(m.interfaces()).hasValue(6);
    }

    @Test
    void d5_applicationSharingBothRemote() throws IOException {
        MsDiagnostics d = MsDiagnostics.parse(valueOf(sampleLine("ms-client-diagnostics: 24;")));
        assertThat(d.code()).isEqualTo(24);
        assertThat(d.known()).hasValueSatisfying(c -> assertThat(c.remedy()).contains("by IP address"));
        MediaDebug m = d.mediaDebug().get(0);
        assertThat(m.side()).isEqualTo(MediaDebug.Side.CALLER);
        assertThat(m.isApplicationSharing()).isTrue();
        assertThat(m.iceWarnFlags()).extracting(IceWarnFlag::name).containsExactly("LOCAL_CONNECTIVITY_FAILED",
                "TCP_NAT_CONNECTIVITY_FAILED", "TCP_TURN_CONNECTIVITY_FAILED");
        assertThat(m.remoteSite()).isEmpty();
        assertThat(m.field("RemoteSite")).contains("");
        assertThat(m.localMrTcpPort()).hasValue(57498);
        assertThat(m.localLocation()).contains(Location.INTERNET);
        assertThat(m.remoteLocation()).contains(Location.INTERNET);
    }

    @Test
    void d6_wrappedReasonAndPseudoTlsFailure() throws IOException {
        List<String> all = sampleLines();
        int i = all.indexOf(sampleLine("ms-client-diagnostics: 23;"));
        // as published the header wraps over three lines without leading blanks; the SIP parser joins them
        String text = "BYE sip:user@example.com SIP/2.0\r\n" + all.get(i) + "\r\n" + all.get(i + 1) + "\r\n"
                + all.get(i + 2) + "\r\n";
        SipMessage bye = SipMessage.parse(text);
        MsDiagnostics d = MsDiagnostics.parse(bye.header("ms-client-diagnostics").orElseThrow());
        assertThat(d.code()).isEqualTo(23);
        assertThat(d.reason()).isEqualTo("Call failed to establish due to a media connectivity failure when one "
                + "endpoint is internal and the other is remote");
        MediaDebug m = d.mediaDebug().get(0);
        assertThat(m.iceWarn()).hasValue(0x80012b);
        List<IceWarnFlag> flags = m.iceWarnFlags();
        assertThat(flags).extracting(IceWarnFlag::bit).containsExactly(0x1L, 0x2L, 0x8L, 0x20L, 0x100L, 0x800000L);
        IceWarnFlag pseudoTls = flags.get(5);
        assertThat(pseudoTls.name()).isEqualTo("PSEUDO_TLS_FAILURE");
        assertThat(pseudoTls.meaning()).contains("deep SSL inspection");
        assertThat(pseudoTls.remedy()).contains("by IP address").contains("SNI");
        assertThat(pseudoTls.informational()).isFalse();
    }

    @Test
    void d7_serverSidePublicDiagnostics() throws IOException {
        MsDiagnostics d = MsDiagnostics.parse(valueOf(sampleLine("ms-diagnostics-public:")));
        assertThat(d.code()).isEqualTo(21002);
        assertThat(d.reason()).isEqualTo("Attendees cannot share in this conference");
        assertThat(d.parameter("component")).contains("ASMCU");
        assertThat(d.mediaDebug()).isEmpty();
        assertThat(d.known()).hasValueSatisfying(c -> assertThat(c.failure()).isTrue());
    }

    @Test
    void everySampleHeaderLineParses() throws IOException {
        long parsed = sampleLines().stream()
                .filter(l -> l.startsWith("ms-client-diagnostics:") || l.startsWith("ms-diagnostics-public:"))
                .map(l -> MsDiagnostics.parse(valueOf(l)))
                .peek(d -> assertThat(d.code()).isPositive())
                .count();
        assertThat(parsed).isEqualTo(7);
    }

    @Test
    void multipleMediaSectionsAndSubCodes() {
        MsDiagnostics d = MsDiagnostics.parse("22.3 ; reason=\"x\" ; CallerMediaDebug=\"audio:ICEWarn=0x2,LocalSite=10.0.0.1:5000,"
                + "video:ICEWarn=0x4,LocalSite=10.0.0.1:5002\";CalleeMediaDebug=application-sharing:ICEWarn=0x800008,"
                + "LocalMR=[2001:db8::1]:3478; source=\"sip.example.com\"");
        assertThat(d.code()).isEqualTo(22);
        assertThat(d.subCode()).hasValue(3);
        assertThat(d.parameter("SOURCE")).contains("sip.example.com");
        assertThat(d.mediaDebug()).extracting(MediaDebug::mediaType).containsExactly("audio", "video",
                "application-sharing");
        assertThat(d.mediaDebug()).extracting(MediaDebug::side).containsExactly(MediaDebug.Side.CALLER,
                MediaDebug.Side.CALLER, MediaDebug.Side.CALLEE);
        assertThat(d.mediaDebug().get(1).iceWarnFlags()).extracting(IceWarnFlag::name).containsExactly("UDP_SEND_FAILED");
        assertThat(d.mediaDebug().get(2).localMr()).contains(new MediaEndpoint("2001:db8::1", 3478));
        assertThat(d.mediaDebug().get(2).iceWarnFlags()).extracting(IceWarnFlag::name)
                .containsExactly("TCP_ALLOCATE_FAILED", "PSEUDO_TLS_FAILURE");
    }

    @Test
    void rejectsValuesWithoutACodeWithATypedError() {
        assertThatThrownBy(() -> MsDiagnostics.parse("reason=\"x\""))
                .isInstanceOfSatisfying(MsDiagnosticsParseException.class, e -> assertThat(e.offset()).isZero());
        assertThatThrownBy(() -> MsDiagnostics.parse("   ")).isInstanceOf(MsDiagnosticsParseException.class);
        assertThatThrownBy(() -> MsDiagnostics.parse("123;=x"))
                .isInstanceOfSatisfying(MsDiagnosticsParseException.class, e -> assertThat(e.offset()).isEqualTo(4));
        assertThat(DiagnosticsHeader.of(SipMessage.parse("SIP/2.0 480 Unavailable\r\nms-diagnostics: oops\r\n")))
                .singleElement().satisfies(h -> {
                    assertThat(h.kind()).isEqualTo(DiagnosticsHeader.Kind.MS_DIAGNOSTICS);
                    assertThat(h.parsed()).isEmpty();
                    assertThat(h.error()).hasValueSatisfying(e -> assertThat(e).contains("no diagnostic code"));
                });
    }
}
