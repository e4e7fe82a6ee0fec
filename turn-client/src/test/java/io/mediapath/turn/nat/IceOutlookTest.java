package io.mediapath.turn.nat;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.Severity;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each behaviour means for ICE, and which findings a report makes from it (with its proof as evidence). */
class IceOutlookTest {
    private static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.10", 3478);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("10.0.0.2", 40000);
    private static final InetSocketAddress MAPPED = new InetSocketAddress("198.51.100.1", 40000);

    @Test
    void outlookFollowsTheMapping() {
        assertThat(IceOutlook.of(NatBehavior.NO_NAT, NatBehavior.ENDPOINT_INDEPENDENT)).isEqualTo(IceOutlook.DIRECT_OPEN);
        assertThat(IceOutlook.of(NatBehavior.NO_NAT, NatBehavior.ADDRESS_AND_PORT_DEPENDENT))
                .isEqualTo(IceOutlook.DIRECT_AFTER_CHECKS);
        assertThat(IceOutlook.of(NatBehavior.ENDPOINT_INDEPENDENT, NatBehavior.ADDRESS_AND_PORT_DEPENDENT))
                .isEqualTo(IceOutlook.DIRECT_AFTER_CHECKS);
        assertThat(IceOutlook.of(NatBehavior.ADDRESS_DEPENDENT, NatBehavior.ENDPOINT_INDEPENDENT))
                .isEqualTo(IceOutlook.RELAY_REQUIRED);
        assertThat(IceOutlook.of(NatBehavior.ADDRESS_AND_PORT_DEPENDENT, NatBehavior.UNDETERMINED))
                .isEqualTo(IceOutlook.RELAY_REQUIRED);
        assertThat(IceOutlook.of(NatBehavior.UNDETERMINED, NatBehavior.UNDETERMINED)).isEqualTo(IceOutlook.UNKNOWN);
    }

    @Test
    void symmetricNatIsAWarningProvenByTheMappingTransactions() {
        NatTransaction m1 = tx("mapping-1", true);
        NatTransaction m2 = tx("mapping-2", true);
        NatTransaction f2 = tx("filtering-2", false);
        NatReport r = new NatReport(SERVER, LOCAL, Optional.of(MAPPED), Optional.of(new InetSocketAddress("192.0.2.11", 3479)),
                NatBehavior.ADDRESS_AND_PORT_DEPENDENT, NatBehavior.ADDRESS_AND_PORT_DEPENDENT,
                Hairpinning.SUPPORTED, Optional.empty(), List.of(m1, m2, f2), 0);
        assertThat(r.worst()).isEqualTo(Severity.WARNING);
        assertThat(r.findings()).extracting(f -> f.code())
                .containsExactly("NAT_MAPPING_DEPENDENT", "NAT_FILTERING_RESTRICTED");
        assertThat(r.findings().get(0).evidence()).extracting(e -> e.location())
                .containsExactly("step mapping-1 (12 ms)", "step mapping-2 (12 ms)");
        assertThat(r.findings().get(0).summary()).contains("every call between two such sites is relayed");
    }

    @Test
    void aShortLifetimeIsAWarningOnlyWhenItExpiredWithinTheKeepalive() {
        BindingLifetime shortOne = new BindingLifetime(Duration.ofSeconds(2), Optional.of(Duration.ofSeconds(3)), List.of());
        BindingLifetime longOne = new BindingLifetime(Duration.ofSeconds(60), Optional.empty(), List.of());
        assertThat(report(shortOne).findings()).extracting(f -> f.code()).contains("NAT_BINDING_SHORT");
        assertThat(report(longOne).findings()).extracting(f -> f.code()).doesNotContain("NAT_BINDING_SHORT");
        assertThat(shortOne.describe()).isEqualTo("between 2 s and 3 s");
        assertThat(longOne.describe()).isEqualTo("at least 60 s");
    }

    private static NatReport report(BindingLifetime l) {
        return new NatReport(SERVER, LOCAL, Optional.of(MAPPED), Optional.of(SERVER), NatBehavior.ENDPOINT_INDEPENDENT,
                NatBehavior.ENDPOINT_INDEPENDENT, Hairpinning.SUPPORTED, Optional.of(l), List.of(), 0);
    }

    private static NatTransaction tx(String test, boolean answered) {
        return new NatTransaction(test, LOCAL, SERVER, Optional.empty(), "00", answered,
                answered ? Optional.of(MAPPED) : Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Duration.ofMillis(12), answered ? 1 : 4, Optional.empty());
    }
}
