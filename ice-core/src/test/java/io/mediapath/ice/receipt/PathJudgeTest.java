package io.mediapath.ice.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each of the five conclusions from the evidence that decides it. */
class PathJudgeTest {

    private static final byte[] HELLO = "the probe's hello, 32 bytes long".getBytes(StandardCharsets.US_ASCII);

    private static ReceiptCheck valid(byte[] arrived, InetSocketAddress src) {
        ReceiptRequest req = ReceiptRequest.create(ReceiptTest.TOKEN, ReceiptTest.T0);
        return new ReceiptCheck.Valid(ReceiptTest.receipt(req, arrived, src, ReceiptTest.T0));
    }

    @Test
    void intactFromOurAddressIsReached() throws Exception {
        InetSocketAddress me = ReceiptTest.addr("10.0.0.2", 40000);
        PathVerdict v = PathJudge.judge(HELLO, me, true, valid(HELLO, me));
        assertThat(v.conclusion()).isEqualTo(PathConclusion.REACHED);
    }

    @Test
    void intactFromAnotherAddressIsTranslatedAndNamesTheEgress() throws Exception {
        InetSocketAddress me = ReceiptTest.addr("10.0.0.2", 40000);
        PathVerdict v = PathJudge.judge(HELLO, me, true, valid(HELLO, ReceiptTest.addr("198.51.100.9", 61000)));
        assertThat(v.conclusion()).isEqualTo(PathConclusion.TRANSLATED);
        assertThat(v.egress()).hasValue(ReceiptTest.addr("198.51.100.9", 61000));
        assertThat(v.detail()).contains("198.51.100.9");
    }

    @Test
    void aChangedByteIsModifiedWithTheOffsetAndBothSides() throws Exception {
        InetSocketAddress me = ReceiptTest.addr("10.0.0.2", 40000);
        byte[] arrived = HELLO.clone();
        arrived[20] = 'X';
        PathVerdict v = PathJudge.judge(HELLO, me, true, valid(arrived, me));
        assertThat(v.conclusion()).isEqualTo(PathConclusion.MODIFIED);
        assertThat(v.firstDifference()).hasValue(20);
        assertThat(v.diff().orElseThrow()).contains("offset 20").contains("58"); // 'X' = 0x58
    }

    @Test
    void anotherTlsHelloBehindAValidReceiptIsInterception() throws Exception {
        InetSocketAddress me = ReceiptTest.addr("10.0.0.2", 40000);
        ReceiptRequest req = ReceiptRequest.create(ReceiptTest.TOKEN, ReceiptTest.T0);
        byte[] theirs = "the interceptor's own ClientHello".getBytes(StandardCharsets.US_ASCII);
        Receipt r = new Receipt(ReceiptTransport.TLS, ArrivalKind.TLS_CLIENT_HELLO, req.nonce(), ReceiptTest.T0,
                ReceiptTest.addr("10.203.2.1", 51000), theirs.length, PathJudge.sha256(theirs), theirs,
                java.util.Optional.empty(), java.util.List.of());
        PathVerdict v = PathJudge.judge(HELLO, me, true, new ReceiptCheck.Valid(r));
        assertThat(v.conclusion()).isEqualTo(PathConclusion.INTERCEPTED);
        assertThat(v.egress()).hasValue(ReceiptTest.addr("10.203.2.1", 51000));
        assertThat(v.detail()).contains("re-originated");
    }

    @Test
    void aTruncatedArrivalIsModified() throws Exception {
        InetSocketAddress me = ReceiptTest.addr("10.0.0.2", 40000);
        byte[] arrived = java.util.Arrays.copyOf(HELLO, 10);
        PathVerdict v = PathJudge.judge(HELLO, me, true, valid(arrived, me));
        assertThat(v.conclusion()).isEqualTo(PathConclusion.MODIFIED);
        assertThat(v.firstDifference()).hasValue(10);
    }

    @Test
    void anAnswerWithoutAValidReceiptIsInterceptedAndSilenceIsDropped() throws Exception {
        InetSocketAddress me = ReceiptTest.addr("10.0.0.2", 40000);
        assertThat(PathJudge.judge(HELLO, me, true, new ReceiptCheck.Absent()).conclusion())
                .isEqualTo(PathConclusion.INTERCEPTED);
        assertThat(PathJudge.judge(HELLO, me, true,
                new ReceiptCheck.Refused(ReceiptCheck.Reason.FORGED, "x")).conclusion())
                .isEqualTo(PathConclusion.INTERCEPTED);
        assertThat(PathJudge.judge(HELLO, me, false, new ReceiptCheck.Absent()).conclusion())
                .isEqualTo(PathConclusion.DROPPED);
    }
}
