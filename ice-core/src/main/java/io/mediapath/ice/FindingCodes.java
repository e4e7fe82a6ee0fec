package io.mediapath.ice;

/**
 * The stable finding codes ice-core emits. Scripts match on these strings; each is documented in
 * {@code docs/findings.md}. They never change meaning; new ones are added.
 */
public final class FindingCodes {

    private FindingCodes() {
    }

    /** A media section offers no relay (TURN) candidate at all. */
    public static final String NO_RELAY_CANDIDATE = "NO_RELAY_CANDIDATE";
    /** TCP media (application sharing) has no TCP relay, or a UDP relay is present but its TCP counterpart is not. */
    public static final String NO_TCP_RELAY_CANDIDATE = "NO_TCP_RELAY_CANDIDATE";
    /** Every candidate of a section is a host candidate. */
    public static final String HOST_ONLY_CANDIDATES = "HOST_ONLY_CANDIDATES";
    /** No genuine server-reflexive candidate (the MS active-TCP placeholder does not count). */
    public static final String NO_SRFLX_CANDIDATE = "NO_SRFLX_CANDIDATE";
    /** Every candidate address is private, CGNAT, link-local, loopback, ULA or mDNS. */
    public static final String PRIVATE_ADDRESSES_ONLY = "PRIVATE_ADDRESSES_ONLY";
    /** An application-sharing section that is not TCP (protocol or candidates). */
    public static final String APPSHARING_NOT_TCP = "APPSHARING_NOT_TCP";
    /** The MS-ICE draft-6 part and the RFC 5245 part of a Lync multipart offer tell different stories. */
    public static final String DRAFT6_AND_RFC5245_DISAGREE = "DRAFT6_AND_RFC5245_DISAGREE";
    /** Given offer, answer and locations, no candidate pair could succeed. */
    public static final String NO_FEASIBLE_PAIR = "NO_FEASIBLE_PAIR";
    /** A candidate line does not parse. */
    public static final String MALFORMED_CANDIDATE = "MALFORMED_CANDIDATE";
    /** A candidate's type was not stated ({@code typ} absent, MS-ICE draft-6) and was inferred. */
    public static final String CANDIDATE_TYPE_INFERRED = "CANDIDATE_TYPE_INFERRED";

    /** A description that uses ICE has no candidate in any active media section and no trickle ICE: ICE cannot start. */
    public static final String NO_CANDIDATES = "NO_CANDIDATES";

    /** A trickle-ICE description without candidates: they travel separately and were not given. */
    public static final String CANDIDATES_TRICKLED = "CANDIDATES_TRICKLED";
}
