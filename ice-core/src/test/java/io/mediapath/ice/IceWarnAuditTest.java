package io.mediapath.ice;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.sdp.msdiag.MsDiagnostics;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 1: an ICEWarn bit the table does not list used to become the finding code
 * {@code ICEWARN_UNKNOWN_0x10000000}, which {@link Finding} rejects, so the whole audit threw and the known bits beside
 * it (here the pseudo-TLS failure) were lost.
 */
class IceWarnAuditTest {

    static List<Finding> audit(String iceWarn) {
        MsDiagnostics d = MsDiagnostics.parse("22; reason=\"Call failed to establish due to a media connectivity "
                + "failure when one endpoint is internal and the other is remote\"; CallerMediaDebug=\"audio:ICEWarn="
                + iceWarn + ",LocalSite=192.168.1.10:50010,LocalMR=198.51.100.7:3478,MrDnsU=av.example.com\"");
        return DiagnosticsAudit.audit(d, Evidence.line("log", 7, "ms-client-diagnostics: …"));
    }

    @Test
    void anUnknownBitIsOneDocumentedFindingAndTheKnownBitsStillDecode() {
        List<Finding> f = audit("0x10800328");
        assertThat(f).extracting(Finding::code).contains("ICEWARN_UNKNOWN_BIT",
                "ICEWARN_PSEUDO_TLS_FAILURE", "ICEWARN_TCP_ALLOCATE_FAILED", "ICEWARN_TCP_TURN_CONNECTIVITY_FAILED",
                FindingCodes.MS_DIAG_MEDIA_CONNECTIVITY_FAILURE.code());
        Finding unknown = f.stream().filter(x -> x.code().equals("ICEWARN_UNKNOWN_BIT")).findFirst().orElseThrow();
        assertThat(unknown.summary()).contains("ICEWarn=0x10800328").contains("0x10000000");
        assertThat(unknown.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.stream().filter(x -> x.code().equals("ICEWARN_PSEUDO_TLS_FAILURE")).findFirst().orElseThrow()
                .remedy()).contains("198.51.100.7");
    }

    @Test
    void twoUnknownBitsGiveTwoFindingsOfTheOneCode() {
        List<Finding> f = audit("0x30000008");
        assertThat(f).filteredOn(x -> x.code().equals("ICEWARN_UNKNOWN_BIT")).extracting(Finding::summary)
                .anySatisfy(s -> assertThat(s).contains("has 0x10000000"))
                .anySatisfy(s -> assertThat(s).contains("has 0x20000000"))
                .hasSize(2);
        assertThat(f).extracting(Finding::code).contains("ICEWARN_TCP_ALLOCATE_FAILED");
    }
}
