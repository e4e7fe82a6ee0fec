package io.mediapath.lab.peers;

/** A peer's program is not installed; the message names the {@code apt-get install} command that provides it. */
public final class PeerUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with its message. */
    public PeerUnavailableException(String message) {
        super(message);
    }
}
