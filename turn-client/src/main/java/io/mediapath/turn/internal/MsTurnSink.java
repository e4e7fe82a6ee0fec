package io.mediapath.turn.internal;

import io.netty.buffer.ByteBuf;

/**
 * Where the MS-TURN pipeline delivers what it read; every call happens on the channel's event loop. The handlers
 * only frame and route; what the bytes mean is the client's business.
 */
public interface MsTurnSink {
    /** TCP bytes before the framing starts (the pseudo-TLS answer); the handler releases {@code bytes}. */
    void onRaw(ByteBuf bytes);

    /** One MS-TURN (or RFC) message: a control frame's payload over TCP, a datagram from the server over UDP. */
    void onMessage(byte[] message);

    /** A transport error (refused, reset, corrupt framing, ICMP). */
    void onError(Throwable cause);

    /** The channel closed. */
    void onClosed();
}
