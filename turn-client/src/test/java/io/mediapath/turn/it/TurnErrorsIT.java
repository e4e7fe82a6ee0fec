package io.mediapath.turn.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.lab.coturn.Coturn;
import io.mediapath.turn.AllocateOptions;
import io.mediapath.turn.Challenge;
import io.mediapath.turn.StunConnection;
import io.mediapath.turn.StunTransport;
import io.mediapath.turn.TurnAllocation;
import io.mediapath.turn.TurnClient;
import io.mediapath.turn.TurnClientOptions;
import io.mediapath.turn.TurnCredentials;
import io.mediapath.turn.TurnException;
import io.mediapath.turn.stun.Attributes;
import io.mediapath.turn.stun.ErrorCode;
import io.mediapath.turn.stun.MessageType;
import io.mediapath.turn.stun.PasswordAlgorithm;
import io.mediapath.turn.stun.StunClass;
import io.mediapath.turn.stun.StunKey;
import io.mediapath.turn.stun.StunMessage;
import io.mediapath.turn.stun.StunMethod;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Error paths against real coturn 4.6.1: every one surfaces as a typed failure with the STUN code. */
class TurnErrorsIT {
    static Coturn turn;

    @BeforeAll
    static void start() {
        turn = Coturn.builder().deniedPeer("127.0.0.2").start();
    }

    @AfterAll
    static void stop() {
        if (turn != null) {
            turn.close();
        }
    }

    static TurnException failure(CompletableFuture<?> f) throws Exception {
        Throwable t = f.handle((v, e) -> e).get(15, TimeUnit.SECONDS);
        assertThat(t).as("expected a failure").isNotNull();
        while (t.getCause() != null && !(t instanceof TurnException)) {
            t = t.getCause();
        }
        assertThat(t).isInstanceOf(TurnException.class);
        return (TurnException) t;
    }

    TurnCredentials good() {
        return new TurnCredentials(turn.username(), turn.password());
    }

    @ParameterizedTest
    @EnumSource(StunTransport.class)
    void wrongPasswordIs401AuthFailedNotUnreachable(StunTransport t) throws Exception {
        try (TurnClient client = TurnClient.create(TurnTestSupport.options(turn, TurnTestSupport.events()).build())) {
            StunConnection c = TurnTestSupport.connect(client, turn, t);
            Challenge ch = c.challenge(AllocateOptions.defaults()).get(5, TimeUnit.SECONDS);
            assertThat(ch.realm()).isEqualTo("example.org");
            assertThat(ch.nonce()).isNotEmpty();
            assertThat(ch.passwordAlgorithms()).isEmpty();
            TurnException e = failure(c.allocate(new TurnCredentials(turn.username(), "WRONG"), AllocateOptions.defaults(), ch));
            assertThat(e.kind()).isEqualTo(TurnException.Kind.AUTH_FAILED);
            assertThat(e.errorCode()).hasValueSatisfying(ec -> assertThat(ec.code()).isEqualTo(401));
            c.close();
        }
    }

    @Test
    void secondAllocateOnTheSameFiveTupleIs437() throws Exception {
        try (TurnClient client = TurnClient.create(TurnTestSupport.options(turn, TurnTestSupport.events()).build())) {
            StunConnection c = TurnTestSupport.connect(client, turn, StunTransport.UDP);
            TurnAllocation a = c.allocate(good(), AllocateOptions.defaults()).get(5, TimeUnit.SECONDS);
            TurnException e = failure(c.allocate(good(), AllocateOptions.defaults()));
            assertThat(e.kind()).isEqualTo(TurnException.Kind.ERROR_RESPONSE);
            assertThat(e.errorCode().orElseThrow().code()).isEqualTo(ErrorCode.ALLOCATION_MISMATCH);
            assertThat(e.allocationMismatch()).isTrue();
            a.close();
        }
    }

    @Test
    void aStaleAllocationLeftOnOurLocalPortIs437AndAllocateMovesToANewPort() throws Exception {
        List<TimelineEvent> events = TurnTestSupport.events();
        try (TurnClient client = TurnClient.create(TurnTestSupport.options(turn, events).build())) {
            InetSocketAddress server = new InetSocketAddress(InetAddress.getByName(turn.host()), turn.port());
            // A client that "crashes": allocates, then its socket closes without deallocating.
            StunConnection crashed = client.connect(server, StunTransport.UDP, "localhost",
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).get(5, TimeUnit.SECONDS);
            crashed.allocate(good(), AllocateOptions.builder().autoRefresh(false).build()).get(5, TimeUnit.SECONDS);
            int stalePort = crashed.localAddress().getPort();
            crashed.close();
            crashed.closeFuture().get(5, TimeUnit.SECONDS);

            // The next socket gets the same local port: coturn still holds the allocation for that 5-tuple. (NIO
            // releases a closed socket's port when the selector drops its key, a moment after close completes.)
            StunConnection reused = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (reused == null) {
                try {
                    reused = client.connect(server, StunTransport.UDP, "localhost",
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), stalePort)).get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(20);
                }
            }
            assertThat(reused.localAddress().getPort()).isEqualTo(stalePort);
            TurnAllocation a = reused.allocate(good(), AllocateOptions.defaults()).get(10, TimeUnit.SECONDS);

            assertThat(events).anySatisfy(ev -> {
                assertThat(ev.kind()).isEqualTo("turn.allocation-mismatch");
                assertThat(ev.detail()).contains(":" + stalePort);
            });
            assertThat(a.connection()).isNotSameAs(reused);
            assertThat(a.connection().localAddress().getPort()).isNotEqualTo(stalePort);
            assertThat(a.connection().localAddress().getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
            assertThat(reused.isOpen()).isFalse();
            assertThat(a.relayedAddresses()).isNotEmpty();
            a.close();
        }
    }

    @Test
    void channelBindWithoutAllocationIsToleratedAs400Or437() throws Exception {
        try (TurnClient client = TurnClient.create(TurnTestSupport.options(turn, TurnTestSupport.events()).build())) {
            StunConnection c = TurnTestSupport.connect(client, turn, StunTransport.UDP);
            Challenge ch = c.challenge(AllocateOptions.defaults()).get(5, TimeUnit.SECONDS);
            StunKey key = StunKey.longTerm(turn.username(), ch.realm(), turn.password(), PasswordAlgorithm.MD5);
            StunMessage req = StunMessage.builder(MessageType.of(StunMethod.CHANNEL_BIND, StunClass.REQUEST))
                    .add(Attributes.channelNumber(0x4000),
                            Attributes.xorPeerAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9)),
                            Attributes.username(turn.username()), Attributes.realm(ch.realm()),
                            Attributes.nonce(ch.nonce()))
                    .messageIntegrity(key).fingerprint().build();
            StunMessage r = c.transact(req, key, null).get(5, TimeUnit.SECONDS);
            assertThat(r.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
            int code = r.errorCode().orElseThrow().code();
            assertThat(code).isIn(400, 437); // coturn 4.6.1: 400; RFC 8656 and newer coturn: 437
            c.close();
        }
    }

    @Test
    void ipv6RelayOnAnIpv4OnlyServerIs440() throws Exception {
        try (TurnClient client = TurnClient.create(TurnTestSupport.options(turn, TurnTestSupport.events()).build())) {
            StunConnection c = TurnTestSupport.connect(client, turn, StunTransport.UDP);
            TurnException e = failure(c.allocate(good(), AllocateOptions.builder().addressFamily(Attributes.FAMILY_IPV6).build()));
            assertThat(e.errorCode().orElseThrow().code()).isEqualTo(ErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED);
            c.close();
        }
    }

    @Test
    void deniedPeerIs403() throws Exception {
        try (TurnClient client = TurnClient.create(TurnTestSupport.options(turn, TurnTestSupport.events()).build())) {
            StunConnection c = TurnTestSupport.connect(client, turn, StunTransport.UDP);
            TurnAllocation a = c.allocate(good(), AllocateOptions.defaults()).get(5, TimeUnit.SECONDS);
            TurnException e = failure(a.createPermission(InetAddress.getByName("127.0.0.2")));
            assertThat(e.kind()).isEqualTo(TurnException.Kind.ERROR_RESPONSE);
            assertThat(e.errorCode().orElseThrow().code()).isEqualTo(ErrorCode.FORBIDDEN);
            a.createPermission(InetAddress.getLoopbackAddress()).get(5, TimeUnit.SECONDS);
            a.close();
        }
    }

    @Test
    void untrustedCertificateIsTlsFailureWithTheChainRecorded() throws Exception {
        // Default JDK trust: the test-made certificate is not trusted.
        try (TurnClient client = TurnClient.create(TurnClientOptions.builder().build())) {
            TurnException e = failure(client.connect(turn.host(), turn.tlsPort(), StunTransport.TLS));
            assertThat(e.kind()).isEqualTo(TurnException.Kind.TLS_FAILED);
            assertThat(e.peerCertificates()).hasSize(1);
        }
        // Trusted, but the name does not match the certificate (SANs: 127.0.0.1, localhost).
        try (TurnClient client = TurnClient.create(TurnTestSupport.options(turn, TurnTestSupport.events()).build())) {
            TurnException e = failure(client.connect(new InetSocketAddress(turn.host(), turn.tlsPort()),
                    StunTransport.TLS, "turn.example.org"));
            assertThat(e.kind()).isEqualTo(TurnException.Kind.TLS_FAILED);
            StunConnection ok = client.connect(new InetSocketAddress(turn.host(), turn.tlsPort()),
                    StunTransport.TLS, "localhost").get(10, TimeUnit.SECONDS);
            assertThat(ok.binding().get(5, TimeUnit.SECONDS).mappedAddress()).isEqualTo(ok.localAddress());
            ok.close();
        }
    }

    @Test
    void refusedIsNotATimeout() throws Exception {
        int closedPort = Coturn.freePort();
        try (TurnClient client = TurnClient.create(TurnTestSupport.options(turn, TurnTestSupport.events()).build())) {
            assertThat(failure(client.connect(turn.host(), closedPort, StunTransport.TCP)).kind())
                    .isEqualTo(TurnException.Kind.CONNECT_REFUSED);
            StunConnection udp = client.connect(turn.host(), closedPort, StunTransport.UDP).get(5, TimeUnit.SECONDS);
            assertThat(failure(udp.binding()).kind()).isEqualTo(TurnException.Kind.CONNECT_REFUSED);
            udp.close();
        }
    }

    @Test
    void staleNonceIs438AndRetriedWithTheNewNonce() throws Exception {
        try (Coturn shortNonce = Coturn.builder().staleNonce(2).start()) {
            List<TimelineEvent> events = TurnTestSupport.events();
            try (TurnClient client = TurnClient.create(TurnTestSupport.options(shortNonce, events).build())) {
                StunConnection c = TurnTestSupport.connect(client, shortNonce, StunTransport.UDP);
                TurnAllocation a = c.allocate(new TurnCredentials(shortNonce.username(), shortNonce.password()),
                        AllocateOptions.defaults()).get(5, TimeUnit.SECONDS);
                Thread.sleep(3500);
                assertThat(a.refresh(600).get(5, TimeUnit.SECONDS)).isEqualTo(600);
                assertThat(events).anyMatch(e -> e.kind().equals("stun.stale-nonce"));
                a.close();
            }
        }
    }

    @Test
    void quotasAre486AndExhaustedRelayPortsAre508() throws Exception {
        try (Coturn quota = Coturn.builder().userQuota(1).start();
                TurnClient client = TurnClient.create(TurnTestSupport.options(quota, TurnTestSupport.events()).build())) {
            TurnCredentials cred = new TurnCredentials(quota.username(), quota.password());
            TurnAllocation first = TurnTestSupport.connect(client, quota, StunTransport.UDP)
                    .allocate(cred, AllocateOptions.defaults()).get(5, TimeUnit.SECONDS);
            TurnException e = failure(TurnTestSupport.connect(client, quota, StunTransport.UDP)
                    .allocate(cred, AllocateOptions.defaults()));
            assertThat(e.errorCode().orElseThrow().code()).isEqualTo(ErrorCode.ALLOCATION_QUOTA_REACHED);
            first.close();
        }
        try (Coturn quota = Coturn.builder().totalQuota(1).start();
                TurnClient client = TurnClient.create(TurnTestSupport.options(quota, TurnTestSupport.events()).build())) {
            TurnCredentials cred = new TurnCredentials(quota.username(), quota.password());
            TurnAllocation first = TurnTestSupport.connect(client, quota, StunTransport.UDP)
                    .allocate(cred, AllocateOptions.defaults()).get(5, TimeUnit.SECONDS);
            TurnException e = failure(TurnTestSupport.connect(client, quota, StunTransport.UDP)
                    .allocate(cred, AllocateOptions.defaults()));
            // coturn 4.6.1 answers the total quota with 486 too (not 508).
            assertThat(e.errorCode().orElseThrow().code()).isEqualTo(ErrorCode.ALLOCATION_QUOTA_REACHED);
            first.close();
        }
        // 508 Insufficient Capacity: a relay port range of one port, already taken by the first allocation.
        int only = Coturn.freePort();
        try (Coturn tiny = Coturn.builder().line("min-port=" + only).line("max-port=" + only).start();
                TurnClient client = TurnClient.create(TurnTestSupport.options(tiny, TurnTestSupport.events()).build())) {
            TurnCredentials cred = new TurnCredentials(tiny.username(), tiny.password());
            TurnAllocation first = TurnTestSupport.connect(client, tiny, StunTransport.UDP)
                    .allocate(cred, AllocateOptions.defaults()).get(5, TimeUnit.SECONDS);
            assertThat(first.relayedAddress().getPort()).isEqualTo(only);
            TurnException e = failure(TurnTestSupport.connect(client, tiny, StunTransport.UDP)
                    .allocate(cred, AllocateOptions.defaults()));
            assertThat(e.errorCode().orElseThrow().code()).isEqualTo(ErrorCode.INSUFFICIENT_CAPACITY);
            first.close();
        }
    }

    @Test
    void serverGoneMidSession() throws Exception {
        Coturn doomed = Coturn.builder().start();
        try (TurnClient client = TurnClient.create(TurnTestSupport.options(doomed, TurnTestSupport.events()).build())) {
            TurnCredentials cred = new TurnCredentials(doomed.username(), doomed.password());
            TurnAllocation udp = TurnTestSupport.connect(client, doomed, StunTransport.UDP)
                    .allocate(cred, AllocateOptions.defaults()).get(5, TimeUnit.SECONDS);
            TurnAllocation tcp = TurnTestSupport.connect(client, doomed, StunTransport.TCP)
                    .allocate(cred, AllocateOptions.defaults()).get(5, TimeUnit.SECONDS);
            doomed.kill();
            assertThat(tcp.connection().closeFuture().get(5, TimeUnit.SECONDS)).isNotNull();
            assertThat(failure(tcp.refresh(600)).kind()).isEqualTo(TurnException.Kind.CLOSED);
            assertThat(failure(udp.refresh(600)).kind()).isIn(TurnException.Kind.CONNECT_REFUSED,
                    TurnException.Kind.TIMEOUT);
            udp.connection().close();
        } finally {
            doomed.close();
        }
    }
}
