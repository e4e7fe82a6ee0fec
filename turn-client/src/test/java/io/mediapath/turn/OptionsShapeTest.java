package io.mediapath.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediapath.turn.quality.QualityOptions;
import io.mediapath.turn.stun.Attributes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The options of the RFC client's probe, Allocate and quality run share one shape: immutable, {@code defaults()},
 * {@code builder()}, {@code toBuilder()} that changes nothing by itself, and ranges checked when built.
 */
class OptionsShapeTest {

    @Test
    void turnProbeOptionsDefaultToAChallengeOnlyRun() {
        TurnProbeOptions d = TurnProbeOptions.defaults();
        assertThat(d.credentials()).isEmpty();
        assertThat(d.peer()).isEmpty();
        assertThat(d.tcpPeer()).isEmpty();
        assertThat(d.executor()).isEmpty();
        assertThat(d.client().timers()).isEqualTo(StunTimers.RFC8489);
    }

    @Test
    void turnProbeOptionsRoundTripThroughTheBuilderAndHideThePassword() {
        InetSocketAddress peer = new InetSocketAddress(InetAddress.getLoopbackAddress(), 3479);
        InetSocketAddress tcpPeer = new InetSocketAddress(InetAddress.getLoopbackAddress(), 3480);
        Executor direct = Runnable::run;
        TurnClientOptions fast = TurnClientOptions.builder().timers(StunTimers.FAST).build();
        TurnProbeOptions o = TurnProbeOptions.builder().client(fast).credentials("alice", "s3cret-pw").peer(peer)
                .tcpPeer(tcpPeer).executor(direct).build();
        TurnProbeOptions copy = o.toBuilder().build();
        assertThat(copy.client()).isSameAs(fast);
        assertThat(copy.credentials()).contains(new TurnCredentials("alice", "s3cret-pw"));
        assertThat(copy.peer()).contains(peer);
        assertThat(copy.tcpPeer()).contains(tcpPeer);
        assertThat(copy.executor()).containsSame(direct);
        assertThat(o.toBuilder().credentials(null).peer(null).build().credentials()).isEmpty();
        assertThat(o.credentials()).isPresent(); // the builder of a copy does not change the original
        assertThat(o.toString()).contains("alice").doesNotContain("s3cret-pw");
        assertThatThrownBy(() -> TurnProbeOptions.builder().client(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void turnProbeIsMadeByItsFactory() {
        TurnProbeOptions o = TurnProbeOptions.builder().credentials("alice", "pw").build();
        TurnProbe p = TurnProbe.create(o, StunTransport.TCP);
        assertThat(p.options()).isSameAs(o);
        assertThat(p.transport()).isEqualTo(StunTransport.TCP);
        assertThatThrownBy(() -> TurnProbe.create(o, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void allocateOptionsBuildFromTheDefaults() {
        assertThat(AllocateOptions.defaults()).isEqualTo(new AllocateOptions(Attributes.TRANSPORT_UDP,
                OptionalInt.empty(), OptionalLong.empty(), true));
        assertThat(AllocateOptions.tcp().transport()).isEqualTo(Attributes.TRANSPORT_TCP);
        AllocateOptions o = AllocateOptions.builder().addressFamily(Attributes.FAMILY_IPV6).lifetime(1800)
                .autoRefresh(false).build();
        assertThat(o.requestedAddressFamily()).hasValue(Attributes.FAMILY_IPV6);
        assertThat(o.lifetime()).hasValue(1800);
        assertThat(o.autoRefresh()).isFalse();
        assertThat(o.transport()).isEqualTo(Attributes.TRANSPORT_UDP);
        assertThat(o.toBuilder().build()).isEqualTo(o);
        assertThat(AllocateOptions.tcp().toBuilder().autoRefresh(false).build().transport())
                .isEqualTo(Attributes.TRANSPORT_TCP);
        assertThatThrownBy(() -> AllocateOptions.builder().transport(132)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transport: 132");
        assertThatThrownBy(() -> AllocateOptions.builder().lifetime(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void qualityOptionsCheckTheirRangesWhenBuilt() {
        assertThat(QualityOptions.defaults().packets()).isEqualTo(500);
        QualityOptions o = QualityOptions.builder().duration(Duration.ofSeconds(2)).size(200)
                .drain(Duration.ofMillis(500)).build();
        assertThat(o.packets()).isEqualTo(100);
        assertThat(o.size()).isEqualTo(200);
        assertThat(o.toBuilder().build()).isEqualTo(o);
        assertThat(o.interval()).isEqualTo(QualityOptions.defaults().interval());
        assertThatThrownBy(() -> QualityOptions.builder().size(10).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size: 10");
        assertThatThrownBy(() -> QualityOptions.builder().drain(null).build())
                .isInstanceOf(NullPointerException.class);
    }
}
