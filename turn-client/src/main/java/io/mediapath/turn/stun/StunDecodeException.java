package io.mediapath.turn.stun;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * Bytes that are not a well-formed STUN message or ChannelData frame. The message says what was wrong and where;
 * it never contains secrets (it may quote header fields).
 */
public final class StunDecodeException extends CorruptedFrameException {
    private static final long serialVersionUID = 1L;

    /** An exception with the given reason. */
    public StunDecodeException(String message) {
        super(message);
    }
}
