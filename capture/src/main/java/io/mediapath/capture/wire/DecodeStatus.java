package io.mediapath.capture.wire;

/** What {@link PacketDecoder#decode} made of a frame. */
public enum DecodeStatus {
    /** A TCP or UDP packet, fields filled in. */
    TRANSPORT,
    /** An IP fragment held until the rest arrives. */
    FRAGMENT_HELD,
    /** Not IP (ARP, LLDP, …), or an IP protocol other than TCP and UDP: nothing to track. */
    OTHER,
    /** A link type this reader does not decode. */
    UNSUPPORTED_LINK,
    /** A header is cut short or its fields contradict each other. */
    MALFORMED
}
