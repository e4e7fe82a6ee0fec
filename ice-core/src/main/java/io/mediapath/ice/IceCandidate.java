package io.mediapath.ice;

import io.mediapath.sdp.Candidate;
import java.util.Objects;
import java.util.Optional;

/**
 * The semantic view of one candidate line: what kind of candidate it is, over which transport, with which
 * priority parts, and what kind of address it offers. Built from the syntactic {@link Candidate} of sdp-model by
 * {@link #from(Candidate, int)}, which never throws for a parsed candidate: what cannot be known is marked
 * {@link CandidateType#UNKNOWN} and {@link #inferred()} explains what was guessed.
 *
 * @param source             the parsed line this came from
 * @param lineNumber         1-based line of the candidate in its SDP, 0 when unknown
 * @param foundation         foundation (RFC) or username (MS-ICE draft-6)
 * @param component          component id (1 RTP, 2 RTCP)
 * @param transport          transport with the TCP role folded in
 * @param type               declared type, or the inferred one when {@link #inferred()}
 * @param priority           the priority as written (draft-6: the q-value times 1000)
 * @param priorityParts      type preference, local preference and component decoded from {@link #priority()};
 *                           empty for draft-6 q-values and values outside the RFC 8445 formula
 * @param address            connection address as written
 * @param port               port
 * @param addressClass       what kind of address {@link #address()} is
 * @param relatedAddress     {@code raddr}/{@code rport}, when present and well-formed
 * @param inferred           true when {@link #type()} was not stated ({@code typ} absent) but guessed
 * @param inference          why the type was guessed as it was; empty when not inferred
 */
public record IceCandidate(Candidate source, int lineNumber, String foundation, int component,
        CandidateTransport transport, CandidateType type, long priority, Optional<Priority> priorityParts,
        String address, int port, AddressClass addressClass, Optional<TransportAddress> relatedAddress,
        boolean inferred, String inference) {

    public IceCandidate {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(foundation, "foundation");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(priorityParts, "priorityParts");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(addressClass, "addressClass");
        Objects.requireNonNull(relatedAddress, "relatedAddress");
        Objects.requireNonNull(inference, "inference");
    }

    /** The semantic view of {@code c}, with an unknown line number. */
    public static IceCandidate from(Candidate c) {
        return from(c, 0);
    }

    /** The semantic view of {@code c}, found on 1-based {@code lineNumber} of its SDP. */
    public static IceCandidate from(Candidate c, int lineNumber) {
        Objects.requireNonNull(c, "candidate");
        CandidateTransport transport = CandidateTransport.of(c.transport(), c.extension("tcptype"));
        AddressClass cls = AddressClass.of(c.address());
        Optional<Priority> parts = c.form() == Candidate.Form.RFC
                ? Optional.ofNullable(Priority.decode(c.priority()))
                : Optional.empty();
        Optional<TransportAddress> related = Optional.empty();
        if (c.relatedAddress().isPresent() && !c.relatedAddress().get().isBlank()) {
            int rport = c.relatedPort().orElse(0);
            if (rport >= 0 && rport <= 65535) {
                related = Optional.of(new TransportAddress(c.relatedAddress().get().strip(), rport));
            }
        }
        Optional<CandidateType> declared = c.type().flatMap(CandidateType::fromToken);
        CandidateType type;
        boolean inferred;
        String why;
        if (declared.isPresent()) {
            type = declared.get();
            inferred = false;
            why = "";
        } else {
            inferred = true;
            String stated = c.type().map(t -> "unknown typ '" + t + "'").orElse("no typ");
            Inference guess = infer(c.form(), parts, cls, related.isPresent());
            type = guess.type;
            why = stated + "; " + guess.reason;
        }
        return new IceCandidate(c, lineNumber, c.foundation(), c.component(), transport, type, c.priority(), parts,
                c.address(), c.port(), cls, related, inferred, why);
    }

    private record Inference(CandidateType type, String reason) {
    }

    /**
     * Guesses the type of a line without {@code typ}: from the decoded type preference when the line carries a
     * 32-bit priority (domain.md §3.2: Lync writes 126/120 for hosts, 100/105 for reflexive, 10 for relays, 1 for
     * IPv6 hosts), otherwise (MS-ICE draft-6 q-values) from the address alone.
     */
    private static Inference infer(Candidate.Form form, Optional<Priority> parts, AddressClass cls, boolean hasRelated) {
        if (parts.isPresent()) {
            int tp = parts.get().typePreference();
            if (tp >= 120) {
                return new Inference(CandidateType.HOST, "type preference " + tp + " is a host preference");
            }
            if (tp >= 105 && tp <= 110) {
                return new Inference(hasRelated ? CandidateType.PEER_REFLEXIVE : CandidateType.HOST,
                        "type preference " + tp + (hasRelated ? " with raddr: peer-reflexive" : " without raddr: host"));
            }
            if (tp >= 100 && tp < 105) {
                return new Inference(CandidateType.SERVER_REFLEXIVE, "type preference " + tp + " is a server-reflexive preference");
            }
            if (tp <= 10 && cls.isNonRoutable()) {
                return new Inference(CandidateType.HOST, "type preference " + tp + " on a " + label(cls)
                        + " address: a low-preference host (Lync IPv6 hosts use 1)");
            }
            if (tp <= 10) {
                return new Inference(CandidateType.RELAYED, "type preference " + tp + " on a public address is a relay preference");
            }
            return new Inference(CandidateType.UNKNOWN, "type preference " + tp + " matches no known type");
        }
        String prefix = form == Candidate.Form.MS_ICE_DRAFT6 ? "MS-ICE draft-6 line" : "priority not decodable";
        if (cls.isNonRoutable()) {
            return new Inference(CandidateType.HOST, prefix + " with a " + label(cls) + " address: a host address");
        }
        return new Inference(CandidateType.UNKNOWN, prefix + " with a " + label(cls)
                + " address: host, server-reflexive or relay cannot be told apart");
    }

    private static String label(AddressClass cls) {
        return cls.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** {@code address:port} of this candidate (port 0 when the line's port is out of range). */
    public TransportAddress transportAddress() {
        String host = address.isBlank() ? "0.0.0.0" : address.strip();
        return new TransportAddress(host, port >= 0 && port <= 65535 ? port : 0);
    }

    /**
     * True for the MS-ICE2 habit of advertising an active TCP host candidate as {@code TCP-ACT ... typ srflx}
     * with {@code raddr}/{@code rport} equal to its own address (see corpus SOURCES.md): not evidence of a working
     * STUN server, so audits treat it as a host.
     */
    public boolean isActiveTcpPlaceholder() {
        return type == CandidateType.SERVER_REFLEXIVE && transport.isTcp()
                && relatedAddress.map(r -> r.host().equalsIgnoreCase(address.strip())).orElse(false);
    }

    /** The type audits reason with: {@link #type()}, except that an active-TCP placeholder counts as host. */
    public CandidateType effectiveType() {
        return isActiveTcpPlaceholder() ? CandidateType.HOST : type;
    }

    /** True when the address is IPv6 (a literal with a colon). */
    public boolean isIpv6() {
        return address.indexOf(':') >= 0;
    }

    /**
     * True when the line has an RFC 8445 priority (RFC form, 1 to 2^31-1) that can take part in pair priorities;
     * draft-6 q-values cannot.
     */
    public boolean hasRfcPriority() {
        return source.form() == Candidate.Form.RFC && priority >= 1 && priority <= Priority.MAX;
    }

    @Override
    public String toString() {
        return type.token() + " " + transport.label() + " " + transportAddress() + " c" + component
                + (inferred ? " (inferred)" : "");
    }
}
