package io.mediapath.turn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.lab.coturn.Coturn;
import io.mediapath.lab.coturn.EchoPeer;
import io.mediapath.turn.AllocateOptions;
import io.mediapath.turn.BindingResult;
import io.mediapath.turn.StunConnection;
import io.mediapath.turn.StunTransport;
import io.mediapath.turn.TurnAllocation;
import io.mediapath.turn.TurnClient;
import io.mediapath.turn.TurnCredentials;
import io.mediapath.turn.TurnException;
import io.mediapath.turn.stun.Attributes;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * IPv6 on the loopback {@code ::1}: coturn listening and relaying on ::1, the client over UDP, TCP and TLS to [::1],
 * REQUESTED-ADDRESS-FAMILY IPv6 (RFC 8656 §7.1) and a relayed echo through {@code turnutils_peer} on ::1.
 * The host must have IPv6 on lo ({@code sysctl net.ipv6.conf.lo.disable_ipv6} = 0); otherwise this fails loudly.
 */
class Ipv6IT {
    static Coturn turn;
    static EchoPeer peer;

    @BeforeAll
    static void start() throws Exception {
        Path sysctl = Path.of("/proc/sys/net/ipv6/conf/lo/disable_ipv6");
        if (Files.exists(sysctl)) {
            assertThat(Files.readString(sysctl).trim()).as("IPv6 disabled on lo: sysctl -w "
                    + "net.ipv6.conf.lo.disable_ipv6=0").isEqualTo("0");
        }
        turn = Coturn.builder().listeningIp("::1").start();
        peer = EchoPeer.start("::1");
    }

    @AfterAll
    static void stop() {
        if (peer != null) {
            peer.close();
        }
        if (turn != null) {
            turn.close();
        }
    }

    @ParameterizedTest
    @EnumSource(StunTransport.class)
    void bindingAllocateIpv6RelayAndEchoOverIpv6(StunTransport t) throws Exception {
        List<TimelineEvent> events = TurnTestSupport.events();
        try (TurnClient client = TurnClient.create(TurnTestSupport.options(turn, events).build())) {
            StunConnection conn = TurnTestSupport.connect(client, turn, t);
            assertThat(conn.server().getAddress()).isInstanceOf(Inet6Address.class);
            assertThat(conn.server().getAddress().isLoopbackAddress()).isTrue();

            BindingResult b = conn.binding().get(5, TimeUnit.SECONDS);
            assertThat(b.mappedAddress().getAddress()).isInstanceOf(Inet6Address.class);
            assertThat(b.mappedAddress()).isEqualTo(conn.localAddress());

            TurnAllocation a = conn.allocate(new TurnCredentials(turn.username(), turn.password()),
                    AllocateOptions.builder().addressFamily(Attributes.FAMILY_IPV6).build()).get(10, TimeUnit.SECONDS);
            assertThat(a.relayedAddress().getAddress()).isInstanceOf(Inet6Address.class);
            assertThat(a.relayedAddress().getAddress().isLoopbackAddress()).isTrue();
            assertThat(a.mappedAddress()).contains(conn.localAddress());

            BlockingQueue<String> in = new LinkedBlockingQueue<>();
            a.onData((p, d, ch) -> in.add(p + " " + new String(d, StandardCharsets.UTF_8)));
            InetSocketAddress echo = peer.address();
            a.createPermission(echo.getAddress()).get(5, TimeUnit.SECONDS);
            String viaSend = null;
            for (int i = 0; i < 5 && viaSend == null; i++) {
                a.sendIndication(echo, ("send-v6-" + t).getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
                viaSend = in.poll(1, TimeUnit.SECONDS);
            }
            assertThat(viaSend).isEqualTo(echo + " send-v6-" + t);
            int ch = a.bindChannel(echo).get(5, TimeUnit.SECONDS);
            String viaChannel = null;
            for (int i = 0; i < 5 && viaChannel == null; i++) {
                a.sendChannelData(ch, ("channel-v6-" + t).getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
                viaChannel = in.poll(1, TimeUnit.SECONDS);
            }
            assertThat(viaChannel).isEqualTo(echo + " channel-v6-" + t);
            a.close();
        }
    }

    @Test
    void anIpv4RelayOnAnIpv6OnlyRelayIs440() throws Exception {
        try (TurnClient client = TurnClient.create(TurnTestSupport.options(turn, TurnTestSupport.events()).build())) {
            StunConnection conn = TurnTestSupport.connect(client, turn, StunTransport.UDP);
            assertThatThrownBy(() -> conn.allocate(new TurnCredentials(turn.username(), turn.password()),
                    AllocateOptions.builder().addressFamily(Attributes.FAMILY_IPV4).build()).get(10, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(TurnException.class, e ->
                            assertThat(e.errorCode()).hasValueSatisfying(c -> assertThat(c.code()).isEqualTo(440)));
        }
    }
}
