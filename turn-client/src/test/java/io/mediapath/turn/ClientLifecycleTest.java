package io.mediapath.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.turn.RedirectRulesTest.Scripted;
import io.mediapath.turn.stun.Attributes;
import io.mediapath.turn.stun.MessageType;
import io.mediapath.turn.stun.PasswordAlgorithm;
import io.mediapath.turn.stun.StunClass;
import io.mediapath.turn.stun.StunKey;
import io.mediapath.turn.stun.StunMessage;
import io.mediapath.turn.stun.StunMethod;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What the client does around failures a real server produces only by accident — a redirect to a server that then
 * refuses, a stale allocation on every port, a lost Refresh — and closing from a callback. Scripted STUN responders
 * on 127.0.0.1 (our own codec), so these check the client's bookkeeping: connections it opened itself are closed,
 * the event loop is never blocked, a failed refresh is retried while the allocation lasts.
 */
class ClientLifecycleTest {
    static final TurnCredentials ALICE = RedirectRulesTest.ALICE;
    static final StunKey KEY = StunKey.longTerm("alice", "example.org", "s3cret", PasswordAlgorithm.MD5);

    static StunMessage error(StunMessage req, int code, String reason) {
        return StunMessage.builder(MessageType.of(req.method(), StunClass.ERROR_RESPONSE), req.transactionId())
                .add(Attributes.errorCode(code, reason)).messageIntegrity(KEY).fingerprint().build();
    }

    static StunMessage success(StunMessage req, long lifetime) throws Exception {
        StunMessage.Builder b = StunMessage.builder(MessageType.of(req.method(), StunClass.SUCCESS_RESPONSE),
                req.transactionId()).add(Attributes.lifetime(lifetime));
        if (req.method().equals(StunMethod.ALLOCATE)) {
            b.add(Attributes.xorRelayedAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 50_000)),
                    Attributes.xorMappedAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 40_000)));
        }
        return b.messageIntegrity(KEY).fingerprint().build();
    }

    /** 401 to requests without credentials, {@code authenticated} to the others. */
    static Function<StunMessage, StunMessage> afterChallenge(Function<StunMessage, StunMessage> authenticated) {
        return req -> {
            if (req.method().equals(StunMethod.BINDING)) {
                return StunMessage.builder(MessageType.of(StunMethod.BINDING, StunClass.SUCCESS_RESPONSE),
                        req.transactionId()).add(Attributes.xorMappedAddress(new InetSocketAddress(
                        InetAddress.getLoopbackAddress(), 40_001))).fingerprint().build();
            }
            return req.username().isEmpty() ? RedirectRulesTest.challenge(req, "example.org")
                    : authenticated.apply(req);
        };
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for: " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    static long count(List<TimelineEvent> events, String kind) {
        return events.stream().filter(e -> e.kind().equals(kind)).count();
    }

    @Test
    void aRedirectWhoseAlternateRefusesLeavesNoConnectionOpen() throws Exception {
        List<TimelineEvent> events = new CopyOnWriteArrayList<>();
        try (Scripted b = new Scripted(afterChallenge(req -> error(req, 486, "Allocation Quota Reached")));
                Scripted a = new Scripted(RedirectRulesTest.redirectAfterAuth(b.address(), true));
                TurnClient client = TurnClient.create(RedirectRulesTest.options().toBuilder()
                        .listener(events::add).build())) {
            StunConnection c = client.connect(a.address(), StunTransport.UDP, null).get(5, TimeUnit.SECONDS);
            assertThatThrownBy(() -> c.allocate(ALICE, AllocateOptions.defaults()).get(20, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(TurnException.class,
                            e -> assertThat(e.errorCode().orElseThrow().code()).isEqualTo(486));
            assertThat(count(events, "connect.done")).isEqualTo(2);
            await("both connections closed", () -> count(events, "connect.closed") == 2);
        }
    }

    @Test
    void a437OnEveryPortIsRetriedOnceAndBothConnectionsAreClosed() throws Exception {
        List<TimelineEvent> events = new CopyOnWriteArrayList<>();
        try (Scripted s = new Scripted(req -> error(req, 437, "Allocation Mismatch"));
                TurnClient client = TurnClient.create(RedirectRulesTest.options().toBuilder()
                        .listener(events::add).build())) {
            StunConnection c = client.connect(s.address(), StunTransport.UDP, null,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).get(5, TimeUnit.SECONDS);
            assertThatThrownBy(() -> c.allocate(ALICE, AllocateOptions.defaults()).get(20, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(TurnException.class,
                            e -> assertThat(e.errorCode().orElseThrow().code()).isEqualTo(437));
            assertThat(count(events, "turn.allocation-mismatch")).isEqualTo(1);
            assertThat(count(events, "connect.done")).isEqualTo(2);
            await("both connections closed", () -> count(events, "connect.closed") == 2);
            assertThat(s.requests.stream().map(r -> r.transactionIdHex()).distinct()).hasSize(2);
        }
    }

    @Test
    void closingFromACallbackDoesNotBlockTheLoopAndStillDeallocates() throws Exception {
        List<Long> refreshLifetimes = new CopyOnWriteArrayList<>();
        try (Scripted s = new Scripted(afterChallenge(req -> {
            try {
                if (req.method().equals(StunMethod.REFRESH)) {
                    refreshLifetimes.add(req.lifetime().orElse(-1));
                }
                return success(req, req.method().equals(StunMethod.REFRESH) ? req.lifetime().orElse(600) : 600);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
                TurnClient client = TurnClient.create(RedirectRulesTest.options())) {
            StunConnection c = client.connect(s.address(), StunTransport.UDP, null).get(5, TimeUnit.SECONDS);
            StunConnection other = client.connect(s.address(), StunTransport.UDP, null).get(5, TimeUnit.SECONDS);
            // The callback runs on the client's only event loop thread, which the Refresh also needs.
            TurnAllocation a = c.allocate(ALICE, AllocateOptions.defaults()).thenApply(x -> {
                x.close();
                return x;
            }).get(5, TimeUnit.SECONDS);
            await("the allocation deleted", a::isReleased);
            assertThat(refreshLifetimes).containsExactly(0L);
            await("its connection closed", () -> !c.isOpen());
            assertThat(other.binding().get(5, TimeUnit.SECONDS).mappedAddress()).isNotNull();
        }
    }

    @Test
    void a438MayChangeTheNonceButNotTheRealm() throws Exception {
        Function<String, Function<StunMessage, StunMessage>> stale = realm -> req -> {
            try {
                if (req.nonce().orElse("").equals("n0nce")) { // the 401's nonce: now stale, no integrity (allowed)
                    return StunMessage.builder(MessageType.of(req.method(), StunClass.ERROR_RESPONSE),
                            req.transactionId()).add(Attributes.errorCode(438, "Stale Nonce"), Attributes.realm(realm),
                            Attributes.nonce("fresh")).fingerprint().build();
                }
                return success(req, 600);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        try (Scripted same = new Scripted(afterChallenge(stale.apply("example.org")));
                Scripted moved = new Scripted(afterChallenge(stale.apply("elsewhere.example")));
                TurnClient client = TurnClient.create(RedirectRulesTest.options())) {
            StunConnection c = client.connect(same.address(), StunTransport.UDP, null).get(5, TimeUnit.SECONDS);
            TurnAllocation a = c.allocate(ALICE, AllocateOptions.builder().autoRefresh(false).build()).get(5, TimeUnit.SECONDS);
            assertThat(same.requests).anySatisfy(r -> assertThat(r.nonce()).hasValue("fresh"));
            a.close();

            StunConnection d = client.connect(moved.address(), StunTransport.UDP, null).get(5, TimeUnit.SECONDS);
            assertThatThrownBy(() -> d.allocate(ALICE, AllocateOptions.defaults()).get(5, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(TurnException.class, e -> {
                        assertThat(e.kind()).isEqualTo(TurnException.Kind.AUTH_FAILED);
                        assertThat(e.getMessage()).contains("438 names realm \"elsewhere.example\"");
                    });
            assertThat(moved.requests).noneSatisfy(r -> assertThat(r.nonce()).hasValue("fresh"));
        }
    }

    @Test
    void aLostAutomaticRefreshIsRetriedWhileTheAllocationLasts() throws Exception {
        Set<String> dropped = ConcurrentHashMap.newKeySet();
        List<String> answered = new CopyOnWriteArrayList<>();
        List<TimelineEvent> events = new CopyOnWriteArrayList<>();
        try (Scripted s = new Scripted(afterChallenge(req -> {
            try {
                if (req.method().equals(StunMethod.REFRESH)) {
                    String id = req.transactionIdHex();
                    if (dropped.isEmpty() || dropped.contains(id)) {
                        dropped.add(id); // the first Refresh and its retransmissions are lost
                        return null;
                    }
                    answered.add(id);
                    return success(req, 6);
                }
                return success(req, 6);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
                // Fast transactions (give up after ≈ 0.3 s) so a 6 s allocation leaves room for a retry.
                TurnClient client = TurnClient.create(TurnClientOptions.builder()
                        .timers(new StunTimers(Duration.ofMillis(100), 2, 2, Duration.ofSeconds(1)))
                        .listener(events::add).build())) {
            StunConnection c = client.connect(s.address(), StunTransport.UDP, null).get(5, TimeUnit.SECONDS);
            TurnAllocation a = c.allocate(ALICE, AllocateOptions.defaults()).get(5, TimeUnit.SECONDS);
            assertThat(a.lifetimeSeconds()).isEqualTo(6);
            await("a second Refresh transaction answered", () -> !answered.isEmpty());
            assertThat(dropped).hasSize(1);
            assertThat(events).anySatisfy(e -> assertThat(e.kind()).isEqualTo("turn.auto-refresh-failed"));
            assertThat(a.isReleased()).isFalse();
            a.close();
        }
    }
}
