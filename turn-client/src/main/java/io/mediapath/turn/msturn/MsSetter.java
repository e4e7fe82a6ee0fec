package io.mediapath.turn.msturn;

/**
 * Adds one or more attributes to a message being built (pion/stun style): {@code
 * MsTurnMessage.builder(ALLOCATE_REQUEST).add(MsAttributes.magicCookie(), MsAttributes.msVersion(3))}.
 */
@FunctionalInterface
public interface MsSetter {
    /** Appends this setter's attribute(s) to {@code builder}. */
    void addTo(MsTurnMessage.Builder builder);
}
