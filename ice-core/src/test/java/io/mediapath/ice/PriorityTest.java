package io.mediapath.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PriorityTest {

    @Test
    void rfc8445FormulaForHostWithSingleAddress() {
        // 2^24*126 + 2^8*65535 + (256-1)
        assertThat(Priority.compute(CandidateType.HOST, 65535, 1)).isEqualTo(2130706431L);
        assertThat(Priority.compute(CandidateType.HOST, 65535, 2)).isEqualTo(2130706430L);
        assertThat(Priority.compute(CandidateType.SERVER_REFLEXIVE, 65535, 1)).isEqualTo(1694498815L);
        assertThat(Priority.compute(CandidateType.RELAYED, 65535, 1)).isEqualTo(16777215L);
    }

    @Test
    void decodesLyncSamplesFromDomainTable() {
        Priority udpRelay = Priority.decode(184548351L);
        assertThat(udpRelay).isEqualTo(new Priority(10, 0xfffb, 1));
        assertThat(Priority.decode(174456319L)).isEqualTo(new Priority(10, 0x65fd, 1));
        assertThat(Priority.decode(2020212991L)).isEqualTo(new Priority(120, 0x6a00, 1));
        assertThat(Priority.decode(1768161535L)).isEqualTo(new Priority(105, 0x6400, 1));
        assertThat(Priority.decode(33553407L)).isEqualTo(new Priority(1, 0xfffb, 1));
        assertThat(Priority.decode(2130705918L)).isEqualTo(new Priority(126, 0xfffd, 2));
        assertThat(Priority.decode(6556159L)).isEqualTo(new Priority(0, 0x6409, 1));
    }

    @Test
    void decodeRoundTripsCompute() {
        for (int type : new int[] {0, 1, 10, 100, 105, 110, 120, 126}) {
            for (int local : new int[] {0, 1, 0x6400, 0xffff}) {
                for (int comp : new int[] {1, 2, 256}) {
                    Priority p = new Priority(type, local, comp);
                    if (p.value() == 0) {
                        assertThat(Priority.decode(0)).isNull(); // RFC 8445: a priority is positive
                        continue;
                    }
                    assertThat(Priority.decode(p.value())).isEqualTo(p);
                }
            }
        }
    }

    @Test
    void decodeRejectsValuesOutsideTheFormula() {
        assertThat(Priority.decode(0)).isNull();
        assertThat(Priority.decode(0x80000000L)).isNull();
        assertThat(Priority.decode(0x7f000000L)).isNull(); // type preference 127
        assertThat(Priority.decode(830)).isEqualTo(new Priority(0, 3, 256 - 0x3e));
    }

    @Test
    void rfc6544TcpLocalPreference() {
        // host/relay: active 6, passive 4, so 2; srflx: so 6, active 4, passive 2 (RFC 6544 §4.2)
        assertThat(Priority.tcpLocalPreference(CandidateType.HOST, CandidateTransport.TCP_ACTIVE, 8191)).isEqualTo(6 * 8192 + 8191);
        assertThat(Priority.tcpLocalPreference(CandidateType.HOST, CandidateTransport.TCP_PASSIVE, 8191)).isEqualTo(4 * 8192 + 8191);
        assertThat(Priority.tcpLocalPreference(CandidateType.RELAYED, CandidateTransport.TCP_SO, 0)).isEqualTo(2 * 8192);
        assertThat(Priority.tcpLocalPreference(CandidateType.SERVER_REFLEXIVE, CandidateTransport.TCP_SO, 8191)).isEqualTo(6 * 8192 + 8191);
        assertThat(Priority.tcpLocalPreference(CandidateType.SERVER_REFLEXIVE, CandidateTransport.TCP_ACTIVE, 8191)).isEqualTo(4 * 8192 + 8191);
        assertThat(Priority.tcpLocalPreference(CandidateType.SERVER_REFLEXIVE, CandidateTransport.TCP_PASSIVE, 8191)).isEqualTo(2 * 8192 + 8191);
        assertThat(Priority.tcpLocalPreference(CandidateType.HOST, CandidateTransport.UDP, 77)).isEqualTo(77);
        int lp = Priority.tcpLocalPreference(CandidateType.SERVER_REFLEXIVE, CandidateTransport.TCP_ACTIVE, 8191);
        assertThat(Priority.compute(CandidateType.SERVER_REFLEXIVE, lp, 1)).isEqualTo(1688207359L);
        assertThatThrownBy(() -> Priority.tcpLocalPreference(CandidateType.HOST, CandidateTransport.TCP_ACTIVE, 8192))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pairPriorityIs64BitAndDependsOnRole() {
        long g = 2130706431L;
        long d = 1694498815L;
        // 2^32*MIN + 2*MAX + (G>D?1:0), computed independently: 7277816997797167103
        assertThat(CandidatePair.pairPriority(g, d)).isEqualTo(7277816997797167103L);
        assertThat(CandidatePair.pairPriority(d, g)).isEqualTo(7277816997797167102L);
        assertThat(CandidatePair.pairPriority(Priority.MAX, Priority.MAX)).isPositive();
        assertThatThrownBy(() -> CandidatePair.pairPriority(0x80000000L, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void foundationFollowsRfc8445Rules() {
        String a = Foundation.compute(CandidateType.HOST, "10.0.0.1", "", CandidateTransport.UDP);
        assertThat(a).isEqualTo(Foundation.compute(CandidateType.HOST, "10.0.0.1", "", CandidateTransport.UDP));
        assertThat(a).hasSizeLessThanOrEqualTo(32).matches("[0-9]+");
        assertThat(a).isNotEqualTo(Foundation.compute(CandidateType.HOST, "10.0.0.2", "", CandidateTransport.UDP));
        assertThat(a).isNotEqualTo(Foundation.compute(CandidateType.SERVER_REFLEXIVE, "10.0.0.1", "", CandidateTransport.UDP));
        assertThat(a).isNotEqualTo(Foundation.compute(CandidateType.HOST, "10.0.0.1", "", CandidateTransport.TCP_ACTIVE));
        assertThat(Foundation.compute(CandidateType.RELAYED, "10.0.0.1", "198.51.100.1", CandidateTransport.UDP))
                .isNotEqualTo(Foundation.compute(CandidateType.RELAYED, "10.0.0.1", "198.51.100.2", CandidateTransport.UDP));
        // TCP roles of one candidate share a foundation.
        assertThat(Foundation.compute(CandidateType.HOST, "10.0.0.1", "", CandidateTransport.TCP_ACTIVE))
                .isEqualTo(Foundation.compute(CandidateType.HOST, "10.0.0.1", "", CandidateTransport.TCP_PASSIVE));
    }
}
