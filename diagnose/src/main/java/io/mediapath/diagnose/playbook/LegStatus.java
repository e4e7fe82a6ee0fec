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
    SKIPPED
}
