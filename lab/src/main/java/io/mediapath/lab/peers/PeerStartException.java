package io.mediapath.lab.peers;

/** A peer was started but did not become ready before its deadline, or exited; the message holds its log tail. */
public final class PeerStartException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with its message. */
    public PeerStartException(String message) {
        super(message);
    }
}
