package io.mediapath.ice.receipt;

/** A receipt whose MAC does not verify under the token: forged, altered, or made with another token. */
public final class ReceiptForgedException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The one message: it never repeats the token or the MAC. */
    public ReceiptForgedException() {
        super("receipt MAC does not verify under the token (forged, altered, or another token)");
    }
}
