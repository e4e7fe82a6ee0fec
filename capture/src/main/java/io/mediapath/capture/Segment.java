package io.mediapath.capture;

/**
 * A piece of a reassembled TCP stream and the frame that carried it.
 *
 * @param frame      Wireshark's frame number
 * @param epochNanos when it was captured
 * @param offset     position of its first byte in the direction's stream (0 = the byte after the SYN)
 * @param length     bytes it added to the stream (a retransmission's already-seen bytes are not counted)
 */
public record Segment(long frame, long epochNanos, long offset, int length) {
}
