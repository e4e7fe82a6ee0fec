package io.mediapath.diagnose.capture;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mediapath.capture.Endpoint;
import io.mediapath.capture.Flow;
import io.mediapath.capture.Segment;
import io.mediapath.capture.TcpDirection;
import io.mediapath.capture.TcpFlow;
import java.util.List;

/**
 * Any bytes after a pseudo-TLS handshake through the MS-TURN framing reader and the STUN judge: never an exception,
 * at most one message per 24 bytes of framed stream (a 4-byte frame header and a 20-byte message header each), every
 * message from the side whose stream it came from.
 */
class MsTurnFramingFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void fuzzFraming(FuzzedDataProvider data) {
        byte[] client = data.consumeBytes(data.consumeInt(0, 4096));
        byte[] server = data.consumeRemainingAsBytes();
        TcpFlow f = new TcpFlow(new Endpoint(new byte[] {10, 0, 0, 5}, 50000), new Endpoint(new byte[] {(byte) 192, 0, 2, 7}, 443),
                1, 0, 1, 1, 0, List.of(), 2, 0, direction(client), direction(server), Flow.Ending.CLOSED);
        List<StunFlowJudge.Msg> msgs = StunFlowJudge.msTurnAfterPseudoTls(f);
        long fromClient = msgs.stream().filter(StunFlowJudge.Msg::fromClient).count();
        long fromServer = msgs.size() - fromClient;
        if (fromClient * 24 > Math.max(0, client.length - StunFlowJudge.PSEUDO_TLS_HELLO)
                || fromServer * 24 > Math.max(0, server.length - StunFlowJudge.PSEUDO_TLS_ANSWER)) {
            throw new IllegalStateException(fromClient + "/" + fromServer + " messages from " + client.length + "/"
                    + server.length + " bytes");
        }
        StunFlowJudge.Result r = StunFlowJudge.judge(msgs, "fuzz");
        if (r.verdict().isEmpty() || r.findings().isEmpty()) {
            throw new IllegalStateException("no judgement: " + r);
        }
    }

    private static TcpDirection direction(byte[] head) {
        return new TcpDirection(head, head.length, 0, List.of(new Segment(3, 0, 0, Math.max(1, head.length))), 1,
                List.of(), List.of(), 0, 1, 0, 0, 0, 0);
    }
}
