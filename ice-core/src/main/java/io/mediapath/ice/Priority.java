package io.mediapath.ice;

/**
 * A candidate priority and its parts (RFC 8445 §5.1.2.1):
 * {@code priority = 2^24 * typePreference + 2^8 * localPreference + (256 - component)}.
 *
 * @param typePreference  0 to 126 (RFC 8445 recommends host 126, prflx 110, srflx 100, relay 0; Lync uses 10 for relays)
 * @param localPreference 0 to 65535
 * @param component       1 to 256
 */
public record Priority(int typePreference, int localPreference, int component) {

    /** Largest priority RFC 8445 allows (2^31 - 1). */
    public static final long MAX = 0x7fffffffL;

    public Priority {
        if (typePreference < 0 || typePreference > 126) {
            throw new IllegalArgumentException("typePreference: " + typePreference + " (expected: 0 ~ 126)");
        }
        if (localPreference < 0 || localPreference > 65535) {
            throw new IllegalArgumentException("localPreference: " + localPreference + " (expected: 0 ~ 65535)");
        }
        if (component < 1 || component > 256) {
            throw new IllegalArgumentException("component: " + component + " (expected: 1 ~ 256)");
        }
    }

    /** The 32-bit priority value. */
    public long value() {
        return ((long) typePreference << 24) + ((long) localPreference << 8) + (256 - component);
    }

    /**
     * Splits a priority into its parts; {@code null} when the value cannot come from the formula (outside
     * 1 to 2^31-1, or a type preference above 126).
     */
    public static Priority decode(long priority) {
        if (priority < 1 || priority > MAX) {
            return null;
        }
        int type = (int) (priority >>> 24);
        int local = (int) ((priority >>> 8) & 0xffff);
        int component = 256 - (int) (priority & 0xff);
        if (type > 126) {
            return null;
        }
        return new Priority(type, local, component);
    }

    /** RFC 8445 §5.1.2.1 priority with the recommended type preference and a given local preference. */
    public static long compute(CandidateType type, int localPreference, int component) {
        return new Priority(type.recommendedTypePreference(), localPreference, component).value();
    }

    /**
     * RFC 6544 §4.2 local preference for a TCP candidate: {@code 2^13 * directionPref + otherPref}, where the
     * direction preference is active 6, passive 4, S-O 2 for host, relayed and UDP-tunneled candidates, and S-O 6,
     * active 4, passive 2 for server-reflexive and NAT-assisted ones. UDP and unstated TCP roles get
     * {@code otherPref} unchanged.
     *
     * @param otherPref 0 to 8191 (8191 when the host has a single address)
     */
    public static int tcpLocalPreference(CandidateType type, CandidateTransport transport, int otherPref) {
        if (otherPref < 0 || otherPref > 8191) {
            throw new IllegalArgumentException("otherPref: " + otherPref + " (expected: 0 ~ 8191)");
        }
        boolean reflexive = type == CandidateType.SERVER_REFLEXIVE || type == CandidateType.PEER_REFLEXIVE;
        int direction;
        switch (transport) {
            case TCP_ACTIVE: direction = reflexive ? 4 : 6; break;
            case TCP_PASSIVE: direction = reflexive ? 2 : 4; break;
            case TCP_SO: direction = reflexive ? 6 : 2; break;
            default: return otherPref;
        }
        return (direction << 13) + otherPref;
    }
}
