package io.mediapath.turn.nat;

/**
 * What a NAT's behaviour means for ICE (RFC 8445) between two sites behind NATs like this one: whether direct UDP
 * (host or server-reflexive candidates) can work, or every call needs the relay.
 */
public enum IceOutlook {
    /** No NAT and nothing filters: peers reach the host candidate directly. */
    DIRECT_OPEN("direct UDP works: no NAT in the way"),
    /**
     * Endpoint-independent mapping: server-reflexive candidates are valid for every peer, so ICE connectivity checks
     * from both sides open the path (filtering only decides which side's checks go first).
     */
    DIRECT_AFTER_CHECKS("direct UDP between two such sites works once ICE checks run from both sides; the relay is a fallback"),
    /**
     * Address(-and-port)-dependent mapping: the reflexive address learnt from the STUN server is not the one a peer
     * sees, so between two such sites every call needs the relay (direct only with a peer that is not behind a NAT
     * or has endpoint-independent mapping and filtering).
     */
    RELAY_REQUIRED("every call between two such sites is relayed: the mapping changes per destination"),
    /** The mapping could not be determined. */
    UNKNOWN("unknown: the mapping behaviour could not be determined");

    private final String meaning;

    IceOutlook(String meaning) {
        this.meaning = meaning;
    }

    /** One sentence for reports. */
    public String meaning() {
        return meaning;
    }

    /** The outlook for a mapping behaviour. */
    public static IceOutlook of(NatBehavior mapping, NatBehavior filtering) {
        return switch (mapping) {
            case NO_NAT -> filtering == NatBehavior.ENDPOINT_INDEPENDENT ? DIRECT_OPEN : DIRECT_AFTER_CHECKS;
            case ENDPOINT_INDEPENDENT -> DIRECT_AFTER_CHECKS;
            case ADDRESS_DEPENDENT, ADDRESS_AND_PORT_DEPENDENT -> RELAY_REQUIRED;
            case UNDETERMINED -> UNKNOWN;
        };
    }
}
