package io.mediapath.ice;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pair formation, ordering and pruning (RFC 8445 §6.1.2.2–§6.1.2.5; RFC 6544 §6.2 for TCP roles) for one media
 * stream, as the agent holding {@code local} would compute it. Only candidates with an RFC 8445 priority take part
 * (MS-ICE draft-6 q-values cannot be combined into pair priorities).
 */
public final class CheckList {

    /** RFC 8445 §6.1.2.5 default limit on the number of pairs. */
    public static final int DEFAULT_LIMIT = 100;

    private CheckList() {
    }

    /** {@link #form(List, List, boolean, int)} with the default limit of 100 pairs. */
    public static List<CandidatePair> form(List<IceCandidate> local, List<IceCandidate> remote, boolean localControlling) {
        return form(local, remote, localControlling, DEFAULT_LIMIT);
    }

    /**
     * Forms the pairs: every local with every remote candidate of the same component, the same IP address family
     * and a compatible transport; a local server-reflexive candidate is replaced by its base (found by raddr among
     * the local host candidates); redundant pairs (same local base and same remote) keep only the highest priority;
     * the result is ordered by decreasing pair priority and cut to {@code limit}. Of each side at most
     * {@value #MAX_CANDIDATES} candidates are paired, the highest priorities (no real agent sends more; a hostile
     * SDP with thousands would otherwise ask for millions of pairs).
     *
     * @param localControlling true when the local agent is controlling (in SIP, the offerer)
     */
    public static List<CandidatePair> form(List<IceCandidate> local, List<IceCandidate> remote, boolean localControlling, int limit) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        if (limit < 0) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: >= 0)");
        }
        local = highest(local);
        remote = highest(remote);
        List<CandidatePair> pairs = new ArrayList<>();
        for (IceCandidate l : local) {
            if (!l.hasRfcPriority()) {
                continue;
            }
            IceCandidate base = baseOf(l, local);
            for (IceCandidate r : remote) {
                if (!r.hasRfcPriority() || r.component() != l.component()) {
                    continue;
                }
                if (!sameFamily(l, r) || !l.transport().pairsWith(r.transport())) {
                    continue;
                }
                long g = localControlling ? l.priority() : r.priority();
                long d = localControlling ? r.priority() : l.priority();
                // The pair's priority is the one of the unpruned candidate (§6.1.2.4: the pair keeps its place).
                pairs.add(new CandidatePair(base, r, CandidatePair.pairPriority(g, d)));
            }
        }
        pairs.sort(Comparator.comparingLong(CandidatePair::priority).reversed());
        Map<String, CandidatePair> unique = new LinkedHashMap<>();
        for (CandidatePair p : pairs) {
            unique.putIfAbsent(key(p), p);
        }
        List<CandidatePair> out = new ArrayList<>(unique.values());
        return List.copyOf(out.size() > limit ? out.subList(0, limit) : out);
    }

    /** Candidates of one side that take part in pairing. */
    public static final int MAX_CANDIDATES = 256;

    private static List<IceCandidate> highest(List<IceCandidate> all) {
        if (all.size() <= MAX_CANDIDATES) {
            return all;
        }
        List<IceCandidate> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingLong(IceCandidate::priority).reversed());
        return sorted.subList(0, MAX_CANDIDATES);
    }

    private static String key(CandidatePair p) {
        IceCandidate l = p.local();
        IceCandidate r = p.remote();
        return l.component() + "|" + l.transport() + "|" + l.transportAddress() + "|" + r.transport() + "|" + r.transportAddress();
    }

    /** The base a server-reflexive candidate is replaced by (RFC 8445 §6.1.2.4), or the candidate itself. */
    static IceCandidate baseOf(IceCandidate c, List<IceCandidate> all) {
        if (c.type() != CandidateType.SERVER_REFLEXIVE || c.relatedAddress().isEmpty()) {
            return c;
        }
        TransportAddress raddr = c.relatedAddress().get();
        for (IceCandidate h : all) {
            if (h.type() == CandidateType.HOST && h.component() == c.component()
                    && h.transport().isTcp() == c.transport().isTcp()
                    && h.address().strip().equalsIgnoreCase(raddr.host()) && h.port() == raddr.port()) {
                return h;
            }
        }
        return c;
    }

    private static boolean sameFamily(IceCandidate a, IceCandidate b) {
        AddressClass ca = a.addressClass();
        AddressClass cb = b.addressClass();
        // Names (FQDN, mDNS) resolve to either family; give them the benefit of the doubt.
        if (ca == AddressClass.FQDN || ca == AddressClass.MDNS || cb == AddressClass.FQDN || cb == AddressClass.MDNS) {
            return true;
        }
        return a.isIpv6() == b.isIpv6();
    }
}
