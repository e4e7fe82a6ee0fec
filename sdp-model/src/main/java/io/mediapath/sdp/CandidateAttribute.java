package io.mediapath.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * A candidate line ({@code a=candidate} or {@code a=x-candidate-ipv6}) with its parse result: exactly one of
 * {@code candidate} and {@code error} is present.
 *
 * @param attribute the raw attribute (name, value, line number)
 * @param candidate the parsed candidate, when the line parses
 * @param error     why it does not parse, with line and column, otherwise
 */
public record CandidateAttribute(Attribute attribute, Optional<Candidate> candidate,
        Optional<SdpParseException> error) {

    /** Validates the components. */
    public CandidateAttribute {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(error, "error");
    }

    /** Parses {@code a}'s value as a candidate, never throwing. */
    public static CandidateAttribute of(Attribute a) {
        try {
            return new CandidateAttribute(a, Optional.of(Candidates.parse(a)), Optional.empty());
        } catch (SdpParseException e) {
            return new CandidateAttribute(a, Optional.empty(), Optional.of(e));
        }
    }

    /** Whether the line is Microsoft's {@code a=x-candidate-ipv6}. */
    public boolean isXCandidateIpv6() {
        return attribute.is(Candidates.X_CANDIDATE_IPV6);
    }
}
