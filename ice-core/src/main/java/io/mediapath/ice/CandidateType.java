package io.mediapath.ice;

import java.util.Optional;

/**
 * The ICE candidate types of RFC 8445 §5.1.1, with the recommended type preferences of §5.1.2.2, plus
 * {@link #UNKNOWN} for MS-ICE draft-6 lines (no {@code typ}) whose type cannot be inferred.
 */
public enum CandidateType {
    /** An address on a local interface. */
    HOST("host", 126),
    /** Learned from a connectivity check (a NAT mapping the peer saw). */
    PEER_REFLEXIVE("prflx", 110),
    /** The public side of a NAT, learned from a STUN server. */
    SERVER_REFLEXIVE("srflx", 100),
    /** An address allocated on a TURN server (media relay). */
    RELAYED("relay", 0),
    /** Not stated and not inferable. */
    UNKNOWN("unknown", 0);

    private final String token;
    private final int typePreference;

    CandidateType(String token, int typePreference) {
        this.token = token;
        this.typePreference = typePreference;
    }

    /** The SDP token ({@code host}, {@code srflx}, {@code prflx}, {@code relay}). */
    public String token() {
        return token;
    }

    /** RFC 8445 §5.1.2.2 recommended type preference (host 126, prflx 110, srflx 100, relay 0). */
    public int recommendedTypePreference() {
        return typePreference;
    }

    /** The type named by an SDP {@code typ} token, case-insensitively; empty for unknown tokens. */
    public static Optional<CandidateType> fromToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        // equalsIgnoreCase: no lower-cased copy, and the parser hands over shared constants, so usually identity
        if (token.equalsIgnoreCase("host")) {
            return Tokens.HOST;
        } else if (token.equalsIgnoreCase("srflx")) {
            return Tokens.SRFLX;
        } else if (token.equalsIgnoreCase("relay")) {
            return Tokens.RELAY;
        } else if (token.equalsIgnoreCase("prflx")) {
            return Tokens.PRFLX;
        }
        return Optional.empty();
    }

    /** One Optional per type, made once (this is called for every candidate of every audit). */
    private static final class Tokens {
        static final Optional<CandidateType> HOST = Optional.of(CandidateType.HOST);
        static final Optional<CandidateType> SRFLX = Optional.of(SERVER_REFLEXIVE);
        static final Optional<CandidateType> PRFLX = Optional.of(PEER_REFLEXIVE);
        static final Optional<CandidateType> RELAY = Optional.of(RELAYED);
    }
}
