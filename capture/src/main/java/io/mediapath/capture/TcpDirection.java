package io.mediapath.capture;

import java.util.List;
import java.util.Objects;

/**
 * One direction of a TCP connection, reassembled: the stream's first bytes, the segments that carried it, holes
 * the capture never saw, retransmissions, and how the direction ended.
 *
 * @param head                 the stream's first bytes, contiguous from offset 0 up to the per-direction cap or the
 *                             first gap, whichever comes first
 * @param streamBytes          bytes of stream accounted for (delivered and missing) from offset 0 to the highest
 *                             byte seen
 * @param missingBytes         bytes inside {@code streamBytes} the capture never saw
 * @param segments             the first segments that delivered stream bytes, in stream order
 * @param segmentCount         all segments that delivered stream bytes
 * @param gaps                 the first holes
 * @param retransmissionFrames the first frames that carried only bytes already seen
 * @param retransmissions      all such frames
 * @param packets              every packet sent this way, pure ACKs included
 * @param finFrame             the frame with this side's FIN, or 0
 * @param finNanos             its time, or 0
 * @param rstFrame             the frame with this side's RST, or 0
 * @param rstNanos             its time, or 0
 */
public record TcpDirection(byte[] head, long streamBytes, long missingBytes, List<Segment> segments,
        long segmentCount, List<Gap> gaps, List<Long> retransmissionFrames, long retransmissions, long packets,
        long finFrame, long finNanos, long rstFrame, long rstNanos) {

    public TcpDirection {
        Objects.requireNonNull(head, "head");
        segments = List.copyOf(segments);
        gaps = List.copyOf(gaps);
        retransmissionFrames = List.copyOf(retransmissionFrames);
    }

    /** The first frame that carried stream data, or 0. */
    public long firstDataFrame() {
        return segments.isEmpty() ? 0 : segments.stream().mapToLong(Segment::frame).min().orElse(0);
    }

    /** The earliest capture time of a data segment, or -1. */
    public long firstDataNanos() {
        return segments.isEmpty() ? -1 : segments.stream().mapToLong(Segment::epochNanos).min().orElse(-1);
    }
}
