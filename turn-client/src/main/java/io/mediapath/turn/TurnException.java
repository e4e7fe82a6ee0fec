package io.mediapath.turn;

import io.mediapath.turn.stun.ErrorCode;
import io.mediapath.turn.stun.StunMessage;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a STUN/TURN operation failed, as a {@link Kind} a program can switch on, plus the STUN error code and reason
 * when the server answered with an error response.
 */
public final class TurnException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The kinds of failure, kept apart on purpose: a refusal is not a timeout, bad credentials are not a dead host. */
    public enum Kind {
        /** The server name did not resolve. */
        RESOLVE_FAILED,
        /** The server actively refused: TCP RST, or ICMP port unreachable on UDP. */
        CONNECT_REFUSED,
        /** No route, network unreachable. */
        UNREACHABLE,
        /** No answer before the deadline (TCP connect or STUN transaction). */
        TIMEOUT,
        /** The TLS handshake failed (certificate, hostname, protocol). */
        TLS_FAILED,
        /** Something answered, but not with STUN. */
        NOT_STUN,
        /** The server answered with an error response ({@link #errorCode()} is present). */
        ERROR_RESPONSE,
        /** Authentication failed: 401 to the authenticated request, or a downgrade was detected. */
        AUTH_FAILED,
        /** A response's MESSAGE-INTEGRITY was missing or wrong. */
        INTEGRITY,
        /** The server violated the protocol (unknown comprehension-required attribute, missing attribute). */
        PROTOCOL,
        /** ALTERNATE-SERVER redirections exceeded the bound, or looped. */
        REDIRECT_LIMIT,
        /** The connection closed while the operation was in flight. */
        CLOSED,
        /**
         * MS-TURN over TCP: the pseudo-TLS ClientHello was not answered with the Edge's 83-byte ServerHello +
         * ServerHelloDone record (a forged certificate, an alert, an HTTP answer, a reset): a middlebox sits on the
         * path. No credentials were sent.
         */
        PSEUDO_TLS_INTERCEPTED,
        /** The server answered in the other STUN dialect (RFC 5389 cookie where MS-TURN was spoken, or vice versa). */
        DIALECT_MISMATCH,
        /**
         * The chosen local address cannot be used toward the server (another address family, or not an address of
         * this host): a local error, found before anything was sent.
         */
        LOCAL_ADDRESS,
        /**
         * The explicit HTTP proxy answered {@code CONNECT} with 407: it demands authentication, or refused the
         * credentials given for it. The relay was never reached; its own authentication is not in question.
         */
        PROXY_AUTH_REQUIRED,
        /**
         * The explicit HTTP proxy did not open the tunnel: a non-2xx answer other than 407 (403 by policy, 502/503
         * when it cannot reach the relay), an answer that is not HTTP, or a close before answering.
         */
        PROXY_REFUSED
    }

    private final Kind kind;
    private final transient StunMessage response;
    private transient java.util.List<java.security.cert.X509Certificate> peerCertificates = java.util.List.of();

    /** A failure of {@code kind}. */
    public TurnException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    /** A failure of {@code kind} with the server's response and/or a cause. */
    public TurnException(Kind kind, String message, StunMessage response, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.response = response;
    }

    /** What kind of failure. */
    public Kind kind() {
        return kind;
    }

    /** The response that caused it, if any. */
    public Optional<StunMessage> response() {
        return Optional.ofNullable(response);
    }

    /** For {@link Kind#TLS_FAILED}: the chain the server presented (empty when it presented none). */
    public java.util.List<java.security.cert.X509Certificate> peerCertificates() {
        return peerCertificates;
    }

    TurnException withPeerCertificates(java.util.List<java.security.cert.X509Certificate> chain) {
        this.peerCertificates = java.util.List.copyOf(chain);
        return this;
    }

    /**
     * True when the error means the allocation no longer exists: 437, or — coturn 4.6.1 — 400 to a ChannelBind or
     * Refresh (RFC 8656 says 437; coturn fixed it upstream in 2026). The remedy is to allocate afresh.
     */
    public boolean allocationMismatch() {
        int code = errorCode().map(ErrorCode::code).orElse(0);
        if (code == ErrorCode.ALLOCATION_MISMATCH) {
            return true;
        }
        return code == ErrorCode.BAD_REQUEST && response != null
                && (response.method().equals(io.mediapath.turn.stun.StunMethod.CHANNEL_BIND)
                || response.method().equals(io.mediapath.turn.stun.StunMethod.REFRESH));
    }

    /** The STUN error code and reason, when the server sent an error response. */
    public Optional<ErrorCode> errorCode() {
        try {
            return response == null ? Optional.empty() : response.errorCode();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
