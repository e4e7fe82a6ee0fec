package io.mediapath.capture;

import java.util.Objects;

/**
 * One UDP datagram of a flow.
 *
 * @param frame      Wireshark's frame number (the last fragment's, for a reassembled datagram)
 * @param epochNanos when it was captured
 * @param fromClient true when the flow's client sent it
 * @param payload    the first bytes of the payload (at most the flow table's per-datagram cap)
 * @param length     the payload's full length on the wire
 */
public record Datagram(long frame, long epochNanos, boolean fromClient, byte[] payload, int length) {

    public Datagram {
        Objects.requireNonNull(payload, "payload");
    }
}
