package io.mediapath.ice.receipt;

import java.util.Objects;

/** The outcome of checking a receipt against the probe that asked for it. */
public sealed interface ReceiptCheck {

    /** A receipt made with the token, for this probe's nonce, stamped inside the window. */
    record Valid(Receipt receipt) implements ReceiptCheck {
        public Valid {
            Objects.requireNonNull(receipt, "receipt");
        }
    }

    /** A receipt refused, and why. */
    record Refused(Reason reason, String detail) implements ReceiptCheck {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** No receipt came. */
    record Absent() implements ReceiptCheck {
    }

    /** Why a receipt was refused. */
    enum Reason {
        /** Not a well-formed receipt. */
        MALFORMED,
        /** The MAC does not verify: forged, altered, or made with another token. */
        FORGED,
        /** Authentic, but for another probe's nonce (a replayed receipt, or another connection's). */
        OTHER_NONCE,
        /** Authentic and for this nonce, but stamped outside the window around the probe's send time. */
        STALE
    }

    /** True for {@link Valid}. */
    default boolean valid() {
        return this instanceof Valid;
    }
}
