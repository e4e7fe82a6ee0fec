package io.mediapath.turn;

/** How a client talks to its STUN/TURN server. */
public enum StunTransport {
    /** UDP (retransmissions per RFC 8489 §6.2.1). */
    UDP,
    /** TCP (one send, Ti timeout; STUN and ChannelData framed on the stream). */
    TCP,
    /** TLS over TCP ({@code turns:}, {@code stuns:}). */
    TLS;

    /** True for TCP and TLS. */
    public boolean isStream() {
        return this != UDP;
    }
}
