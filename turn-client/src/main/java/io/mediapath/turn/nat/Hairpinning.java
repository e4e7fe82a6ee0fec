package io.mediapath.turn.nat;

/** Whether the NAT relays a packet sent to one of its own mappings back inside (RFC 5780 §4.5). */
public enum Hairpinning {
    /** The request sent to our own mapped address came back to the mapping's socket. */
    SUPPORTED,
    /** It did not come back before the deadline. */
    NOT_SUPPORTED,
    /** No NAT: the mapped address is local, there is nothing to hairpin. */
    NOT_APPLICABLE,
    /** Not tested (no mapped address). */
    UNDETERMINED
}
