package io.mediapath.ice.receipt;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The near end's check of one receipt: authentic under the token ({@link ReceiptCodec#decode}, constant-time MAC),
 * for the nonce of the request this probe sent (constant-time compare; a receipt replayed from another probe or
 * connection fails here), and stamped within {@code window} of the probe's send time (clocks of the two ends may
 * differ by less than the window).
 */
public final class ReceiptVerifier {

    /** The default window: two minutes either side of the send time. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(2);

    private final ReceiptToken token;
    private final Duration window;

    private ReceiptVerifier(ReceiptToken token, Duration window) {
        this.token = token;
        this.window = window;
    }

    /** A verifier with {@link #DEFAULT_WINDOW}. */
    public static ReceiptVerifier of(ReceiptToken token) {
        return of(token, DEFAULT_WINDOW);
    }

    /** A verifier with the given window (positive). */
    public static ReceiptVerifier of(ReceiptToken token, Duration window) {
        Objects.requireNonNull(token, "token");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window: " + window + " (expected: positive)");
        }
        return new ReceiptVerifier(token, window);
    }

    /** Checks {@code wire} (a receipt body, without frame header) against {@code request}, sent at {@code sentAt}. */
    public ReceiptCheck check(byte[] wire, ReceiptRequest request, Instant sentAt) {
        Objects.requireNonNull(wire, "wire");
        Receipt r;
        try {
            r = ReceiptCodec.decode(wire, token);
        } catch (ReceiptForgedException e) {
            return new ReceiptCheck.Refused(ReceiptCheck.Reason.FORGED, e.getMessage());
        } catch (ReceiptFormatException e) {
            return new ReceiptCheck.Refused(ReceiptCheck.Reason.MALFORMED, e.getMessage());
        }
        if (!MessageDigest.isEqual(r.nonce(), request.nonce())) {
            return new ReceiptCheck.Refused(ReceiptCheck.Reason.OTHER_NONCE,
                    "authentic receipt for another probe's request (replayed or another connection's)");
        }
        Duration skew = Duration.between(sentAt, r.receivedAt()).abs();
        if (skew.compareTo(window) > 0) {
            return new ReceiptCheck.Refused(ReceiptCheck.Reason.STALE, "receipt stamped " + r.receivedAt() + ", "
                    + skew.toSeconds() + " s from the probe's send time (window " + window.toSeconds() + " s)");
        }
        return new ReceiptCheck.Valid(r);
    }
}
