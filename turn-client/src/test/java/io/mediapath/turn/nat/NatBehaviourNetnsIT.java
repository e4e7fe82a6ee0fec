package io.mediapath.turn.nat;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.netns.ExecResult;
import io.mediapath.lab.netns.NetnsNatTopology;
import io.mediapath.lab.netns.NetnsNatTopology.Nat;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * RFC 5780 discovery through real Linux NATs the test builds in network namespaces ({@link NetnsNatTopology}): coturn
 * on two addresses in the server namespace, the probe ({@link NatProbeMain}) in the client namespace, iptables in
 * between. Each classification is asserted from the NAT's known behaviour: no NAT; MASQUERADE (endpoint-independent
 * mapping, conntrack filtering = address-and-port-dependent, no hairpinning); MASQUERADE --random-fully
 * (address-and-port-dependent mapping); MASQUERADE with hairpin rules; a 3 s conntrack UDP timeout found by the
 * bounded lifetime search. Needs root; a kernel without the NAT feature fails loudly naming it.
 */
class NatBehaviourNetnsIT {

    private static ExecResult probe(NetnsNatTopology t, String... extra) {
        String[] args = new String[2 + extra.length];
        args[0] = NetnsNatTopology.SERVER_IP;
        args[1] = Integer.toString(NetnsNatTopology.STUN_PORT);
        System.arraycopy(extra, 0, args, 2, extra.length);
        ExecResult r = t.runJavaInClient(Duration.ofSeconds(90), NatProbeMain.class.getName(), args);
        System.out.println(t + "\n" + r.stdout() + r.stderr());
        assertThat(r.exitCode()).as(r.stderr() + "\n" + t.coturnLog()).isZero();
        return r;
    }

    @Test
    void noNat() {
        try (NetnsNatTopology t = NetnsNatTopology.builder().nat(Nat.NONE).start()) {
            ExecResult r = probe(t);
            assertThat(r.value("mapping")).isEqualTo("NO_NAT");
            assertThat(r.value("mapped")).startsWith(NetnsNatTopology.CLIENT_IP + ":");
            assertThat(r.value("filtering")).isEqualTo("ENDPOINT_INDEPENDENT");
            assertThat(r.value("hairpinning")).isEqualTo("NOT_APPLICABLE");
            assertThat(r.value("outlook")).isEqualTo("DIRECT_OPEN");
            assertThat(r.value("findings")).isEqualTo("NAT_NOT_PRESENT");
        }
    }

    @Test
    void masqueradeMapsIndependentlyAndFiltersPerConntrack() {
        try (NetnsNatTopology t = NetnsNatTopology.builder().nat(Nat.MASQUERADE).start()) {
            ExecResult r = probe(t);
            assertThat(r.value("mapped")).startsWith(NetnsNatTopology.NAT_PUBLIC_IP + ":");
            assertThat(r.value("mapping")).isEqualTo("ENDPOINT_INDEPENDENT");
            assertThat(r.value("filtering")).isEqualTo("ADDRESS_AND_PORT_DEPENDENT");
            assertThat(r.value("hairpinning")).isEqualTo("NOT_SUPPORTED");
            assertThat(r.value("outlook")).isEqualTo("DIRECT_AFTER_CHECKS");
            assertThat(r.value("findings")).isEqualTo(
                    "NAT_MAPPING_INDEPENDENT,NAT_FILTERING_RESTRICTED,NAT_HAIRPIN_UNSUPPORTED");
        }
    }

    @Test
    void randomFullyMapsPerAddressAndPort() {
        try (NetnsNatTopology t = NetnsNatTopology.builder().nat(Nat.MASQUERADE_RANDOM_FULLY).start()) {
            ExecResult r = probe(t);
            assertThat(r.value("mapped")).startsWith(NetnsNatTopology.NAT_PUBLIC_IP + ":");
            assertThat(r.value("mapping")).isEqualTo("ADDRESS_AND_PORT_DEPENDENT");
            assertThat(r.value("filtering")).isEqualTo("ADDRESS_AND_PORT_DEPENDENT");
            assertThat(r.value("outlook")).isEqualTo("RELAY_REQUIRED");
            assertThat(r.value("findings")).contains("NAT_MAPPING_DEPENDENT");
            // the same NAT through NatProbe, as the edge playbook's nat leg runs it (its deadline, its timers)
            ExecResult p = probe(t, "--probe");
            assertThat(p.value("verdict")).isEqualTo("RELAY_REQUIRED");
            assertThat(p.value("passed")).isEqualTo("true");
            assertThat(p.value("nat.mapping")).isEqualTo("ADDRESS_AND_PORT_DEPENDENT");
            assertThat(p.value("nat.outlook")).startsWith("RELAY_REQUIRED every call between two such sites is relayed");
            assertThat(p.value("findings")).contains("NAT_MAPPING_DEPENDENT");
        }
    }

    @Test
    void hairpinningNat() {
        try (NetnsNatTopology t = NetnsNatTopology.builder().nat(Nat.MASQUERADE_HAIRPIN).start()) {
            ExecResult r = probe(t);
            assertThat(r.value("mapping")).isEqualTo("ENDPOINT_INDEPENDENT");
            assertThat(r.value("hairpinning")).isEqualTo("SUPPORTED");
            assertThat(r.value("findings")).doesNotContain("NAT_HAIRPIN_UNSUPPORTED");
        }
    }

    @Test
    void bindingLifetimeFollowsConntrackUdpTimeout() {
        try (NetnsNatTopology t = NetnsNatTopology.builder().nat(Nat.MASQUERADE).udpTimeout(3).start()) {
            ExecResult r = probe(t, "8");
            String[] bracket = r.value("lifetime").split("\\.\\.");
            long alive = Long.parseLong(bracket[0]);
            long expired = Long.parseLong(bracket[1]);
            // conntrack forgets the entry 3 s after its last packet (the answer to the mapping Binding): the bracket
            // holds 3 s, and the 1 s resolution keeps it narrow
            assertThat(alive).isBetween(1_000L, 4_000L);
            assertThat(expired).isBetween(3_000L, 8_000L);
            assertThat(expired - alive).isLessThanOrEqualTo(2_000L);
            assertThat(r.value("findings")).contains("NAT_BINDING_SHORT");
        }
    }
}
