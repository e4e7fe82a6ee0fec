package io.mediapath.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.capture.wire.TcpReassembler;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The reassembler's cases one by one: order, retransmission, overlap, holes, bounds, wrap-around, cut segments. */
class TcpReassemblerTest {

    private static final long ISN = 0xfffffff0L; // the stream wraps the 32-bit sequence space after 15 bytes

    private static TcpReassembler fresh() {
        TcpReassembler r = new TcpReassembler(1024, 64, 4, 1 << 16);
        r.syn(ISN);
        return r;
    }

    private static void add(TcpReassembler r, long frame, int offset, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        r.add(frame, frame * 1000, (ISN + 1 + offset) & 0xffffffffL, b, 0, b.length, 0);
    }

    private static String head(TcpReassembler r) {
        return new String(r.head(), StandardCharsets.US_ASCII);
    }

    @Test
    void inOrderAcrossTheSequenceWrap() {
        TcpReassembler r = fresh();
        add(r, 1, 0, "hello ");
        add(r, 2, 6, "wrapped ");
        add(r, 3, 14, "world");
        assertThat(head(r)).isEqualTo("hello wrapped world");
        assertThat(r.segments()).extracting(TcpReassembler.SegmentRecord::frame).containsExactly(1L, 2L, 3L);
    }

    @Test
    void outOfOrderWaitsForTheHole() {
        TcpReassembler r = fresh();
        add(r, 1, 0, "abc");
        add(r, 2, 6, "ghi");
        assertThat(head(r)).isEqualTo("abc");
        add(r, 3, 3, "def");
        assertThat(head(r)).isEqualTo("abcdefghi");
        assertThat(r.segments()).extracting(TcpReassembler.SegmentRecord::frame).containsExactly(1L, 3L, 2L);
        assertThat(r.gaps()).isEmpty();
    }

    @Test
    void retransmissionsAndOverlapsKeepTheFirstCopy() {
        TcpReassembler r = fresh();
        add(r, 1, 0, "abcd");
        add(r, 2, 0, "abcd");            // whole retransmission
        add(r, 3, 2, "XXef");            // overlap: only "ef" is new
        add(r, 4, 8, "ij");
        add(r, 5, 8, "ij");              // retransmission of a held segment
        add(r, 6, 6, "gh");
        assertThat(head(r)).isEqualTo("abcdefghij");
        assertThat(r.retransmissionFrames()).containsExactly(2L, 5L);
        assertThat(r.streamBytes()).isEqualTo(10);
    }

    @Test
    void aLostSegmentIsAHoleNeverGuessed() {
        TcpReassembler r = fresh();
        add(r, 1, 0, "abc");
        add(r, 3, 6, "ghi");
        r.finish();
        assertThat(head(r)).isEqualTo("abc");
        assertThat(r.gaps()).containsExactly(new TcpReassembler.GapRecord(3, 3, 3));
        assertThat(r.streamBytes()).isEqualTo(9);
        assertThat(r.missingBytes()).isEqualTo(3);
    }

    @Test
    void tooManyHeldSegmentsDeclareTheHole() {
        TcpReassembler r = fresh();
        add(r, 1, 0, "a");
        for (int i = 0; i < 6; i++) {
            add(r, 10 + i, 2 + i, "x");  // byte 1 never comes; at most 4 may wait
        }
        assertThat(r.pendingSegments()).isLessThanOrEqualTo(4);
        assertThat(r.gaps()).hasSize(1);
        assertThat(r.gaps().get(0).offset()).isEqualTo(1);
        assertThat(r.gaps().get(0).frame()).isEqualTo(10);
    }

    @Test
    void theHeadIsCappedButTheStreamIsCounted() {
        TcpReassembler r = new TcpReassembler(4, 2, 4, 1024);
        r.syn(0);
        byte[] b = "abcdefgh".getBytes(StandardCharsets.US_ASCII);
        r.add(1, 0, 1, b, 0, 8, 0);
        r.add(2, 0, 9, b, 0, 8, 0);
        r.add(3, 0, 17, b, 0, 8, 0);
        assertThat(r.head()).hasSize(4);
        assertThat(r.streamBytes()).isEqualTo(24);
        assertThat(r.segments()).hasSize(2);
        assertThat(r.segmentCount()).isEqualTo(3);
    }

    @Test
    void bytesTheSnapshotCutAreMissing() {
        TcpReassembler r = fresh();
        byte[] b = "abcd".getBytes(StandardCharsets.US_ASCII);
        r.add(1, 0, (ISN + 1) & 0xffffffffL, b, 0, 4, 96);
        assertThat(r.streamBytes()).isEqualTo(100);
        assertThat(r.missingBytes()).isEqualTo(96);
        assertThat(r.gaps()).containsExactly(new TcpReassembler.GapRecord(4, 96, 1));
    }

    @Test
    void midstreamCaptureStartsAtTheFirstByteSeen() {
        TcpReassembler r = new TcpReassembler(64, 8, 4, 1024);
        byte[] b = "xyz".getBytes(StandardCharsets.US_ASCII);
        r.add(7, 0, 123456, b, 0, 3, 0);
        assertThat(r.head()).containsExactly('x', 'y', 'z');
        assertThat(r.segments().get(0).offset()).isZero();
    }
}
