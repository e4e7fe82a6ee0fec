package io.mediapath.tls;

/** How sure a {@link TlsInspection}'s verdict is, from the strength of the signals behind it. */
public enum Confidence {
    /** One weak signal (latency, validity pattern) or a verdict by elimination. */
    LOW,
    /** A signal that has innocent explanations in some deployments (chain not anchored, no pin to compare). */
    MEDIUM,
    /** A signal that only an interceptor produces, or an exact match with the expected answer. */
    HIGH
}
