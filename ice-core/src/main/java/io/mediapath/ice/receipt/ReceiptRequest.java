package io.mediapath.ice.receipt;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What a probe sends to ask the responder for a receipt: a 16-byte nonce (8 bytes of the probe's clock in epoch
 * milliseconds, 8 random bytes) and a 16-byte tag, HMAC-SHA256 of the nonce under the token's request key,
 * truncated. A responder answers with a receipt only when the tag verifies (in constant time) and the nonce's time is
 * inside its window, so without the token nobody gets more from it than a relay would give.
 *
 * <p>Wire form: 32 bytes, nonce then tag; over TCP inside a {@link ReceiptFrames#REQUEST_MAGIC} frame, over UDP in
 * the STUN attribute {@link ReceiptFrames#STUN_RECEIPT_REQUEST}. A request has a {@link Mode}: after the relay's
 * answer (the default), or in place of it ({@link ReceiptFrames#INSTEAD_MAGIC}, {@link
 * ReceiptFrames#STUN_RECEIPT_INSTEAD}). The mode is inside the tag (the instead tag is made over the nonce and one
 * more byte), so a request rewritten from one mode to the other is refused as forged.
 */
public final class ReceiptRequest {

    /** Length of the nonce. */
    public static final int NONCE_LENGTH = 16;
    /** Length of the tag. */
    public static final int TAG_LENGTH = 16;
    /** Length of the request on the wire. */
    public static final int LENGTH = NONCE_LENGTH + TAG_LENGTH;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** When the responder sends the receipt. */
    public enum Mode {
        /** After the protocol answer a relay would give (the request follows the hello). */
        AFTER_ANSWER,
        /** In place of the protocol answer (the request comes before the hello): the responder sends only the receipt. */
        INSTEAD_OF_ANSWER
    }

    /** The byte the instead tag covers after the nonce. */
    private static final byte INSTEAD_DOMAIN = 'I';

    private final byte[] bytes;
    private final Mode mode;

    private ReceiptRequest(byte[] bytes, Mode mode) {
        this.bytes = bytes;
        this.mode = mode;
    }

    /** A fresh request for a receipt after the answer, stamped with {@code now}. */
    public static ReceiptRequest create(ReceiptToken token, Instant now) {
        return create(token, now, Mode.AFTER_ANSWER);
    }

    /** A fresh request in {@code mode}, stamped with {@code now}. */
    public static ReceiptRequest create(ReceiptToken token, Instant now, Mode mode) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(mode, "mode");
        byte[] b = new byte[LENGTH];
        long ms = now.toEpochMilli();
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (ms >>> (56 - 8 * i));
        }
        byte[] rnd = new byte[8];
        RANDOM.nextBytes(rnd);
        System.arraycopy(rnd, 0, b, 8, 8);
        System.arraycopy(tag(token, b, mode), 0, b, NONCE_LENGTH, TAG_LENGTH);
        return new ReceiptRequest(b, mode);
    }

    private static byte[] tag(ReceiptToken token, byte[] wire, Mode mode) {
        if (mode == Mode.AFTER_ANSWER) {
            return token.macRequest(wire, 0, NONCE_LENGTH);
        }
        byte[] covered = Arrays.copyOf(wire, NONCE_LENGTH + 1);
        covered[NONCE_LENGTH] = INSTEAD_DOMAIN;
        return token.macRequest(covered, 0, covered.length);
    }

    /** When the receipt is asked for. */
    public Mode mode() {
        return mode;
    }

    /** The 32 bytes to send. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The nonce the receipt must carry back. */
    public byte[] nonce() {
        return Arrays.copyOf(bytes, NONCE_LENGTH);
    }

    /** When the request was made (the time in its nonce). */
    public Instant createdAt() {
        return nonceTime(bytes);
    }

    /**
     * The responder's check: the nonce when {@code wire} (exactly {@link #LENGTH} bytes) carries a tag made with
     * {@code token} and a time within {@code window} of {@code now}; empty otherwise (forged, other token, stale or
     * from the future). The tag is compared in constant time.
     */
    public static Optional<byte[]> accept(byte[] wire, ReceiptToken token, Instant now, Duration window) {
        return accept(wire, token, now, window, Mode.AFTER_ANSWER);
    }

    /**
     * The responder's check of a request that came in {@code mode} (the frame or attribute it came in says which):
     * as {@link #accept(byte[], ReceiptToken, Instant, Duration)}, with the tag of that mode.
     */
    public static Optional<byte[]> accept(byte[] wire, ReceiptToken token, Instant now, Duration window, Mode mode) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(mode, "mode");
        if (wire == null || wire.length != LENGTH) {
            return Optional.empty();
        }
        byte[] mac = tag(token, wire, mode);
        if (!MessageDigest.isEqual(Arrays.copyOf(mac, TAG_LENGTH), Arrays.copyOfRange(wire, NONCE_LENGTH, LENGTH))) {
            return Optional.empty();
        }
        Instant t = nonceTime(wire);
        if (Duration.between(t, now).abs().compareTo(window) > 0) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOf(wire, NONCE_LENGTH));
    }

    private static Instant nonceTime(byte[] b) {
        long ms = 0;
        for (int i = 0; i < 8; i++) {
            ms = (ms << 8) | (b[i] & 0xff);
        }
        return Instant.ofEpochMilli(ms);
    }

    @Override
    public String toString() {
        return "ReceiptRequest[" + mode + ", created " + createdAt() + "]";
    }
}
