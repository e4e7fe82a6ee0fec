package io.mediapath.ice;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.sdp.msdiag.Location;
import io.mediapath.sdp.msdiag.MsDiagnostics;
import io.mediapath.testing.TestData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Findings from the seven headers of our sample lync/ms-client-diagnostics-samples.txt (one per variant). */
class DiagnosticsAuditTest {

    static final Map<String, String> HEADERS = new LinkedHashMap<>();

    /** Splits the samples file into header values: blocks start at "## [Dn]"; wrapped lines are joined. */
    @BeforeAll
    static void readSamples() {
        String text = TestData.sample("lync/ms-client-diagnostics-samples.txt");
        String id = null;
        StringBuilder value = null;
        for (String line : text.split("\r?\n")) {
            if (line.startsWith("## [")) {
                if (id != null && value != null) {
                    HEADERS.put(id, value.toString());
                }
                id = line.substring(3, line.indexOf(']') + 1);
                value = null;
                continue;
            }
            if (id == null) {
                continue;
            }
            java.util.regex.Matcher hm = java.util.regex.Pattern.compile("ms-[a-z-]*diagnostics[a-z-]*: ").matcher(line);
            int h = hm.find() ? hm.end() : -1;
            int mon = line.indexOf("The Diagnostic Header ");
            if (mon >= 0) {
                value = new StringBuilder(line.substring(mon + "The Diagnostic Header ".length()));
            } else if (h >= 0 && value == null) {
                value = new StringBuilder(line.substring(h));
            } else if (value != null && !line.startsWith("[") && !line.startsWith("a=") && !line.isBlank()) {
                value.append(line);
            }
        }
        HEADERS.put(id, value.toString());
    }

    static List<Finding> audit(String id) {
        return DiagnosticsAudit.audit(MsDiagnostics.parse(HEADERS.get(id)), Evidence.line("samples", 1, "x"));
    }

    static Map<String, Severity> codes(List<Finding> f) {
        return f.stream().collect(Collectors.toMap(Finding::code, Finding::severity, (a, b) -> a, LinkedHashMap::new));
    }

    @Test
    void allSevenSamplesAreRead() {
        assertThat(HEADERS).containsOnlyKeys("[D1]", "[D2]", "[D3]", "[D4]", "[D5]", "[D6]", "[D7]");
    }

    @Test
    void d1NoTurnServerConfigured() {
        assertThat(codes(audit("[D1]"))).containsExactly(Map.entry("ICEWARN_NO_TURN_SERVER_CONFIGURED", Severity.ERROR));
        DiagnosticsAudit.Locations l = DiagnosticsAudit.locations(MsDiagnostics.parse(HEADERS.get("[D1]")));
        assertThat(l).isEqualTo(new DiagnosticsAudit.Locations(Location.UNKNOWN, Location.INTRANET));
    }

    @Test
    void d2NormalCallHasNothingWrong() {
        assertThat(audit("[D2]")).isEmpty();
        assertThat(DiagnosticsAudit.locations(MsDiagnostics.parse(HEADERS.get("[D2]"))))
                .isEqualTo(new DiagnosticsAudit.Locations(Location.INTRANET, Location.INTRANET));
    }

    @Test
    void d3PrematureByeDecodesEveryBit() {
        Map<String, Severity> c = codes(audit("[D3]"));
        assertThat(c).containsEntry("ICEWARN_TCP_TCP_TURN_CHECKS_FAILED", Severity.ERROR)
                .containsEntry("ICEWARN_UDP_TURN_CONNECTIVITY_FAILED", Severity.WARNING)
                .containsEntry("ICEWARN_TCP_TURN_CONNECTIVITY_FAILED", Severity.WARNING)
                .containsEntry("ICEWARN_LOCAL_CONNECTIVITY_FAILED", Severity.INFO)
                .containsEntry("ICEWARN_TCP_NAT_CONNECTIVITY_FAILED", Severity.INFO)
                .doesNotContainKey(FindingCodes.MS_DIAG_MEDIA_CONNECTIVITY_FAILURE.code());
        assertThat(c).hasSize(5);
    }

    @Test
    void d4MonitoringRenderingOfAFederatedFailure() {
        Map<String, Severity> c = codes(audit("[D4]"));
        assertThat(c).containsEntry(FindingCodes.MS_DIAG_MEDIA_CONNECTIVITY_FAILURE.code(), Severity.ERROR)
                .containsEntry("ICEWARN_TCP_TCP_TURN_CHECKS_FAILED", Severity.ERROR)
                .doesNotContainKey(FindingCodes.RELAY_DNS_FAILURE.code()); // MrResU="0"
        assertThat(DiagnosticsAudit.locations(MsDiagnostics.parse(HEADERS.get("[D4]"))))
                .isEqualTo(new DiagnosticsAudit.Locations(Location.INTRANET, Location.INTRANET));
    }

    @Test
    void d5DesktopSharingBothRemote() {
        List<Finding> f = audit("[D5]");
        assertThat(codes(f)).containsEntry(FindingCodes.MS_DIAG_MEDIA_CONNECTIVITY_FAILURE.code(), Severity.ERROR)
                .containsEntry("ICEWARN_TCP_TURN_CONNECTIVITY_FAILED", Severity.WARNING)
                .doesNotContainKey(FindingCodes.NO_TCP_RELAY_ALLOCATION.code()); // LocalMRTCPPort=57498
        assertThat(f).anySatisfy(x -> assertThat(x.summary()).contains("caller application-sharing ICEWarn=0x320"));
        assertThat(DiagnosticsAudit.locations(MsDiagnostics.parse(HEADERS.get("[D5]"))))
                .isEqualTo(new DiagnosticsAudit.Locations(Location.INTERNET, Location.INTERNET));
    }

    @Test
    void d6PseudoTlsFailureIsCriticalWithAnIpBypassRemedy() {
        List<Finding> f = audit("[D6]");
        Finding ptls = f.stream().filter(x -> x.code().equals("ICEWARN_PSEUDO_TLS_FAILURE")).findFirst().orElseThrow();
        assertThat(ptls.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(ptls.summary()).contains("0x800000").contains("0x80012b");
        assertThat(ptls.remedy()).contains("by IP address").contains("no SNI");
        assertThat(codes(f)).containsKeys("ICEWARN_TURN_UNREACHABLE", "ICEWARN_UDP_ALLOCATE_FAILED",
                "ICEWARN_TCP_ALLOCATE_FAILED", FindingCodes.MS_DIAG_MEDIA_CONNECTIVITY_FAILURE.code());
    }

    @Test
    void d7ServerSideRefusalIsAFailureButNotMedia() {
        assertThat(codes(audit("[D7]"))).containsExactly(Map.entry(FindingCodes.MS_DIAG_FAILURE.code(), Severity.WARNING));
    }

    @Test
    void relayWithoutTcpPortAndUnresolvedRelayName() {
        MsDiagnostics d = MsDiagnostics.parse("23;reason=\"x\";CallerMediaDebug=\"application-sharing:ICEWarn=0x800328,"
                + "LocalSite=10.20.30.40:50040,LocalMR=10.20.1.10:3478,RemoteSite=203.0.113.45:50020,"
                + "RemoteMR=198.51.100.10:55012,PortRange=50040:50059,LocalLocation=2,RemoteLocation=1,"
                + "MrDnsU=edgepool-int.example.com,MrResU=1\"");
        List<Finding> f = DiagnosticsAudit.audit(d, Evidence.line("bye", 9, "ms-client-diagnostics: 23;..."));
        assertThat(codes(f)).containsKeys("ICEWARN_PSEUDO_TLS_FAILURE", FindingCodes.NO_TCP_RELAY_ALLOCATION.code(),
                FindingCodes.RELAY_DNS_FAILURE.code());
        Finding ptls = f.stream().filter(x -> x.code().equals("ICEWARN_PSEUDO_TLS_FAILURE")).findFirst().orElseThrow();
        assertThat(ptls.remedy()).contains("(10.20.1.10)").contains("edgepool-int.example.com").contains("mediapath edge 10.20.1.10`")
                .doesNotContain("mediapath tls 10.20.1.10:443");
        assertThat(ptls.evidence()).singleElement().satisfies(e -> assertThat(e.location()).isEqualTo("line 9"));
        assertThat(DiagnosticsAudit.locations(d)).isEqualTo(new DiagnosticsAudit.Locations(Location.INTRANET, Location.INTERNET));
    }
}
