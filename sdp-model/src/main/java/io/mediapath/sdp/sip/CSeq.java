package io.mediapath.sdp.sip;

import java.util.Objects;

/**
 * The {@code CSeq} header: sequence number and method ({@code 1 INVITE}).
 *
 * @param sequence the sequence number (0 to 2^32-1)
 * @param method   the method, as written
 */
public record CSeq(long sequence, String method) {

    public CSeq {
        Objects.requireNonNull(method, "method");
    }
}
