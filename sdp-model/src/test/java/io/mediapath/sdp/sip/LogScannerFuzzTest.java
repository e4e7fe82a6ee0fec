package io.mediapath.sdp.sip;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.nio.charset.StandardCharsets;

class LogScannerFuzzTest {
    private static final LogScanner SCANNER = LogScanner.builder().sourceName("fuzz").maxMessageChars(4096)
            .maxLineChars(512).build();

    /** Any text: messages and typed problems, never an exception; messages point at lines that exist. */
    @FuzzTest
    void fuzz(byte @NotNull [] input) {
        LogScanner.Result r = SCANNER.scanAll(new String(input, StandardCharsets.UTF_8));
        for (SipMessage m : r.messages()) {
            assertThat((long) m.firstLine()).isBetween(1L, r.lines());
            assertThat(m.text().length()).isLessThanOrEqualTo(4096);
            for (SipHeader h : m.headers()) {
                assertThat((long) h.line()).isBetween((long) m.firstLine(), r.lines());
            }
        }
        for (ScanProblem p : r.problems()) {
            assertThat(p.line()).isBetween(1L, Math.max(1L, r.lines()));
        }
        Dialogs.correlate(r.messages());
    }
}
