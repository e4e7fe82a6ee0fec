package io.mediapath.ice.receipt;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret both ends share out of band. It keys HMAC-SHA256 for receipts and receipt requests, each under its own
 * derived key (domain separation), and never shows itself: {@link #toString()} is redacted and there is no getter.
 */
public final class ReceiptToken {

    /** The shortest token accepted, in bytes: shorter secrets are guessable offline from one receipt. */
    public static final int MIN_LENGTH = 16;
    /** The longest token accepted, in bytes. */
    public static final int MAX_LENGTH = 1024;

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec receiptKey;
    private final SecretKeySpec requestKey;

    private ReceiptToken(byte[] secret) {
        if (secret.length < MIN_LENGTH || secret.length > MAX_LENGTH) {
            throw new IllegalArgumentException("token: " + secret.length + " bytes (expected: " + MIN_LENGTH + " ~ "
                    + MAX_LENGTH + "; e.g. `head -c 32 /dev/urandom | base64`)");
        }
        SecretKeySpec master = new SecretKeySpec(secret, ALGORITHM);
        this.receiptKey = new SecretKeySpec(derive(master, "mediapath receipt v1"), ALGORITHM);
        this.requestKey = new SecretKeySpec(derive(master, "mediapath receipt request v1"), ALGORITHM);
    }

    /** A token from raw bytes (copied). */
    public static ReceiptToken of(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        return new ReceiptToken(secret.clone());
    }

    /** A token from text as typed or stored in a file: UTF-8, surrounding white space (a trailing newline) removed. */
    public static ReceiptToken fromText(String text) {
        Objects.requireNonNull(text, "text");
        byte[] b = text.strip().getBytes(StandardCharsets.UTF_8);
        try {
            return new ReceiptToken(b);
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    byte[] macReceipt(byte[] data, int offset, int length) {
        return mac(receiptKey, data, offset, length);
    }

    byte[] macRequest(byte[] data, int offset, int length) {
        return mac(requestKey, data, offset, length);
    }

    private static byte[] derive(SecretKeySpec master, String label) {
        byte[] l = label.getBytes(StandardCharsets.US_ASCII);
        return mac(master, l, 0, l.length);
    }

    private static byte[] mac(SecretKeySpec key, byte[] data, int offset, int length) {
        try {
            Mac m = Mac.getInstance(ALGORITHM);
            m.init(key);
            m.update(data, offset, length);
            return m.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Redacted: a token never appears in logs, reports or exceptions. */
    @Override
    public String toString() {
        return "ReceiptToken[redacted]";
    }
}
