package io.mediapath.turn.stun;

/**
 * Something that adds attributes to a message being built (pion/stun's {@code Setter}). The factories in
 * {@link Attributes} return setters; typed attribute values such as {@link ErrorCode} are setters themselves.
 */
@FunctionalInterface
public interface Setter {
    /** Adds this attribute (or these attributes) to {@code builder}. */
    void addTo(StunMessage.Builder builder);
}
