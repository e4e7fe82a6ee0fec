package io.mediapath.ice;

import io.mediapath.sdp.msdiag.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An estimate of which candidate pairs could succeed at all, given where each side sits. It is a model of the
 * Lync/SfB Edge topology, not a simulation of NATs; its rules (documented in {@code docs/findings.md}):
 * <ul>
 *   <li>loopback, link-local, unspecified and invalid addresses are never reachable from another host;</li>
 *   <li>a private (RFC 1918, CGNAT, ULA, mDNS) address is reachable only when both sides are on the intranet, or
 *       when a location is unknown (benefit of the doubt);</li>
 *   <li>a public address (or a name) is reachable from the internet, from a relay, and from an intranet endpoint
 *       only when that endpoint proved a direct way out on that transport by offering a genuine server-reflexive
 *       candidate (an intranet endpoint otherwise reaches the internet only through its relay);</li>
 *   <li>UDP succeeds when either side reaches the other (the answer flows back through the mapping); TCP needs the
 *       active side to reach the passive side; simultaneous-open needs both directions.</li>
 * </ul>
 *
 * @param localLocation  where the local side (the offerer) sits
 * @param remoteLocation where the remote side (the answerer) sits
 */
public record Feasibility(Location localLocation, Location remoteLocation) {

    public Feasibility {
        Objects.requireNonNull(localLocation, "localLocation");
        Objects.requireNonNull(remoteLocation, "remoteLocation");
    }

    /** How likely a pair is to succeed. */
    public enum Verdict {
        /** No path under the model. */
        IMPOSSIBLE,
        /** A path exists under the model. */
        POSSIBLE,
        /** A path exists and goes through a relay, the most robust kind. */
        LIKELY
    }

    /**
     * The estimate for one pair.
     *
     * @param pair    the pair
     * @param verdict the estimate
     * @param reason  why, in one line
     */
    public record PairVerdict(CandidatePair pair, Verdict verdict, String reason) {
        public PairVerdict {
            Objects.requireNonNull(pair, "pair");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(reason, "reason");
        }

        /** True unless {@link Verdict#IMPOSSIBLE}. */
        public boolean feasible() {
            return verdict != Verdict.IMPOSSIBLE;
        }
    }

    /**
     * Assesses each pair. {@code localCandidates}/{@code remoteCandidates} are the full lists, used to learn whether
     * a side has a genuine server-reflexive candidate (its direct way out) per transport.
     */
    public List<PairVerdict> assess(List<CandidatePair> pairs, List<IceCandidate> localCandidates, List<IceCandidate> remoteCandidates) {
        boolean localUdpOut = hasDirectWayOut(localCandidates, false);
        boolean localTcpOut = hasDirectWayOut(localCandidates, true);
        boolean remoteUdpOut = hasDirectWayOut(remoteCandidates, false);
        boolean remoteTcpOut = hasDirectWayOut(remoteCandidates, true);
        List<PairVerdict> out = new ArrayList<>(pairs.size());
        for (CandidatePair p : pairs) {
            boolean tcp = p.local().transport().isTcp();
            Reach l2r = reach(p.local(), localLocation, tcp ? localTcpOut : localUdpOut, p.remote(), remoteLocation);
            Reach r2l = reach(p.remote(), remoteLocation, tcp ? remoteTcpOut : remoteUdpOut, p.local(), localLocation);
            out.add(verdict(p, l2r, r2l));
        }
        return List.copyOf(out);
    }

    private record Reach(boolean ok, String reason) {
    }

    private static PairVerdict verdict(CandidatePair p, Reach l2r, Reach r2l) {
        CandidateTransport lt = p.local().transport();
        CandidateTransport rt = p.remote().transport();
        boolean ok;
        String reason;
        if (lt == CandidateTransport.TCP_ACTIVE || rt == CandidateTransport.TCP_PASSIVE) {
            ok = l2r.ok;
            reason = "local connects: " + l2r.reason;
        } else if (lt == CandidateTransport.TCP_PASSIVE || rt == CandidateTransport.TCP_ACTIVE) {
            ok = r2l.ok;
            reason = "remote connects: " + r2l.reason;
        } else if (lt == CandidateTransport.TCP_SO) {
            ok = l2r.ok && r2l.ok;
            reason = "simultaneous open: " + l2r.reason + "; " + r2l.reason;
        } else {
            ok = l2r.ok || r2l.ok;
            reason = ok ? (l2r.ok ? l2r.reason : r2l.reason) : l2r.reason + "; " + r2l.reason;
        }
        boolean relay = p.local().type() == CandidateType.RELAYED || p.remote().type() == CandidateType.RELAYED;
        Verdict v = !ok ? Verdict.IMPOSSIBLE : relay ? Verdict.LIKELY : Verdict.POSSIBLE;
        return new PairVerdict(p, v, reason);
    }

    private static Reach reach(IceCandidate from, Location fromLoc, boolean fromDirectOut, IceCandidate to, Location toLoc) {
        AddressClass target = to.addressClass();
        String dest = to.type().token() + " " + to.transportAddress();
        switch (target) {
            case LOOPBACK:
            case LINK_LOCAL:
            case UNSPECIFIED:
            case INVALID:
                return new Reach(false, dest + " is " + target.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                        + ", never reachable from another host");
            default:
                break;
        }
        if (target.isSiteScoped()) {
            if (fromLoc == Location.UNKNOWN || toLoc == Location.UNKNOWN) {
                return new Reach(true, dest + " is private and a location is unknown (maybe the same network)");
            }
            if (fromLoc == Location.INTRANET && toLoc == Location.INTRANET && from.type() != CandidateType.RELAYED) {
                return new Reach(true, dest + " is private and both sides are on the intranet");
            }
            return new Reach(false, dest + " is private and the " + (from.type() == CandidateType.RELAYED
                    ? "relay" : fromLoc.name().toLowerCase(java.util.Locale.ROOT) + " side") + " cannot reach it");
        }
        if (from.type() == CandidateType.RELAYED) {
            return new Reach(true, dest + " is public and reached from a relay");
        }
        if (fromLoc != Location.INTRANET) {
            return new Reach(true, dest + " is public and reached from the " + fromLoc.name().toLowerCase(java.util.Locale.ROOT)
                    + (fromLoc == Location.UNKNOWN ? " (assumed open)" : ""));
        }
        if (fromDirectOut) {
            return new Reach(true, dest + " is public and the intranet side has a direct way out (a server-reflexive candidate)");
        }
        return new Reach(false, dest + " is public but the intranet side has no relay on this transport and no direct way out");
    }

    /** True when the list offers a genuine server-reflexive candidate (not the MS active-TCP placeholder). */
    static boolean hasDirectWayOut(List<IceCandidate> candidates, boolean tcp) {
        for (IceCandidate c : candidates) {
            if (c.effectiveType() == CandidateType.SERVER_REFLEXIVE && c.transport().isTcp() == tcp) {
                return true;
            }
        }
        return false;
    }
}
