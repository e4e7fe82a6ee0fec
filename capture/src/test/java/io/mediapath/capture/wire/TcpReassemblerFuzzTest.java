package io.mediapath.capture.wire;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * The reassembler against a reference: segments cut from one known stream, sent in any order, duplicated,
 * overlapping or missing, at any sequence start (wraps included). Whatever arrives, the kept head is a prefix of the
 * true stream (never a guessed byte), held bytes stay bounded, and delivered plus missing bytes cover the stream seen.
 */
class TcpReassemblerFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void reassemble(FuzzedDataProvider data) {
        long isn = data.consumeLong() & 0xffffffffL;
        byte[] stream = new byte[data.consumeInt(1, 4096)];
        for (int i = 0; i < stream.length; i++) {
            stream[i] = (byte) (i * 31 + 7);
        }
        int keep = data.consumeInt(1, 2048);
        TcpReassembler r = new TcpReassembler(keep, 16, data.consumeInt(1, 16), data.consumeInt(1, 8192));
        boolean syn = data.consumeBoolean();
        if (syn) {
            r.syn(isn);
        }
        int n = data.consumeInt(0, 64);
        for (int i = 0; i < n && data.remainingBytes() > 0; i++) {
            int off = data.consumeInt(0, stream.length - 1);
            int len = data.consumeInt(0, stream.length - off);
            long seq = (isn + (syn ? 1 : 0) + off) & 0xffffffffL;
            r.add(i + 1, i, seq, stream, off, len, 0);
            if (r.memory() > keep + 8192 + 256) {
                throw new AssertionError("memory " + r.memory());
            }
        }
        r.finish();
        byte[] head = r.head();
        if (head.length > keep) {
            throw new AssertionError("head beyond the cap");
        }
        if (syn) {
            // Offsets are known from the SYN: the head must be exactly the stream's prefix.
            if (!Arrays.equals(head, Arrays.copyOf(stream, head.length))) {
                throw new AssertionError("head is not the stream's prefix");
            }
            if (r.streamBytes() > stream.length) {
                throw new AssertionError("stream longer than sent");
            }
        }
        if (r.missingBytes() > r.streamBytes() || head.length > r.streamBytes()) {
            throw new AssertionError("accounting");
        }
    }
}
