package io.mediapath.ice;

import static io.mediapath.ice.Candidates.draft6;
import static io.mediapath.ice.Candidates.rfc;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IceCandidateTest {

    @Test
    void rfcUdpRelayWithRelatedAddress() {
        IceCandidate c = IceCandidate.from(rfc("3", 1, "UDP", 184548351L, "194.176.96.67", 42037, "relay", "10.77.44.43", 50048), 22);
        assertThat(c.type()).isEqualTo(CandidateType.RELAYED);
        assertThat(c.transport()).isEqualTo(CandidateTransport.UDP);
        assertThat(c.addressClass()).isEqualTo(AddressClass.PUBLIC);
        assertThat(c.priorityParts()).contains(new Priority(10, 0xfffb, 1));
        assertThat(c.relatedAddress()).contains(new TransportAddress("10.77.44.43", 50048));
        assertThat(c.inferred()).isFalse();
        assertThat(c.lineNumber()).isEqualTo(22);
        assertThat(c.effectiveType()).isEqualTo(CandidateType.RELAYED);
    }

    @Test
    void msTcpTokensAndRfc6544TcptypeMapToTheSameRoles() {
        assertThat(IceCandidate.from(rfc("1", 1, "TCP-ACT", 174848511L, "194.176.96.67", 56148, "relay", null, null)).transport())
                .isEqualTo(CandidateTransport.TCP_ACTIVE);
        assertThat(IceCandidate.from(rfc("1", 1, "tcp-pass", 174456319L, "194.176.96.67", 56148, "relay", null, null)).transport())
                .isEqualTo(CandidateTransport.TCP_PASSIVE);
        assertThat(IceCandidate.from(rfc("1", 1, "TCP-SO", 1, "10.0.0.1", 1, "host", null, null)).transport())
                .isEqualTo(CandidateTransport.TCP_SO);
        assertThat(IceCandidate.from(rfc("1", 1, "tcp", 1518214911L, "10.0.0.1", 9, "host", null, null, "tcptype", "active")).transport())
                .isEqualTo(CandidateTransport.TCP_ACTIVE);
        assertThat(IceCandidate.from(rfc("1", 1, "TCP", 1, "10.0.0.1", 9, "host", null, null, "tcptype", "passive")).transport())
                .isEqualTo(CandidateTransport.TCP_PASSIVE);
        assertThat(IceCandidate.from(rfc("1", 1, "TCP", 1, "10.0.0.1", 9, "host", null, null, "tcptype", "so")).transport())
                .isEqualTo(CandidateTransport.TCP_SO);
        assertThat(IceCandidate.from(rfc("1", 1, "TCP", 1, "10.0.0.1", 9, "host", null, null)).transport())
                .isEqualTo(CandidateTransport.TCP);
        assertThat(IceCandidate.from(rfc("1", 1, "ssltcp", 1, "10.0.0.1", 9, "host", null, null)).transport())
                .isEqualTo(CandidateTransport.OTHER);
    }

    @Test
    void activeTcpSrflxPlaceholderCountsAsHost() {
        IceCandidate c = IceCandidate.from(rfc("4", 1, "TCP-ACT", 1684797951L, "192.168.56.1", 15676, "srflx", "192.168.56.1", 15676));
        assertThat(c.type()).isEqualTo(CandidateType.SERVER_REFLEXIVE);
        assertThat(c.isActiveTcpPlaceholder()).isTrue();
        assertThat(c.effectiveType()).isEqualTo(CandidateType.HOST);
        IceCandidate real = IceCandidate.from(rfc("3", 1, "TCP-PASS", 1768161535L, "203.0.113.4", 50006, "srflx", "192.168.1.157", 50006));
        assertThat(real.isActiveTcpPlaceholder()).isFalse();
        assertThat(real.effectiveType()).isEqualTo(CandidateType.SERVER_REFLEXIVE);
    }

    @Test
    void draft6WithoutTypIsInferredFromTheAddressAndSaysSo() {
        IceCandidate host = IceCandidate.from(draft6("d5lFvGToRDKh", 1, "1Riht1AWk", "UDP", "0.830", "192.168.66.57", 31848));
        assertThat(host.type()).isEqualTo(CandidateType.HOST);
        assertThat(host.inferred()).isTrue();
        assertThat(host.inference()).contains("no typ").contains("draft-6").contains("private");
        assertThat(host.priorityParts()).isEmpty();
        assertThat(host.hasRfcPriority()).isFalse(); // a q-value, not a 32-bit priority
        IceCandidate pub = IceCandidate.from(draft6("u", 1, "p", "UDP", "0.500", "198.51.100.9", 1000));
        assertThat(pub.type()).isEqualTo(CandidateType.UNKNOWN);
        assertThat(pub.inference()).contains("cannot be told apart");
    }

    @Test
    void rfcLineWithoutTypIsInferredFromThePriority() {
        IceCandidate relay = IceCandidate.from(rfc("1", 1, "UDP", 184548351L, "198.51.100.9", 1, null, null, null));
        assertThat(relay.type()).isEqualTo(CandidateType.RELAYED);
        assertThat(relay.inferred()).isTrue();
        assertThat(relay.inference()).contains("type preference 10");
        IceCandidate host = IceCandidate.from(rfc("1", 1, "UDP", 2130706431L, "10.0.0.1", 1, null, null, null));
        assertThat(host.type()).isEqualTo(CandidateType.HOST);
        IceCandidate v6 = IceCandidate.from(rfc("1", 1, "UDP", 33553407L, "fd00::1", 1, null, null, null));
        assertThat(v6.type()).isEqualTo(CandidateType.HOST);
        IceCandidate odd = IceCandidate.from(rfc("1", 1, "UDP", 2130706431L, "10.0.0.1", 1, "weird", null, null));
        assertThat(odd.type()).isEqualTo(CandidateType.HOST);
        assertThat(odd.inference()).contains("unknown typ 'weird'");
    }
}
