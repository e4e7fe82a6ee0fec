package io.mediapath.ice;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How many candidates of each type a media section offers over each transport: the table an admin reads first
 * ("audio has a UDP relay, application sharing has no TCP relay"). Types are {@link IceCandidate#effectiveType()}.
 */
public final class CandidateMatrix {

    // one flat array and the enum constants cached once: values() clones its array on every call, and a matrix is
    // built per media line of every audit
    private static final CandidateType[] TYPES = CandidateType.values();
    private static final CandidateTransport[] TRANSPORTS = CandidateTransport.values();
    private static final int COLS = TRANSPORTS.length;

    private final int[] counts = new int[TYPES.length * COLS];

    private CandidateMatrix() {
    }

    /** Counts the given candidates. */
    public static CandidateMatrix of(List<IceCandidate> candidates) {
        CandidateMatrix m = new CandidateMatrix();
        for (IceCandidate c : candidates) {
            m.counts[c.effectiveType().ordinal() * COLS + c.transport().ordinal()]++;
        }
        return m;
    }

    /** Number of candidates of this type and transport. */
    public int count(CandidateType type, CandidateTransport transport) {
        return counts[type.ordinal() * COLS + transport.ordinal()];
    }

    /** Number of candidates of this type over any transport. */
    public int count(CandidateType type) {
        int n = 0;
        int row = type.ordinal() * COLS;
        for (int k = 0; k < COLS; k++) {
            n += counts[row + k];
        }
        return n;
    }

    /** Number of candidates of this type over any TCP transport. */
    public int countTcp(CandidateType type) {
        int n = 0;
        for (CandidateTransport t : TRANSPORTS) {
            if (t.isTcp()) {
                n += count(type, t);
            }
        }
        return n;
    }

    /** Counts as nested maps (type token → transport label → count), omitting zero cells; for JSON. */
    public Map<String, Map<String, Integer>> asMap() {
        Map<String, Map<String, Integer>> out = new java.util.LinkedHashMap<>();
        for (CandidateType type : CandidateType.values()) {
            Map<String, Integer> row = new java.util.LinkedHashMap<>();
            for (CandidateTransport t : CandidateTransport.values()) {
                int n = count(type, t);
                if (n > 0) {
                    row.put(t.label(), n);
                }
            }
            if (!row.isEmpty()) {
                out.put(type.token(), row);
            }
        }
        return out;
    }

    /**
     * A fixed-width text table: a row per type, a column per transport, "-" for zero. Rows and columns that are
     * empty everywhere are kept for UDP/TCP-ACT/TCP-PASS and host/srflx/relay so two matrices line up.
     */
    public String render() {
        Map<CandidateTransport, Boolean> cols = new EnumMap<>(CandidateTransport.class);
        for (CandidateTransport t : CandidateTransport.values()) {
            boolean used = t == CandidateTransport.UDP || t == CandidateTransport.TCP_ACTIVE || t == CandidateTransport.TCP_PASSIVE;
            for (CandidateType type : CandidateType.values()) {
                used |= count(type, t) > 0;
            }
            cols.put(t, used);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-8s", ""));
        cols.forEach((t, used) -> {
            if (used) {
                sb.append(String.format("%9s", t.label()));
            }
        });
        sb.append('\n');
        for (CandidateType type : CandidateType.values()) {
            boolean keep = type == CandidateType.HOST || type == CandidateType.SERVER_REFLEXIVE || type == CandidateType.RELAYED
                    || count(type) > 0;
            if (!keep) {
                continue;
            }
            sb.append(String.format("%-8s", type.token()));
            for (Map.Entry<CandidateTransport, Boolean> e : cols.entrySet()) {
                if (e.getValue()) {
                    int n = count(type, e.getKey());
                    sb.append(String.format("%9s", n == 0 ? "-" : Integer.toString(n)));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
