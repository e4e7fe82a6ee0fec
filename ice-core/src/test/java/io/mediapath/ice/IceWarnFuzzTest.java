package io.mediapath.ice;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mediapath.sdp.msdiag.IceWarn;
import io.mediapath.sdp.msdiag.IceWarnFlag;
import io.mediapath.sdp.msdiag.MediaDebug;
import io.mediapath.sdp.msdiag.MsDiagnostics;
import java.util.List;
import java.util.Locale;

/**
 * Any 32-bit ICEWarn value, written as a client writes it (hex either case, or decimal), through sdp-model's header
 * parser and decoder and ice-core's audit: one flag per set bit whose bits add back up to the value, and one
 * {@code ICEWARN_*} finding per bit with a valid code (issue 11: an unlisted bit used to make the audit throw).
 * Seeds: {@code IceWarnFuzzTestInputs/fuzzIceWarn/}.
 */
class IceWarnFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void fuzzIceWarn(FuzzedDataProvider data) {
        long value = data.consumeInt() & 0xFFFF_FFFFL;
        int style = data.consumeInt(0, 2);
        String text = switch (style) {
            case 0 -> "0x" + Long.toHexString(value);
            case 1 -> "0X" + Long.toHexString(value).toUpperCase(Locale.ROOT);
            default -> Long.toString(value);
        };
        MsDiagnostics d = MsDiagnostics.parse("22; reason=\"x\"; CallerMediaDebug=\"audio:ICEWarn=" + text
                + ",LocalMR=198.51.100.7:3478\"");
        MediaDebug m = d.mediaDebug().get(0);
        if (m.iceWarn().orElseThrow() != value) {
            throw new IllegalStateException(text + " parsed as " + m.iceWarn());
        }
        List<IceWarnFlag> flags = m.iceWarnFlags();
        long sum = 0;
        for (IceWarnFlag f : flags) {
            if (Long.bitCount(f.bit()) != 1 || (sum & f.bit()) != 0) {
                throw new IllegalStateException("flag " + f + " of " + text);
            }
            if (IceWarn.flag(f.bit()).isEmpty() != f.name().equals(IceWarn.UNKNOWN_BIT)) {
                throw new IllegalStateException("known/unknown confused for " + f.hex());
            }
            sum |= f.bit();
        }
        if (sum != value) {
            throw new IllegalStateException("bits of " + text + " add up to 0x" + Long.toHexString(sum));
        }
        List<Finding> findings = DiagnosticsAudit.audit(d, Evidence.line("fuzz", 1, text));
        long perBit = findings.stream().filter(f -> f.code().startsWith(FindingCodes.ICEWARN.code())).count();
        if (perBit != flags.size()) {
            throw new IllegalStateException(flags.size() + " bits but " + perBit + " ICEWARN findings for " + text);
        }
        for (Finding f : findings) {
            if (f.code().equals("ICEWARN_UNKNOWN_BIT") && !f.summary().contains("0x")) {
                throw new IllegalStateException("unknown bit finding without the bit: " + f.summary());
            }
        }
    }
}
