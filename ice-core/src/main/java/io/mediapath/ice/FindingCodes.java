package io.mediapath.ice;

import io.mediapath.sdp.msdiag.Remedies;
import java.util.List;

/**
 * ice-core's finding catalogue: every code {@link CandidateAudit} and {@link DiagnosticsAudit} can report, with its
 * usual severity, title and remedy. Scripts match on the codes; {@code docs/findings.md} lists exactly these. They
 * never change meaning; new ones are added.
 */
public final class FindingCodes {

    private FindingCodes() {
    }

    // Shared by the findings that point at a broken TCP 443 path to the relay.
    private static final String TCP_RELAY_REMEDY = "The TCP allocation on the relay (TCP 443) failed while the rest "
            + "works: look for an HTTP proxy, application-layer firewall or TLS inspection on TCP 443 between this "
            + "client and the Edge/TURN server. Check it live with `mediapath edge <relay>` (pseudo-TLS and MS-TURN on "
            + "TCP 443). "
            + Remedies.bypassInspectionByIp("", 443, true);

    /** A media section offers no relay (TURN) candidate at all. */
    public static final FindingCode NO_RELAY_CANDIDATE = FindingCode.of("NO_RELAY_CANDIDATE", Severity.WARNING,
            "The section offers no relay (TURN) candidate",
            "The client got no relay allocation for this media. Check the relay settings it received "
                    + "(Lync/SfB: MRAS, the SIP SERVICE answer with mediaRelayList), that the Edge/TURN server "
                    + "resolves and answers on UDP 3478 and TCP 443 (`mediapath turn`), and that nothing intercepts "
                    + "TCP 443 (`mediapath edge <relay>`).");

    /** TCP media (application sharing) has no TCP relay, or a UDP relay is present but its TCP counterpart is not. */
    public static final FindingCode NO_TCP_RELAY_CANDIDATE = FindingCode.of("NO_TCP_RELAY_CANDIDATE", Severity.WARNING,
            "The TCP 443 allocation on the relay failed while UDP works; the summary cites a UDP relay of "
                    + "another section or of another offer in the same log when there is one (the field reports' "
                    + "signature)",
            TCP_RELAY_REMEDY);

    /** Every candidate of a section is a host candidate. */
    public static final FindingCode HOST_ONLY_CANDIDATES = FindingCode.of("HOST_ONLY_CANDIDATES", Severity.WARNING,
            "Every candidate is a host candidate",
            "The peer can only reach this endpoint directly. Give the client a working STUN/TURN (Edge) "
                    + "server, or make sure it can reach the one it has (UDP 3478, TCP 443 without interception).");

    /** No genuine server-reflexive candidate (the MS active-TCP placeholder does not count). */
    public static final FindingCode NO_SRFLX_CANDIDATE = FindingCode.of("NO_SRFLX_CANDIDATE", Severity.INFO,
            "No genuine server-reflexive candidate",
            "The client learned no public NAT mapping. Normal for intranet clients that reach the internet "
                    + "only through the Edge relay; elsewhere check that STUN (UDP 3478) to the relay works.");

    /** Every candidate address is private, CGNAT, link-local, loopback, ULA or mDNS. */
    public static final FindingCode PRIVATE_ADDRESSES_ONLY = FindingCode.of("PRIVATE_ADDRESSES_ONLY", Severity.WARNING,
            "Every address is private, CGNAT, link-local, loopback, ULA or mDNS",
            "Only peers on the same network can reach these addresses; calls with external or federated "
                    + "peers need a relay candidate on a public address.");

    /** An application-sharing section that is not TCP (protocol or candidates). */
    public static final FindingCode APPSHARING_NOT_TCP = FindingCode.of("APPSHARING_NOT_TCP", Severity.WARNING,
            "An application-sharing section uses a non-TCP protocol or offers UDP candidates ([MS-SDPEXT] "
                    + "3.1.5.22.2)",
            "Application sharing is TCP-only ([MS-SDPEXT] 3.1.5.22.2: its candidates SHOULD be TCP); a UDP "
                    + "application-sharing offer will not connect to Lync/SfB peers. Check the client's media "
                    + "configuration or the gateway that rewrote the SDP.");

    /** The MS-ICE draft-6 part and the RFC 5245 part of a Lync multipart offer tell different stories. */
    public static final FindingCode DRAFT6_AND_RFC5245_DISAGREE =
            FindingCode.of("DRAFT6_AND_RFC5245_DISAGREE", Severity.WARNING,
                "The MS-ICE draft-6 part (ms-proxy-2007fallback) and the RFC 5245 part of a Lync multipart "
                        + "offer differ in media sections or in their UDP IPv4 addresses",
                "Lync/SfB gathers the draft-6 part (ms-proxy-2007fallback, used by OCS 2007 peers) and the RFC "
                        + "5245 part separately, so a peer's outcome depends on which part it reads. A relay or interface "
                        + "in only one part means an allocation or interface changed between the two gatherings (VPN "
                        + "adapter, a relay allocation that failed once): check the relay path and the client's "
                        + "interfaces.");

    /** Given offer, answer and locations, no candidate pair could succeed. */
    public static final FindingCode NO_FEASIBLE_PAIR = FindingCode.of("NO_FEASIBLE_PAIR", Severity.ERROR,
            "With the answer and each side's location, no component-1 pair could succeed (or none can be "
                    + "formed)",
            "No pair can connect these endpoints from where they are. The side on the intranet needs a "
                    + "relay candidate on this media's transport (fix its relay path: for TCP media, TCP 443 to the "
                    + "Edge without proxying or TLS inspection), or both sides must be on the same network.");

    /** A candidate line does not parse. */
    public static final FindingCode MALFORMED_CANDIDATE = FindingCode.of("MALFORMED_CANDIDATE", Severity.WARNING,
            "A candidate line does not parse (ignored, as a peer would)",
            "The line is ignored, as a peer would ignore it; if it carried the only relay or reflexive "
                    + "address, fix the software that wrote it.");

    /** A candidate's type was not stated ({@code typ} absent, MS-ICE draft-6) and was inferred. */
    public static final FindingCode CANDIDATE_TYPE_INFERRED = FindingCode.of("CANDIDATE_TYPE_INFERRED", Severity.INFO,
            "Candidates without typ (draft-6): the type was inferred from the priority or the address, "
                    + "reason given",
            "");

    /** Diagnostic code 22–25: the call failed to establish for lack of a media path */
    public static final FindingCode MS_DIAG_MEDIA_CONNECTIVITY_FAILURE =
            FindingCode.of("MS_DIAG_MEDIA_CONNECTIVITY_FAILURE", Severity.ERROR,
                "Diagnostic code 22–25: the call failed to establish for lack of a media path",
                "Decode the ICEWarn of the same header; check UDP 3478/TCP 443 to the Edge and 50000–59999 on "
                        + "its external side.");

    /** Another failure code with a published meaning (e.g. 21002) */
    public static final FindingCode MS_DIAG_FAILURE = FindingCode.of("MS_DIAG_FAILURE", Severity.WARNING,
            "Another failure code with a published meaning (e.g. 21002)",
            "The code's remedy.");

    /** A LocalMR but no LocalMRTCPPort, for application sharing or with TCP-related ICEWarn bits */
    public static final FindingCode NO_TCP_RELAY_ALLOCATION =
            FindingCode.of("NO_TCP_RELAY_ALLOCATION", Severity.WARNING,
                "A LocalMR but no LocalMRTCPPort, for application sharing or with TCP-related ICEWarn bits",
                TCP_RELAY_REMEDY);

    /** MrResU other than 0 for the relay name MrDnsU (meaning of MrResU inferred) */
    public static final FindingCode RELAY_DNS_FAILURE = FindingCode.of("RELAY_DNS_FAILURE", Severity.WARNING,
            "MrResU other than 0 for the relay name MrDnsU (meaning of MrResU inferred)",
            "Check that the client resolves the Edge's internal FQDN to the Edge's internal address (split "
                    + "DNS), then that it reaches it on UDP 3478 and TCP 443.");

    /**
     * A description that uses ICE has no candidate in any active media section and no trickle ICE: ICE cannot start.
     */
    public static final FindingCode NO_CANDIDATES = FindingCode.of("NO_CANDIDATES", Severity.ERROR,
            "A description that uses ICE has no a=candidate in any active media section and no "
                    + "a=ice-options:trickle: ICE cannot start; it was taken before gathering finished",
            "Send the description after gathering completes (pc.localDescription once iceGatheringState is "
                    + "'complete', or after the null candidate event), not the one createOffer/createAnswer "
                    + "returned; or signal trickle ICE (a=ice-options:trickle) and send the candidates as they "
                    + "come.");

    /** A trickle-ICE description without candidates: they travel separately and were not given. */
    public static final FindingCode CANDIDATES_TRICKLED = FindingCode.of("CANDIDATES_TRICKLED", Severity.WARNING,
            "A trickle-ICE description without candidates: they travel in other messages, so what can connect "
                    + "cannot be judged from this description",
            "Give mediapath the candidates too: add the trickled candidates (the a=candidate lines of the "
                    + "signalling messages or RTCIceCandidate.candidate, and a=end-of-candidates) to their m= "
                    + "sections, or take the final local description after gathering (pc.localDescription once "
                    + "iceGatheringState is 'complete'), which contains them.");

    /**
     * The family of per-bit ICEWarn codes: {@code ICEWARN_} and the flag name of the Resource Kit table (e.g.
     * {@code ICEWARN_PSEUDO_TLS_FAILURE}), or {@code ICEWARN_UNKNOWN_BIT} for a bit the table does not list. The
     * severity depends on the bit; the remedy is the table's guidance.
     */
    public static final FindingCode ICEWARN = FindingCode.of("ICEWARN_", Severity.WARNING,
            "A set ICEWarn bit, named after the Resource Kit table",
            "The table's guidance for the bit.");

    private static final List<FindingCode> ALL = List.of(
            NO_RELAY_CANDIDATE, NO_TCP_RELAY_CANDIDATE, HOST_ONLY_CANDIDATES, NO_SRFLX_CANDIDATE,
            PRIVATE_ADDRESSES_ONLY, APPSHARING_NOT_TCP, DRAFT6_AND_RFC5245_DISAGREE, NO_FEASIBLE_PAIR,
            MALFORMED_CANDIDATE, NO_CANDIDATES, CANDIDATES_TRICKLED, CANDIDATE_TYPE_INFERRED,
            MS_DIAG_MEDIA_CONNECTIVITY_FAILURE, MS_DIAG_FAILURE, NO_TCP_RELAY_ALLOCATION, RELAY_DNS_FAILURE, ICEWARN);

    /** Every entry, in the order of {@code docs/findings.md}. */
    public static List<FindingCode> all() {
        return ALL;
    }
}
