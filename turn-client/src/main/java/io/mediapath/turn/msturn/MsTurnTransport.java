package io.mediapath.turn.msturn;

/** How {@link MsTurnClient} reaches the Edge. */
public enum MsTurnTransport {
    /** Plain UDP (Edge port 3478): no pseudo-TLS, no framing; requests are retransmitted. */
    UDP,
    /** TCP (Edge port 443): the pseudo-TLS exchange first, then every message inside the 4-byte framing. */
    TCP
}
