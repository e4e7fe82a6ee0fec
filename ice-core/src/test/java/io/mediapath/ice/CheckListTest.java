package io.mediapath.ice;

import static io.mediapath.ice.Candidates.ice;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.sdp.msdiag.Location;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckListTest {

    @Test
    void pairsOnlySameComponentFamilyAndCompatibleTransport() {
        List<IceCandidate> local = List.of(
                ice(1, "UDP", 2130706431L, "10.0.0.1", 5000, "host"),
                ice(2, "UDP", 2130706430L, "10.0.0.1", 5001, "host"),
                ice(1, "TCP-ACT", 2020212991L, "10.0.0.1", 9, "host"),
                ice(1, "UDP", 33553407L, "2001:db8::1", 5002, "host"));
        List<IceCandidate> remote = List.of(
                ice(1, "UDP", 2130706431L, "192.168.1.2", 6000, "host"),
                ice(1, "TCP-PASS", 2019819775L, "192.168.1.2", 6001, "host"),
                ice(1, "TCP-ACT", 2020212991L, "192.168.1.2", 9, "host"));
        List<CandidatePair> pairs = CheckList.form(local, remote, true);
        assertThat(pairs).extracting(p -> p.local().transport() + ">" + p.remote().transport())
                .containsExactlyInAnyOrder("UDP>UDP", "TCP_ACTIVE>TCP_PASSIVE");
        assertThat(pairs).allMatch(p -> p.component() == 1);
    }

    @Test
    void orderedByPairPriorityWithControllingRole() {
        IceCandidate lh = ice(1, "UDP", 2130706431L, "10.0.0.1", 5000, "host");
        IceCandidate lr = ice(1, "UDP", 184548351L, "198.51.100.10", 40000, "relay", "10.0.0.1", 5000);
        IceCandidate rh = ice(1, "UDP", 2130706431L, "192.168.1.2", 6000, "host");
        IceCandidate rs = ice(1, "UDP", 1694498815L, "203.0.113.5", 6000, "srflx", "192.168.1.2", 6000);
        List<CandidatePair> pairs = CheckList.form(List.of(lr, lh), List.of(rs, rh), true);
        assertThat(pairs).hasSize(4);
        List<Long> prios = new ArrayList<>();
        pairs.forEach(p -> prios.add(p.priority()));
        assertThat(prios).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(pairs.get(0).local()).isEqualTo(lh);
        assertThat(pairs.get(0).remote()).isEqualTo(rh);
        assertThat(pairs.get(0).priority()).isEqualTo(CandidatePair.pairPriority(2130706431L, 2130706431L));
        // Controlled side computes with G = remote priority.
        List<CandidatePair> controlled = CheckList.form(List.of(lh), List.of(rs), false);
        assertThat(controlled.get(0).priority()).isEqualTo(CandidatePair.pairPriority(1694498815L, 2130706431L));
    }

    @Test
    void localSrflxIsReplacedByItsBaseAndRedundantPairsRemoved() {
        IceCandidate base = ice(1, "UDP", 2130706431L, "10.0.0.1", 5000, "host");
        IceCandidate srflx = ice(1, "UDP", 1694498815L, "203.0.113.9", 7000, "srflx", "10.0.0.1", 5000);
        IceCandidate remote = ice(1, "UDP", 2130706431L, "198.51.100.20", 6000, "host");
        List<CandidatePair> pairs = CheckList.form(List.of(base, srflx), List.of(remote), true);
        assertThat(pairs).hasSize(1);
        assertThat(pairs.get(0).local()).isEqualTo(base);
        assertThat(pairs.get(0).priority()).isEqualTo(CandidatePair.pairPriority(2130706431L, 2130706431L));
    }

    @Test
    void limitCutsTheLowestPriorities() {
        List<IceCandidate> local = new ArrayList<>();
        List<IceCandidate> remote = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            local.add(ice(1, "UDP", 2130706431L - i * 256L, "10.0.0." + (i + 1), 5000, "host"));
            remote.add(ice(1, "UDP", 2130706431L - i * 256L, "10.1.0." + (i + 1), 6000, "host"));
        }
        assertThat(CheckList.form(local, remote, true)).hasSize(100);
        assertThat(CheckList.form(local, remote, true, 10)).hasSize(10);
        assertThat(CheckList.form(local, remote, true, 1000)).hasSize(144);
    }

    @Test
    void thousandsOfCandidatesArePairedFromTheHighestPrioritiesOnly() {
        List<IceCandidate> local = new ArrayList<>();
        List<IceCandidate> remote = new ArrayList<>();
        for (int i = 0; i < 14_000; i++) { // a hostile SDP: 196 million pairs if nothing bounded them
            local.add(ice(1, "UDP", 1_000_000L + i, "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), 5000, "host"));
            remote.add(ice(1, "UDP", 1_000_000L + i, "11." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), 6000, "host"));
        }
        List<CandidatePair> pairs = CheckList.form(local, remote, true, 1000);
        assertThat(pairs).hasSize(1000);
        // the best pair is made of the two highest-priority candidates, wherever they stood in the lists
        assertThat(pairs.get(0).local().priority()).isEqualTo(1_000_000L + 13_999);
        assertThat(pairs.get(0).remote().priority()).isEqualTo(1_000_000L + 13_999);
        assertThat(pairs).allMatch(p -> p.local().priority() > 1_000_000L + 13_999 - CheckList.MAX_CANDIDATES);
    }

    @Test
    void draft6CandidatesDoNotEnterPairs() {
        IceCandidate d6 = IceCandidate.from(Candidates.draft6("u", 1, "p", "UDP", "0.830", "10.0.0.1", 5000));
        IceCandidate r = ice(1, "UDP", 2130706431L, "10.0.0.2", 5000, "host");
        assertThat(CheckList.form(List.of(d6), List.of(r), true)).isEmpty();
    }

    @Test
    void feasibilityFollowsLocations() {
        IceCandidate bobTcpAct = ice(1, "TCP-ACT", 2020212991L, "10.20.30.40", 50040, "host");
        IceCandidate bobTcpPass = ice(1, "TCP-PASS", 2019819775L, "10.20.30.40", 50040, "host");
        IceCandidate aliceHostPass = ice(1, "TCP-PASS", 2019819775L, "192.168.1.23", 50020, "host");
        IceCandidate aliceRelayPass = ice(1, "TCP-PASS", 174326015L, "198.51.100.10", 55000, "relay", "192.168.1.23", 50020);
        IceCandidate aliceRelayAct = ice(1, "TCP-ACT", 174719231L, "198.51.100.10", 55000, "relay", "192.168.1.23", 50020);
        List<IceCandidate> bob = List.of(bobTcpAct, bobTcpPass);
        List<IceCandidate> alice = List.of(aliceHostPass, aliceRelayPass, aliceRelayAct);
        List<CandidatePair> pairs = CheckList.form(bob, alice, true);
        assertThat(pairs).hasSize(3);

        List<Feasibility.PairVerdict> v = new Feasibility(Location.INTRANET, Location.INTERNET).assess(pairs, bob, alice);
        assertThat(v).noneMatch(Feasibility.PairVerdict::feasible);
        assertThat(v).allSatisfy(x -> assertThat(x.reason()).isNotBlank());

        List<Feasibility.PairVerdict> unknown = new Feasibility(Location.UNKNOWN, Location.UNKNOWN).assess(pairs, bob, alice);
        assertThat(unknown).anyMatch(Feasibility.PairVerdict::feasible);

        // With a TCP relay of its own, the intranet side reaches the peer's relay.
        IceCandidate bobRelayAct = ice(1, "TCP-ACT", 174719231L, "198.51.100.10", 56000, "relay", "10.20.30.40", 50040);
        List<IceCandidate> bob2 = List.of(bobTcpAct, bobTcpPass, bobRelayAct);
        List<Feasibility.PairVerdict> fixed = new Feasibility(Location.INTRANET, Location.INTERNET)
                .assess(CheckList.form(bob2, alice, true), bob2, alice);
        assertThat(fixed).anyMatch(x -> x.verdict() == Feasibility.Verdict.LIKELY && x.pair().local().equals(bobRelayAct));

        // Two intranet endpoints reach each other's private hosts.
        List<Feasibility.PairVerdict> lan = new Feasibility(Location.INTRANET, Location.INTRANET).assess(pairs, bob, alice);
        assertThat(lan).anyMatch(x -> x.verdict() == Feasibility.Verdict.POSSIBLE);
    }

    @Test
    void loopbackAndLinkLocalAreNeverReachable() {
        IceCandidate a = ice(1, "UDP", 2130706431L, "127.0.0.1", 5000, "host");
        IceCandidate b = ice(1, "UDP", 2130706431L, "169.254.1.1", 5000, "host");
        List<CandidatePair> pairs = CheckList.form(List.of(a), List.of(b), true);
        assertThat(new Feasibility(Location.UNKNOWN, Location.UNKNOWN).assess(pairs, List.of(a), List.of(b)))
                .singleElement().satisfies(v -> assertThat(v.verdict()).isEqualTo(Feasibility.Verdict.IMPOSSIBLE));
    }
}
