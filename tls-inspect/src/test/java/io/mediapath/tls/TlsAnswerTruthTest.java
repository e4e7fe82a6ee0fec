package io.mediapath.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.Finding;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 4: answers whose verdict or text did not say what came. A real TLS server cannot be made to announce
 * a 16 MB ServerHello, dribble record-type bytes or send a 64 KiB record, so the peers are scripted sockets on
 * 127.0.0.1 ({@link VerdictHardeningTest.ScriptedPeer}); the proxy case runs against squid in {@code ProxyRefusalIT}.
 */
class TlsAnswerTruthTest {

    static TlsInspection tls(VerdictHardeningTest.ScriptedPeer p, int seconds) {
        return TlsProbe.create(VerdictHardeningTest.options().build()).inspect(p.address(), Duration.ofSeconds(seconds))
                .toCompletableFuture().join();
    }

    static Finding finding(TlsInspection i, String code) {
        return i.findings().stream().filter(f -> f.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError(code + " not in " + VerdictHardeningTest.codes(i)));
    }

    @Test
    void aRecordAnnouncingASixteenMegabyteServerHelloThenSilenceIsMalformedTlsNotSilence() throws Exception {
        byte[] msg = new byte[104];
        msg[0] = 2; // ServerHello, announcing 0xFFFFFF bytes
        msg[1] = (byte) 0xff;
        msg[2] = (byte) 0xff;
        msg[3] = (byte) 0xff;
        try (var p = new VerdictHardeningTest.ScriptedPeer(out -> {
            out.write(VerdictHardeningTest.record(22, msg));
            out.flush();
        })) {
            TlsInspection i = tls(p, 10);
            assertThat(i.verdict()).isEqualTo(Verdict.NOT_TLS);
            assertThat(VerdictHardeningTest.codes(i)).doesNotContain("SILENT_AFTER_HELLO");
            assertThat(finding(i, "TLS_ANSWER_MALFORMED").summary()).contains("109 bytes")
                    .contains("handshake message length 16777215").doesNotContain("Nothing answered");
        }
    }

    @Test
    void dribbledRecordTypeBytesAreNotTlsAndTheTextSaysWhatCame() throws Exception {
        try (var p = new VerdictHardeningTest.ScriptedPeer(out -> {
            for (int k = 0; k < 15; k++) {
                out.write(0x16);
                out.flush();
                Thread.sleep(100);
            }
        })) {
            TlsInspection i = tls(p, 10);
            assertThat(i.verdict()).isEqualTo(Verdict.NOT_TLS);
            assertThat(VerdictHardeningTest.codes(i)).doesNotContain("TLS_HANDSHAKE_FAILED");
            assertThat(i.findings()).allSatisfy(f -> assertThat(f.summary()).doesNotEndWith(": "));
            Finding f = finding(i, "NOT_TLS_ANSWER");
            assertThat(f.summary()).contains("neither TLS nor HTTP");
            assertThat(f.evidence()).anySatisfy(e -> assertThat(e.excerpt()).contains("16 16"));
        }
    }

    @Test
    void aRecordLongerThanTlsAllowsIsMalformedTlsWithOneConsistentStory() throws Exception {
        try (var p = new VerdictHardeningTest.ScriptedPeer(out -> {
            out.write(new byte[] {0x16, 3, 3, (byte) 0xff, (byte) 0xff});
            out.write(new byte[300]);
            out.flush();
        })) {
            TlsInspection i = tls(p, 10);
            assertThat(i.verdict()).isEqualTo(Verdict.NOT_TLS);
            List<String> codes = VerdictHardeningTest.codes(i);
            assertThat(codes).contains("TLS_ANSWER_MALFORMED").doesNotContain("TLS_HANDSHAKE_FAILED");
            assertThat(finding(i, "TLS_ANSWER_MALFORMED").summary()).contains("record length 65535");
        }
    }

    @Test
    void aServerHelloThenSilenceSaysTheAnswerStoppedNotThatNothingAnswered() throws Exception {
        byte[] flight = VerdictHardeningTest.replayedFlight();
        try (var p = new VerdictHardeningTest.ScriptedPeer(out -> {
            out.write(flight, 0, flight.length - 9 - 9); // ServerHello and an empty Certificate list cut short
            out.flush();
        })) {
            TlsInspection i = tls(p, 8);
            assertThat(i.verdict()).isEqualTo(Verdict.SILENT_AFTER_HELLO);
            Finding f = finding(i, "SILENT_AFTER_HELLO");
            assertThat(f.summary()).startsWith("The answer to the TLS ClientHello stopped after")
                    .contains("(a ServerHello)").doesNotContain("Nothing answered");
        }
    }
}
