package io.mediapath.diagnose.playbook;

/** What a leg concluded, in the few words the root-cause combiner reasons with. */
public enum LegStatus {
    /** The relay (or, for the browser legs, nothing in between) answered as it should. */
    PASSED,
    /** The relay answered and challenged, but refused the credentials: the path works. */
    AUTH_FAILED,
    /** Something in between terminated TLS or answered the hello itself with TLS (forged chain, split records, alert). */
    INTERCEPTED,
    /** A plaintext HTTP answer (407, 302, 403, a page) came back instead of the relay protocol. */
    HTTP_PROXY,
    /** Reset or closed right after the hello. */
    RESET,
    /** Connected (or sent over UDP), then nothing came back before the deadline. */
    SILENT,
    /** The connection was refused or the address unreachable. */
    REFUSED,
    /** Any other failure (wrong protocol, name not resolved, protocol error); the leg's findings say which. */
    FAILED,
    /** Not run: not applicable, nothing configured, or an earlier leg decided it should not. */
    SKIPPED;

    /**
     * The status of the relay's own hello (pseudo-TLS), live or read from a capture: anything but the 83-byte answer
     * is a middlebox.
     */
    public static LegStatus ofPseudoTls(io.mediapath.tls.Verdict v) {
        return switch (v) {
            case GENUINE_PSEUDO_TLS, GENUINE_TLS -> PASSED;
            case INTERCEPTED, TLS_ALERT -> INTERCEPTED;
            case HTTP_PROXY_RESPONSE -> HTTP_PROXY;
            case RESET_AFTER_HELLO, CLOSED_AFTER_HELLO -> RESET;
            case SILENT_AFTER_HELLO -> SILENT;
            case CONNECT_FAILED -> REFUSED;
            case NOT_TLS -> FAILED;
        };
    }

    /**
     * The status of a real TLS hello, live or read from a capture. An Edge speaks no real TLS on its media port, so
     * in the ms-turn dialect a refusal (alert, close, reset, silence, bytes that are not TLS) means "untouched"; only
     * a forged chain or an HTTP answer is a middlebox. A TURN relay speaks TLS, so there a refusal is a finding of
     * its own.
     */
    public static LegStatus ofTls(io.mediapath.tls.TlsInspection i, Dialect dialect) {
        io.mediapath.tls.Verdict v = i.verdict();
        if (v == io.mediapath.tls.Verdict.INTERCEPTED || !v.genuine() && !i.chain().isEmpty()
                || dialect == Dialect.MS_TURN && !i.serverHellos().isEmpty()) {
            // A certificate that does not prove the server: forged, or (ms-turn) any ServerHello at all, since an
            // Edge answers none to real TLS on its media port. A handshake the probe could not finish still showed it.
            return INTERCEPTED;
        }
        if (v == io.mediapath.tls.Verdict.HTTP_PROXY_RESPONSE) {
            return HTTP_PROXY;
        }
        if (v == io.mediapath.tls.Verdict.CONNECT_FAILED) {
            return REFUSED;
        }
        if (v.genuine() || dialect == Dialect.MS_TURN) {
            return PASSED;
        }
        return switch (v) {
            case RESET_AFTER_HELLO, CLOSED_AFTER_HELLO -> RESET;
            case SILENT_AFTER_HELLO -> SILENT;
            default -> FAILED;
        };
    }

    /** The status of an MS-TURN probe's verdict ({@code CHALLENGED}, {@code TIMEOUT}, …), live or replayed. */
    public static LegStatus ofMsTurn(String verdict) {
        return switch (verdict) {
            case "CHALLENGED", "ALLOCATED" -> PASSED;
            case "TIMEOUT" -> SILENT;
            case "CONNECT_REFUSED", "UNREACHABLE" -> REFUSED;
            case "AUTH_FAILED" -> AUTH_FAILED;
            case "PSEUDO_TLS_INTERCEPTED" -> INTERCEPTED;
            case "CLOSED" -> RESET;
            default -> FAILED;
        };
    }

    /**
     * The status of an RFC TURN probe: the relay answered and allocated (a failed permission or echo is the peer's
     * side, not the path's), or why it did not.
     */
    public static LegStatus ofTurn(io.mediapath.turn.TurnProbeReport r) {
        java.util.Optional<io.mediapath.turn.ProbeStep> failed = r.failedStep();
        if (failed.isEmpty() || java.util.List.of("permission", "relay-echo", "tcp-relay-echo")
                .contains(failed.get().name())) {
            return PASSED;
        }
        return switch (r.verdict()) {
            case "TURN_TIMEOUT" -> SILENT;
            case "TURN_CONNECT_REFUSED", "TURN_UNREACHABLE" -> REFUSED;
            case "TURN_AUTH_FAILED" -> AUTH_FAILED;
            case "TURN_TLS_FAILED" -> INTERCEPTED;
            case "TURN_CONNECTION_CLOSED" -> RESET;
            default -> FAILED;
        };
    }
}
