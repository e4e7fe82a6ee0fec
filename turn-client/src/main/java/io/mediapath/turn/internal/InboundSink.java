package io.mediapath.turn.internal;

import io.mediapath.turn.stun.ChannelData;
import io.mediapath.turn.stun.StunMessage;

/** Where the pipeline delivers what it decoded; all calls happen on the channel's event loop. */
public interface InboundSink {
    /** A decoded STUN message. */
    void onStun(StunMessage message);

    /** A ChannelData message; the sink releases it. */
    void onChannelData(ChannelData data);

    /** Bytes that were neither (UDP: dropped; the count is kept for diagnostics). */
    void onUndecodable(String reason);

    /** A transport error (refused, reset, TLS failure, corrupt stream). */
    void onError(Throwable cause);

    /** The channel closed. */
    void onClosed();
}
