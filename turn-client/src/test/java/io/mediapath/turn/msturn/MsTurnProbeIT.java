package io.mediapath.turn.msturn;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.Finding;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.lab.edge.EmulatedEdge;
import io.mediapath.lab.proxy.InterceptingProxy;
import io.mediapath.turn.StunTimers;
import io.mediapath.turn.TurnCredentials;
import io.mediapath.turn.TurnException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link MsTurnProbe} against the lab's emulated Edge, an intercepting proxy and a silent port: the one mapping of
 * outcomes to findings (the playbook's and the CLI's), the timer profile, and the shared event loops.
 */
class MsTurnProbeIT {
    static final String USER = "alice";
    static final String PASS = "s3cret-probe";
    static EmulatedEdge edge;

    @BeforeAll
    static void start() {
        edge = EmulatedEdge.builder().msTurn(USER, PASS).msTurnRealm("SIP Communications Service").start();
    }

    @AfterAll
    static void stop() {
        if (edge != null) {
            edge.close();
        }
    }

    static TransportAddress on(MsTurnTransport t) {
        return t == MsTurnTransport.TCP ? edge.address() : edge.udpAddress().orElseThrow();
    }

    static MsTurnProbeReport run(MsTurnProbe p, TransportAddress target, Duration deadline) throws Exception {
        return p.probe(target, ProbeContext.withTimeout(deadline)).get(deadline.toSeconds() + 10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(MsTurnTransport.class)
    void allocatesAndReportsOneFindingWithoutThePassword(MsTurnTransport t) throws Exception {
        MsTurnProbe p = MsTurnProbe.create(MsTurnOptions.builder().timers(StunTimers.FAST).credentials(USER, PASS)
                .build(), t);
        MsTurnProbeReport r = run(p, on(t), Duration.ofSeconds(10));
        assertThat(r.failure()).isEmpty();
        MsTurnAllocation a = r.allocation().orElseThrow();
        assertThat(a.allocated()).isTrue();
        assertThat(r.result().verdict()).isEqualTo("ALLOCATED");
        assertThat(r.result().passed()).isTrue();
        assertThat(r.result().findings()).extracting(Finding::code).containsExactly("TURN_ALLOCATED");
        assertThat(r.result().findings().get(0).summary()).contains("relayed 127.0.0.1:");
        List<String> kinds = r.result().timeline().stream().map(TimelineEvent::kind).toList();
        assertThat(kinds).contains("msturn.start", "msturn.request", "msturn.allocated");
        if (t == MsTurnTransport.TCP) {
            assertThat(kinds).containsSubsequence("pseudo-tls.hello", "pseudo-tls.answer", "msturn.request");
        }
        assertThat(r.result().toString()).doesNotContain(PASS);
    }

    @Test
    void withoutCredentialsTheChallengeIsTheResult() throws Exception {
        MsTurnProbeReport r = run(MsTurnProbe.challenge(MsTurnTransport.TCP), edge.address(), Duration.ofSeconds(10));
        assertThat(r.result().verdict()).isEqualTo("CHALLENGED");
        assertThat(r.allocation().orElseThrow().realm()).isEqualTo("SIP Communications Service");
        assertThat(r.result().findings()).extracting(Finding::code).containsExactly("TURN_CHALLENGED");
    }

    @Test
    void aWrongPasswordIsAuthFailedWithTheCredentialsRemedy() throws Exception {
        MsTurnProbeReport r = run(MsTurnProbe.allocate(MsTurnTransport.TCP, new TurnCredentials(USER, "wrong")),
                edge.address(), Duration.ofSeconds(10));
        assertThat(r.failure().orElseThrow().kind()).isEqualTo(TurnException.Kind.AUTH_FAILED);
        assertThat(r.result().passed()).isFalse();
        assertThat(r.result().findings().get(0).remedy()).contains("MRAS credentials expire");
    }

    @Test
    void anInterceptorGetsTheBypassByIpRemedyAndNoCredentials() throws Exception {
        try (InterceptingProxy proxy = InterceptingProxy.start(InterceptingProxy.Mode.FORGE)) {
            MsTurnProbeReport r = run(MsTurnProbe.allocate(MsTurnTransport.TCP, new TurnCredentials(USER, PASS)),
                    proxy.address(), Duration.ofSeconds(10));
            assertThat(r.result().verdict()).isEqualTo("PSEUDO_TLS_INTERCEPTED");
            Finding f = r.result().findings().get(0);
            assertThat(f.code()).isEqualTo("TURN_PSEUDO_TLS_INTERCEPTED");
            assertThat(f.remedy()).contains("by IP address").contains("(127.0.0.1)");
            assertThat(r.result().timeline()).extracting(TimelineEvent::kind).doesNotContain("msturn.request");
        }
    }

    /**
     * A silent UDP port with the FAST profile and a long deadline: the Allocate is sent {@code rc} = 4 times, then
     * the RFC Binding 4 times, each transaction giving up after the profile's 2.75 s, not after the deadline.
     */
    @Test
    void theTimerProfileGovernsTheWaitsNotTheDeadline() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            MsTurnProbe p = MsTurnProbe.create(MsTurnOptions.builder().timers(StunTimers.FAST).build(),
                    MsTurnTransport.UDP);
            MsTurnProbeReport r = run(p, new TransportAddress("127.0.0.1", silent.getLocalPort()),
                    Duration.ofSeconds(40));
            assertThat(r.result().verdict()).isEqualTo("TIMEOUT");
            assertThat(r.failure().orElseThrow().getMessage()).contains("PT2.75S");
            long sends = r.result().timeline().stream()
                    .filter(e -> e.kind().equals("msturn.request") || e.kind().equals("msturn.retransmit")).count();
            assertThat(sends).isEqualTo(8);
            assertThat(r.result().findings().get(0).code()).isEqualTo("TURN_TIMEOUT");
        }
    }

    /** Clients start no event loop of their own: the shared loops by default, or the caller's group. */
    @Test
    void clientsRunOnSharedOrGivenLoops() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        MsTurnOptions o = MsTurnOptions.builder().timers(StunTimers.FAST).credentials(USER, PASS)
                .listener(e -> {
                    if (!e.kind().equals("msturn.connect")) { // announced on the caller's thread
                        threads.add(Thread.currentThread().getName());
                    }
                }).build();
        for (int i = 0; i < 3; i++) {
            try (MsTurnClient c = MsTurnClient.create(o)) {
                c.allocate(new InetSocketAddress(InetAddress.getLoopbackAddress(), edge.address().port()),
                        MsTurnTransport.TCP).get(10, TimeUnit.SECONDS);
            }
        }
        assertThat(threads).isNotEmpty().allMatch(n -> n.startsWith("mediapath-turn"));
        EventLoopGroup mine = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("caller-loop", true),
                NioIoHandler.newFactory());
        try {
            threads.clear();
            try (MsTurnClient c = MsTurnClient.create(o, mine)) {
                c.allocate(new InetSocketAddress(InetAddress.getLoopbackAddress(), edge.address().port()),
                        MsTurnTransport.TCP).get(10, TimeUnit.SECONDS);
            }
            assertThat(threads).isNotEmpty().allMatch(n -> n.startsWith("caller-loop"));
        } finally {
            mine.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
