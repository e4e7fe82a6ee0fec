package io.mediapath.ice;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the audit saw in one media section ({@code m=} line) of an offer and, when given, of its answer.
 *
 * @param index            0-based position of the section (offer and answer sections match by position)
 * @param mediaType        the media type as written ({@code audio}, {@code video}, {@code applicationsharing}, …)
 * @param protocol         the transport protocol as written ({@code RTP/SAVP}, {@code TCP/RTP/AVP}, …)
 * @param offerCandidates  the offer's candidates in line order (including {@code a=x-candidate-ipv6})
 * @param offerMatrix      type × transport counts of the offer's candidates
 * @param answerCandidates the answer's candidates; empty without an answer
 * @param answerMatrix     type × transport counts of the answer's candidates, when there is an answer
 * @param pairs            the component-1 check list with a feasibility verdict per pair; empty without an answer
 * @param findings         what was found about this section, worst first
 */
public record MediaAudit(int index, String mediaType, String protocol, List<IceCandidate> offerCandidates,
        CandidateMatrix offerMatrix, List<IceCandidate> answerCandidates, Optional<CandidateMatrix> answerMatrix,
        List<Feasibility.PairVerdict> pairs, List<Finding> findings) {

    public MediaAudit {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(protocol, "protocol");
        offerCandidates = List.copyOf(offerCandidates);
        Objects.requireNonNull(offerMatrix, "offerMatrix");
        answerCandidates = List.copyOf(answerCandidates);
        Objects.requireNonNull(answerMatrix, "answerMatrix");
        pairs = List.copyOf(pairs);
        findings = List.copyOf(findings);
    }

    /** True when some pair could succeed; false also when no pair could be formed. */
    public boolean hasFeasiblePair() {
        return pairs.stream().anyMatch(Feasibility.PairVerdict::feasible);
    }
}
