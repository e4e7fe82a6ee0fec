package io.mediapath.turn.it;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.mediapath.turn.stun.PasswordAlgorithm;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The whole TURN lifecycle against a real coturn over UDP, TCP and TLS. */
class TurnLifecycleIT {
    static Coturn turn;
    static EchoPeer peer;

    @BeforeAll
    static void start() {
        turn = Coturn.builder().start();
        peer = EchoPeer.start();
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

    record Received(InetSocketAddress peer, String text, int channel) {
    }

    @ParameterizedTest
    @EnumSource(StunTransport.class)
    void bindingAllocatePermissionSendChannelRefreshDeallocate(StunTransport transport) throws Exception {
        List<TimelineEvent> events = TurnTestSupport.events();
        try (TurnClient client = TurnClient.create(TurnTestSupport.options(turn, events).build())) {
            StunConnection conn = TurnTestSupport.connect(client, turn, transport);
            if (transport == StunTransport.TLS) {
                assertThat(conn.peerCertificates()).hasSize(1);
                assertThat(conn.peerCertificates().get(0).getSubjectX500Principal().getName()).contains("CN=localhost");
                assertThat(conn.tlsProtocol()).startsWith("TLSv1.");
            } else {
                assertThat(conn.peerCertificates()).isEmpty();
            }

            BindingResult b = conn.binding().get(5, TimeUnit.SECONDS);
            assertThat(b.mappedAddress()).isEqualTo(conn.localAddress());
            assertThat(b.software()).hasValueSatisfying(s -> assertThat(s).contains("Coturn"));

            TurnAllocation a = conn.allocate(new TurnCredentials(turn.username(), turn.password()),
                    AllocateOptions.defaults()).get(10, TimeUnit.SECONDS);
            assertThat(a.relayedAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(a.relayedAddress().getPort()).isGreaterThanOrEqualTo(49152);
            assertThat(a.mappedAddress()).contains(conn.localAddress());
            assertThat(a.lifetimeSeconds()).isEqualTo(600);
            // coturn 4.6.1 offers no PASSWORD-ALGORITHMS: the client falls back to MD5 and says so.
            assertThat(a.passwordAlgorithm()).isEqualTo(PasswordAlgorithm.MD5);
            assertThat(a.integrityAttribute()).isEqualTo("MESSAGE-INTEGRITY");

            BlockingQueue<Received> in = new LinkedBlockingQueue<>();
            a.onData((p, d, ch) -> in.add(new Received(p, new String(d, StandardCharsets.UTF_8), ch)));

            // Send indication → peer echoes → Data indication
            a.createPermission(peer.address().getAddress()).get(5, TimeUnit.SECONDS);
            a.send(peer.address(), "via-send-indication".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
            Received r1 = in.poll(5, TimeUnit.SECONDS);
            assertThat(r1).isEqualTo(new Received(peer.address(), "via-send-indication", 0));

            // Channel → ChannelData both ways (11 bytes: padded to 16 on streams)
            int ch = a.bindChannel(peer.address()).get(5, TimeUnit.SECONDS);
            assertThat(ch).isBetween(0x4000, 0x4FFF);
            assertThat(a.bindChannel(peer.address()).get(5, TimeUnit.SECONDS)).isEqualTo(ch); // refresh, same number
            a.send(peer.address(), "hello world".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
            Received r2 = in.poll(5, TimeUnit.SECONDS);
            assertThat(r2).isEqualTo(new Received(peer.address(), "hello world", ch));
            for (int i = 0; i < 20; i++) {
                a.send(peer.address(), ("burst-" + i).getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < 20; i++) {
                Received r = in.poll(5, TimeUnit.SECONDS);
                assertThat(r).isNotNull();
                assertThat(r.text()).startsWith("burst-");
            }

            // RFC 8656 §7.2: a lifetime below the default is raised to it; a longer one (<= 3600 s) is granted.
            assertThat(a.refresh(300).get(5, TimeUnit.SECONDS)).isEqualTo(600);
            assertThat(a.refresh(1200).get(5, TimeUnit.SECONDS)).isEqualTo(1200);
            assertThat(a.lifetimeSeconds()).isEqualTo(1200);
            assertThat(a.refresh(0).get(5, TimeUnit.SECONDS)).isZero();
            assertThat(a.isReleased()).isTrue();
            conn.close();
            conn.closeFuture().get(5, TimeUnit.SECONDS);
            assertThat(conn.isOpen()).isFalse();
        }
        assertThat(events).extracting(TimelineEvent::kind).contains("connect.start", "stun.request",
                "stun.response", "turn.allocated");
        assertThat(events).noneMatch(e -> e.detail().contains(turn.password()));
    }
}
