package io.mediapath.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.Finding;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 1: a set ICEWarn bit the Resource Kit table does not list. It used to make {@code analyze} of the seed
 * log throw (exit 2, nothing on stdout) and a pasted header report only {@code MS_DIAG_UNPARSABLE}; now the unlisted
 * bit is one {@code ICEWARN_UNKNOWN_BIT} finding and the known bits are decoded beside it.
 */
class UnknownIceWarnBitTest {

    @Test
    void theSeedLogWithBit28SetStillGivesTheWholeDiagnosis() throws Exception {
        String log = AnalyzerTest.sample("seed-alf-appsharing.log");
        assertThat(log).contains("ICEWarn=0x800328");
        Diagnosis d = Analyzer.builder().build().analyze(log.replace("ICEWarn=0x800328", "ICEWarn=0x10800328"),
                "alf.log");
        assertThat(AnalyzerTest.codes(d)).contains("ICEWARN_UNKNOWN_BIT", "ICEWARN_PSEUDO_TLS_FAILURE",
                "ICEWARN_TCP_ALLOCATE_FAILED", "NO_TCP_RELAY_CANDIDATE", "NO_FEASIBLE_PAIR")
                .doesNotContain("MS_DIAG_UNPARSABLE");
        Finding unknown = d.findings().stream().filter(f -> f.code().equals("ICEWARN_UNKNOWN_BIT")).findFirst()
                .orElseThrow();
        assertThat(unknown.summary()).contains("0x10000000");
        assertThat(d.exitCode()).isEqualTo(1);
    }

    @Test
    void aPastedHeaderWithAnUnknownBitIsDecodedNotUnparsable() throws Exception {
        Diagnosis d = Analyzer.builder().build().analyze("ms-client-diagnostics: 22; reason=\"Call failed\"; "
                + "CallerMediaDebug=\"application-sharing:ICEWarn=0x10800008,LocalMR=198.51.100.7:443\"\n", "note.txt");
        assertThat(AnalyzerTest.codes(d)).contains("ICEWARN_UNKNOWN_BIT", "ICEWARN_PSEUDO_TLS_FAILURE",
                "ICEWARN_TCP_ALLOCATE_FAILED").doesNotContain("MS_DIAG_UNPARSABLE");
        assertThat(d.exitCode()).isEqualTo(1);
    }
}
