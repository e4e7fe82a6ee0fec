package io.mediapath.turn;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One step of a {@link TurnProbe}: resolve, connect, tls, first-response (or binding), allocate, permission,
 * relay-echo.
 *
 * @param name          the step's stable name
 * @param status        how it went
 * @param elapsed       how long it took
 * @param detail        what happened, for a person (never a secret)
 * @param stunErrorCode the STUN error code when the server answered with one
 */
public record ProbeStep(String name, Status status, Duration elapsed, String detail, OptionalInt stunErrorCode) {

    /** A step's outcome. */
    public enum Status {
        /** It worked. */
        PASSED,
        /** It failed; later steps are skipped. */
        FAILED,
        /** Not run (an earlier step failed, or nothing to do: no credentials, no peer). */
        SKIPPED
    }

    public ProbeStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(stunErrorCode, "stunErrorCode");
    }
}
