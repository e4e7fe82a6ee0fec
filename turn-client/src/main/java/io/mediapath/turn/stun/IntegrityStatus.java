package io.mediapath.turn.stun;

/** The outcome of checking a message's integrity with a key. */
public enum IntegrityStatus {
    /** The message carries MESSAGE-INTEGRITY(-SHA256) and it matches. */
    VALID,
    /** The message carries an integrity attribute that does not match. */
    INVALID,
    /** The message carries neither MESSAGE-INTEGRITY nor MESSAGE-INTEGRITY-SHA256. */
    ABSENT
}
