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
        CLOSED
    }

    private final Kind kind;
    private final transient StunMessage response;

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

    /** The STUN error code and reason, when the server sent an error response. */
    public Optional<ErrorCode> errorCode() {
        try {
            return response == null ? Optional.empty() : response.errorCode();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
