package io.mediapath.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.Evidence;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.wire.PseudoTls;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Observed exchanges (as a capture shows them) through the live probes' verdict engine: each case is the byte
 * sequence a capture holds, and the verdict and finding codes are the ones the live probe gives for the same answer.
 */
class ObservedExchangeTest {

    private static final TransportAddress RELAY = new TransportAddress("192.0.2.7", 443);
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long MS = 1_000_000L;

    private static ObservedExchange.Builder pseudo() {
        return ObservedExchange.pseudoTls(RELAY).source("capture test.pcap tcp 10.0.0.5:50000 > 192.0.2.7:443")
                .connected(T0, T0 + 10 * MS).helloSent(T0 + 11 * MS);
    }

    private static byte[] genuine() {
        byte[] r = new byte[32];
        Arrays.fill(r, (byte) 7);
        return PseudoTls.answer(r, r);
    }

    @Test
    void theGenuineAnswerIsGenuine() {
        TlsInspection i = pseudo().read(T0 + 21 * MS, genuine(), "frame 6").ending(ObservedExchange.Ending.ANSWERED,
                T0 + 30 * MS, "").build().judge(InspectOptions.defaults());
        assertThat(i.verdict()).isEqualTo(Verdict.GENUINE_PSEUDO_TLS);
        assertThat(i.has("PSEUDO_TLS_GENUINE")).isTrue();
        assertThat(i.connectTime().orElseThrow().toMillis()).isEqualTo(10);
        assertThat(i.firstByteLatency().orElseThrow().toMillis()).isEqualTo(10);
        assertThat(i.findings().get(0).evidence().get(0).excerpt()).contains("(frame 6)");
        assertThat(i.findings().get(0).evidence().get(0).source()).startsWith("capture test.pcap");
    }

    @Test
    void theGenuineAnswerSplitIntoSegmentsIsStillGenuine() {
        byte[] a = genuine();
        TlsInspection i = pseudo().read(T0 + 21 * MS, Arrays.copyOf(a, 40), "frame 6")
                .read(T0 + 22 * MS, Arrays.copyOfRange(a, 40, 83), "frame 7")
                .ending(ObservedExchange.Ending.ANSWERED, T0 + 30 * MS, "").build().judge(InspectOptions.defaults());
        assertThat(i.verdict()).isEqualTo(Verdict.GENUINE_PSEUDO_TLS);
        assertThat(i.reads()).hasSize(2);
    }

    @Test
    void splitRecordsAreIntercepted() {
        // ServerHello in one record, ServerHelloDone in another: what a TLS-terminating proxy sends.
        byte[] sh = Arrays.copyOf(genuine(), 83);
        byte[] first = Arrays.copyOf(sh, 79);
        first[3] = 0;
        first[4] = 0x4a;                                   // record length 74: the ServerHello alone
        byte[] second = {0x16, 0x03, 0x01, 0x00, 0x04, 0x0e, 0x00, 0x00, 0x00};
        TlsInspection i = pseudo().read(T0 + 40 * MS, first, "frame 6").read(T0 + 41 * MS, second, "frame 8")
                .ending(ObservedExchange.Ending.ANSWERED, T0 + 50 * MS, "").build().judge(InspectOptions.defaults());
        assertThat(i.verdict()).isEqualTo(Verdict.INTERCEPTED);
        assertThat(i.has("PSEUDO_TLS_SPLIT_RECORDS")).isTrue();
    }

    @Test
    void anHttpPageIsAProxyAnswer() {
        byte[] page = "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        TlsInspection i = pseudo().read(T0 + 20 * MS, page, "frame 6")
                .ending(ObservedExchange.Ending.CLOSED, T0 + 21 * MS, "FIN from the server in frame 7").build()
                .judge(InspectOptions.defaults());
        assertThat(i.verdict()).isEqualTo(Verdict.HTTP_PROXY_RESPONSE);
        assertThat(i.has("HTTP_ANSWER_INSTEAD_OF_TLS")).isTrue();
    }

    @Test
    void aResetIsAReset() {
        TlsInspection i = pseudo().ending(ObservedExchange.Ending.RESET, T0 + 12 * MS, "RST from the server in frame 5")
                .build().judge(InspectOptions.defaults());
        assertThat(i.verdict()).isEqualTo(Verdict.RESET_AFTER_HELLO);
        assertThat(i.has("TCP_OPEN_TLS_BLOCKED")).isTrue();
    }

    @Test
    void silenceCitesTheClientsRetransmissions() {
        TlsInspection i = pseudo().ending(ObservedExchange.Ending.CLIENT_GAVE_UP, T0 + 9000 * MS,
                        "the client retransmitted the hello 4 times, then closed in frame 12")
                .endingEvidence(new Evidence("capture test.pcap", "frames 5, 7, 9, 11", "hello retransmitted"))
                .build().judge(InspectOptions.defaults());
        assertThat(i.verdict()).isEqualTo(Verdict.SILENT_AFTER_HELLO);
        assertThat(i.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo("SILENT_AFTER_HELLO");
            assertThat(f.evidence()).anySatisfy(e -> assertThat(e.location()).isEqualTo("frames 5, 7, 9, 11"));
        });
    }

    @Test
    void noSynAckIsAFailedConnect() {
        TlsInspection i = ObservedExchange.pseudoTls(RELAY).connected(T0, Long.MIN_VALUE)
                .ending(ObservedExchange.Ending.CONNECT_FAILED, T0 + 3000 * MS, "SYN sent 3 times, never answered")
                .build().judge(InspectOptions.defaults());
        assertThat(i.verdict()).isEqualTo(Verdict.CONNECT_FAILED);
    }

    @Test
    void tls13SaysTheChainIsNotVisible() {
        // A TLS 1.3 ServerHello (supported_versions = 0x0304), then encrypted records.
        byte[] sh = hex("160303005a0200005603030000000000000000000000000000000000000000000000000000000000000000"
                + "00130100002e002b0002030400330024001d0020" + "00".repeat(32));
        byte[] enc = hex("1703030005" + "0102030405");
        TlsInspection i = ObservedExchange.tls(RELAY).connected(T0, T0 + MS).helloSent(T0 + 2 * MS)
                .read(T0 + 3 * MS, sh, "frame 6").read(T0 + 3 * MS, enc, "frame 6")
                .handshakeComplete(true).ending(ObservedExchange.Ending.ANSWERED, T0 + 10 * MS, "").build()
                .judge(InspectOptions.defaults());
        assertThat(i.serverHello()).isNotNull();
        assertThat(i.verdict()).isEqualTo(Verdict.GENUINE_TLS);
        assertThat(i.confidence()).isEqualTo(Confidence.LOW);
        assertThat(i.has("TLS13_CHAIN_NOT_VISIBLE")).isTrue();
    }

    @Test
    void helloDetection() {
        assertThat(ObservedExchange.isPseudoTlsHello(PseudoTls.hello())).isTrue();
        assertThat(ObservedExchange.looksLikeTlsHello(PseudoTls.hello())).isTrue();
        assertThat(ObservedExchange.looksLikeTlsHello("GET / HTTP/1.1".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    private static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
