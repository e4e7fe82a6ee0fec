package io.mediapath.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediapath.turn.stun.Attributes;
import io.mediapath.turn.stun.MessageType;
import io.mediapath.turn.stun.PasswordAlgorithm;
import io.mediapath.turn.stun.StunClass;
import io.mediapath.turn.stun.StunKey;
import io.mediapath.turn.stun.StunMessage;
import io.mediapath.turn.stun.StunMethod;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The client's RFC 8489 §10 rules for redirects of <em>authenticated</em> requests, which coturn 4.6.1 never sends
 * (it redirects the first, unauthenticated Allocate; see {@code AlternateServerIT}). The servers here are scripted
 * STUN responders on 127.0.0.1 built with our own codec, so this checks the client's decisions, not a server.
 */
class RedirectRulesTest {
    static final TurnCredentials ALICE = new TurnCredentials("alice", "s3cret");

    /** A scripted UDP STUN responder: one reply (or none) per request; records every request. */
    static final class Scripted implements AutoCloseable {
        final DatagramSocket socket;
        final List<StunMessage> requests = new CopyOnWriteArrayList<>();
        final Thread thread;

        Scripted(Function<StunMessage, StunMessage> script) throws SocketException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            thread = new Thread(() -> {
                byte[] buf = new byte[2048];
                while (!socket.isClosed()) {
                    try {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        socket.receive(p);
                        StunMessage req = StunMessage.decode(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                        requests.add(req);
                        StunMessage resp = script.apply(req);
                        if (resp != null) {
                            byte[] out = resp.toBytes();
                            socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
                        }
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "scripted-stun");
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        boolean sawCredentials() {
            return requests.stream().anyMatch(r -> r.username().isPresent());
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    static StunMessage challenge(StunMessage req, String realm) {
        return StunMessage.builder(MessageType.of(StunMethod.ALLOCATE, StunClass.ERROR_RESPONSE), req.transactionId())
                .add(Attributes.errorCode(401, "Unauthorized"), Attributes.realm(realm), Attributes.nonce("n0nce"))
                .fingerprint().build();
    }

    /** 401 to unauthenticated requests; to authenticated ones a 300 to {@code alt}, signed when {@code sign}. */
    static Function<StunMessage, StunMessage> redirectAfterAuth(InetSocketAddress alt, boolean sign) {
        return req -> {
            if (req.username().isEmpty()) {
                return challenge(req, "example.org");
            }
            StunMessage.Builder b = StunMessage.builder(MessageType.of(StunMethod.ALLOCATE, StunClass.ERROR_RESPONSE),
                    req.transactionId()).add(Attributes.errorCode(300, "Try Alternate"), Attributes.alternateServer(alt));
            if (sign) {
                b.messageIntegrity(StunKey.longTerm("alice", "example.org", "s3cret", PasswordAlgorithm.MD5));
            }
            return b.fingerprint().build();
        };
    }

    static TurnClientOptions options() {
        return TurnClientOptions.builder().timers(StunTimers.FAST).maxRedirects(3).build();
    }

    @Test
    void anAuthenticatedRedirectToAnotherRealmDoesNotGetTheCredentials() throws Exception {
        try (Scripted b = new Scripted(req -> challenge(req, "other.example"));
                Scripted a = new Scripted(redirectAfterAuth(b.address(), true));
                TurnClient client = TurnClient.create(options())) {
            StunConnection c = client.connect(a.address(), StunTransport.UDP, null).get(5, TimeUnit.SECONDS);
            assertThatThrownBy(() -> c.allocate(ALICE, AllocateOptions.defaults()).get(20, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(TurnException.class, e -> {
                        assertThat(e.kind()).isEqualTo(TurnException.Kind.AUTH_FAILED);
                        assertThat(e.getMessage()).contains("other.example", "example.org", "credentials not sent");
                    });
            assertThat(a.sawCredentials()).isTrue();
            assertThat(b.requests).isNotEmpty();
            assertThat(b.sawCredentials()).as("no USERNAME/MESSAGE-INTEGRITY reached the other realm").isFalse();
        }
    }

    @Test
    void anAuthenticatedRedirectInTheSameRealmIsFollowedWithTheSameCredentials() throws Exception {
        try (Scripted b = new Scripted(req -> req.username().isEmpty() ? challenge(req, "example.org")
                : StunMessage.builder(MessageType.of(StunMethod.ALLOCATE, StunClass.ERROR_RESPONSE), req.transactionId())
                        .add(Attributes.errorCode(486, "Allocation Quota Reached")).fingerprint().build());
                Scripted a = new Scripted(redirectAfterAuth(b.address(), true));
                TurnClient client = TurnClient.create(options())) {
            StunConnection c = client.connect(a.address(), StunTransport.UDP, null).get(5, TimeUnit.SECONDS);
            // B answers the credentials with 486: proof they were sent there, and the error is B's own.
            assertThatThrownBy(() -> c.allocate(ALICE, AllocateOptions.defaults()).get(20, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(TurnException.class, e ->
                            assertThat(e.errorCode()).hasValueSatisfying(x -> assertThat(x.code()).isEqualTo(486)));
            assertThat(b.sawCredentials()).isTrue();
            assertThat(b.requests).allMatch(r -> r.username().map("alice"::equals).orElse(true));
        }
    }

    @Test
    void anUnauthenticated300ToAnAuthenticatedRequestIsNotFollowed() throws Exception {
        try (Scripted b = new Scripted(req -> challenge(req, "example.org"));
                Scripted a = new Scripted(redirectAfterAuth(b.address(), false));
                TurnClient client = TurnClient.create(options())) {
            StunConnection c = client.connect(a.address(), StunTransport.UDP, null).get(5, TimeUnit.SECONDS);
            assertThatThrownBy(() -> c.allocate(ALICE, AllocateOptions.defaults()).get(20, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(TurnException.class,
                            e -> assertThat(e.kind()).isEqualTo(TurnException.Kind.INTEGRITY));
            assertThat(b.requests).as("the alternate was never contacted").isEmpty();
        }
    }

    @Test
    void anAlternateOfAnotherAddressFamilyIsAProtocolError() throws Exception {
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("::1"), 3478);
        try (Scripted a = new Scripted(req -> StunMessage.builder(MessageType.of(StunMethod.ALLOCATE,
                StunClass.ERROR_RESPONSE), req.transactionId()).add(Attributes.errorCode(300, "Try Alternate"),
                Attributes.alternateServer(v6)).fingerprint().build());
                TurnClient client = TurnClient.create(options())) {
            StunConnection c = client.connect(a.address(), StunTransport.UDP, null).get(5, TimeUnit.SECONDS);
            assertThatThrownBy(() -> c.allocate(ALICE, AllocateOptions.defaults()).get(20, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(TurnException.class, e -> {
                        assertThat(e.kind()).isEqualTo(TurnException.Kind.PROTOCOL);
                        assertThat(e.getMessage()).contains("address family");
                    });
            assertThat(a.sawCredentials()).isFalse();
        }
    }
}
