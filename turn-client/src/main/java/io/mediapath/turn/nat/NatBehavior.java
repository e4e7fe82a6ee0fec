package io.mediapath.turn.nat;

/**
 * A NAT's mapping or filtering behaviour (RFC 4787 §4.1, §5; RFC 5780 §4.3, §4.4).
 */
public enum NatBehavior {
    /** No translation: the mapped address is the local one (mapping only). */
    NO_NAT("no NAT"),
    /** The same mapping (or filter opening) for every remote address and port. */
    ENDPOINT_INDEPENDENT("endpoint-independent"),
    /** Depends on the remote IP address, not its port. */
    ADDRESS_DEPENDENT("address-dependent"),
    /** Depends on the remote IP address and port ("symmetric" when it is the mapping). */
    ADDRESS_AND_PORT_DEPENDENT("address-and-port-dependent"),
    /** The tests could not decide (no answer to a needed test, or the server lacks RFC 5780). */
    UNDETERMINED("undetermined");

    private final String label;

    NatBehavior(String label) {
        this.label = label;
    }

    /** The RFC 4787 wording. */
    public String label() {
        return label;
    }
}
