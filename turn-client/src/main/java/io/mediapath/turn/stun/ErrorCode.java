package io.mediapath.turn.stun;

import java.util.Objects;

/**
 * The ERROR-CODE attribute (RFC 8489 §14.8): a code from 300 to 699 and a reason phrase.
 *
 * @param code   300 to 699
 * @param reason the reason phrase as sent (may be empty)
 */
public record ErrorCode(int code, String reason) implements Setter {
    /** 300 Try Alternate. */
    public static final int TRY_ALTERNATE = 300;
    /** 400 Bad Request. */
    public static final int BAD_REQUEST = 400;
    /** 401 Unauthenticated. */
    public static final int UNAUTHENTICATED = 401;
    /** 403 Forbidden. */
    public static final int FORBIDDEN = 403;
    /** 420 Unknown Attribute. */
    public static final int UNKNOWN_ATTRIBUTE = 420;
    /** 437 Allocation Mismatch. */
    public static final int ALLOCATION_MISMATCH = 437;
    /** 438 Stale Nonce. */
    public static final int STALE_NONCE = 438;
    /** 440 Address Family not Supported. */
    public static final int ADDRESS_FAMILY_NOT_SUPPORTED = 440;
    /** 441 Wrong Credentials. */
    public static final int WRONG_CREDENTIALS = 441;
    /** 442 Unsupported Transport Protocol. */
    public static final int UNSUPPORTED_TRANSPORT = 442;
    /** 443 Peer Address Family Mismatch. */
    public static final int PEER_ADDRESS_FAMILY_MISMATCH = 443;
    /** 446 Connection Already Exists (RFC 6062). */
    public static final int CONNECTION_ALREADY_EXISTS = 446;
    /** 447 Connection Timeout or Failure (RFC 6062). */
    public static final int CONNECTION_TIMEOUT_OR_FAILURE = 447;
    /** 486 Allocation Quota Reached. */
    public static final int ALLOCATION_QUOTA_REACHED = 486;
    /** 487 Role Conflict. */
    public static final int ROLE_CONFLICT = 487;
    /** 500 Server Error. */
    public static final int SERVER_ERROR = 500;
    /** 508 Insufficient Capacity. */
    public static final int INSUFFICIENT_CAPACITY = 508;

    public ErrorCode {
        Objects.requireNonNull(reason, "reason");
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException("error code: " + code + " (expected: 300 ~ 699)");
        }
    }

    @Override
    public void addTo(StunMessage.Builder b) {
        byte[] r = reason.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] v = new byte[4 + r.length];
        v[2] = (byte) (code / 100);
        v[3] = (byte) (code % 100);
        System.arraycopy(r, 0, v, 4, r.length);
        b.addRaw(AttributeType.ERROR_CODE, v);
    }

    static ErrorCode decode(byte[] v) {
        if (v.length < 4) {
            throw new StunDecodeException("ERROR-CODE: " + v.length + " bytes (expected: >= 4)");
        }
        int cls = v[2] & 0x07;
        int num = v[3] & 0xFF;
        if (cls < 3 || cls > 6 || num > 99) {
            throw new StunDecodeException("ERROR-CODE: class " + cls + " number " + num + " (expected: 300 ~ 699)");
        }
        return new ErrorCode(cls * 100 + num,
                new String(v, 4, v.length - 4, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return code + " " + reason;
    }
}
