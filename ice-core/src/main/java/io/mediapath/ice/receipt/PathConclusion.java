package io.mediapath.ice.receipt;

/** What one leg's receipt (or its absence) proves about the path to the responder. */
public enum PathConclusion {
    /** A valid receipt came, for exactly the bytes sent, from our own address: the hello reached the responder. */
    REACHED,
    /** A valid receipt came, but the bytes the responder received differ from those sent: rewritten on the way. */
    MODIFIED,
    /** A valid receipt came for the same bytes, but the source it saw is not ours: a NAT or proxy sits between. */
    TRANSLATED,
    /** An answer came (or the TCP connect completed) but no valid receipt: something else answered in its name. */
    INTERCEPTED,
    /** No answer and no receipt. */
    DROPPED
}
