package io.mediapath.ice;

import java.util.Locale;
import java.util.Optional;

/**
 * A candidate's transport with the RFC 6544 TCP role folded in. Standard SDP writes {@code TCP ... tcptype active};
 * Lync/SfB (MS-ICE2) writes the role into the transport token ({@code TCP-ACT}, {@code TCP-PASS}, {@code TCP-SO}).
 * Both map to the same value.
 */
public enum CandidateTransport {
    /** UDP. */
    UDP("UDP"),
    /** TCP, opens the connection (RFC 6544 {@code tcptype active}, MS {@code TCP-ACT}). */
    TCP_ACTIVE("TCP-ACT"),
    /** TCP, accepts the connection ({@code tcptype passive}, {@code TCP-PASS}). */
    TCP_PASSIVE("TCP-PASS"),
    /** TCP simultaneous open ({@code tcptype so}, {@code TCP-SO}). */
    TCP_SO("TCP-SO"),
    /** TCP without a stated role (MS-ICE draft-6 TCP candidates act as both active and passive). */
    TCP("TCP"),
    /** Anything else ({@code ssltcp}, {@code tls}, an unknown token). */
    OTHER("other");

    private final String label;

    CandidateTransport(String label) {
        this.label = label;
    }

    /** Short label used in reports ({@code UDP}, {@code TCP-ACT}, {@code TCP-PASS}, ...). */
    public String label() {
        return label;
    }

    /** True for any TCP variant. */
    public boolean isTcp() {
        return this == TCP_ACTIVE || this == TCP_PASSIVE || this == TCP_SO || this == TCP;
    }

    /**
     * The transport of a candidate line.
     *
     * @param token   the transport field as written ({@code UDP}, {@code tcp}, {@code TCP-PASS}, ...)
     * @param tcptype the {@code tcptype} extension value, if any
     */
    public static CandidateTransport of(String token, Optional<String> tcptype) {
        String t = token == null ? "" : token.toUpperCase(Locale.ROOT);
        switch (t) {
            case "UDP": return UDP;
            case "TCP-ACT": return TCP_ACTIVE;
            case "TCP-PASS": return TCP_PASSIVE;
            case "TCP-SO": return TCP_SO;
            case "TCP":
                String role = tcptype.map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
                switch (role) {
                    case "active": return TCP_ACTIVE;
                    case "passive": return TCP_PASSIVE;
                    case "so": return TCP_SO;
                    default: return TCP;
                }
            default: return OTHER;
        }
    }

    /**
     * True when a pair of these transports can be checked (RFC 8445: UDP with UDP; RFC 6544 §6.2: active with
     * passive, S-O with S-O; an unstated TCP role pairs with any TCP role).
     */
    public boolean pairsWith(CandidateTransport remote) {
        if (this == UDP || remote == UDP) {
            return this == remote;
        }
        if (this == OTHER || remote == OTHER) {
            return false;
        }
        if (this == TCP || remote == TCP) {
            return true;
        }
        return (this == TCP_ACTIVE && remote == TCP_PASSIVE) || (this == TCP_PASSIVE && remote == TCP_ACTIVE)
                || (this == TCP_SO && remote == TCP_SO);
    }
}
