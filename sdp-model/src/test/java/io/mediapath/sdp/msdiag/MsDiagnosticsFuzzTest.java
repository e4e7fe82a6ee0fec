package io.mediapath.sdp.msdiag;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

class MsDiagnosticsFuzzTest {

    /** Any header value: a value or MsDiagnosticsParseException; every typed accessor is total. */
    @FuzzTest
    void fuzz(@NotNull String value) {
        MsDiagnostics d;
        try {
            d = MsDiagnostics.parse(value);
        } catch (MsDiagnosticsParseException e) {
            assertThat(e.offset()).isBetween(0, Math.max(value.length(), MsDiagnostics.MAX_LENGTH));
            return;
        }
        assertThat(d.code()).isNotNegative();
        d.known();
        DiagnosticCode.component(d.code());
        for (MediaDebug m : d.mediaDebug()) {
            m.iceWarnFlags().forEach(f -> assertThat(Long.bitCount(f.bit())).isEqualTo(1));
            m.iceWarnEx();
            m.localSite();
            m.remoteSite();
            m.localMr();
            m.remoteMr();
            m.localMrTcpPort();
            m.remoteMrTcpPort();
            m.portRange();
            m.localLocation();
            m.remoteLocation();
            m.federationType();
            m.mrDnsU();
            m.interfaces();
            m.baseAddress();
        }
        IceWarn.decode(value.hashCode() * 0x9E3779B97F4A7C15L);
        IceWarn.decode(value.length(), IceWarn.Table.MS_QOE);
    }
}
