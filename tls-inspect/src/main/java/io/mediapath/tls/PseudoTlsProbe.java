package io.mediapath.tls;

import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Deadline;
import io.mediapath.ice.probe.ProbeListener;
import io.mediapath.tls.wire.HandshakeMessage;
import io.mediapath.tls.wire.HttpSniffer;
import io.mediapath.ice.wire.PseudoTls;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.CompletionStage;

/**
 * The MS-TURN pseudo-TLS probe for Lync/Skype for Business relays on TCP 443: connects (timed), sends the fixed
 * 50-byte pseudo-TLS ClientHello ([MS-TURN] §2.1.1), and checks that the answer is the 83-byte single-record
 * ServerHello + ServerHelloDone. Anything else is classified: a Certificate message, ServerHello and
 * ServerHelloDone in separate records, an alert, an HTTP page, a reset, a close, silence, other bytes.
 *
 * <p>Immutable and reusable; runs on Netty. No cryptography: the pseudo-TLS exchange carries none.
 */
public final class PseudoTlsProbe extends InspectionProbe {

    /** The probe's name in results. */
    public static final String NAME = "pseudo-tls";

    private PseudoTlsProbe(InspectOptions options, EventLoopGroup group) {
        super(options, group);
    }

    /** A probe with these options, on mediapath's shared daemon event loops. */
    public static PseudoTlsProbe create(InspectOptions options) {
        return new PseudoTlsProbe(options, EventLoops.shared());
    }

    /**
     * A probe with these options on the caller's Netty event loops (an application that runs Netty already, or a
     * test that counts threads). The caller owns the group and shuts it down.
     */
    public static PseudoTlsProbe create(InspectOptions options, EventLoopGroup group) {
        return new PseudoTlsProbe(options, group);
    }

    /** A probe with {@link InspectOptions#defaults()}. */
    public static PseudoTlsProbe create() {
        return create(InspectOptions.defaults());
    }

    /** Inspects {@code target} by {@code deadline}, reporting the timeline to {@code listener}. */
    @Override
    public CompletionStage<TlsInspection> inspect(TransportAddress target, Deadline deadline, ProbeListener listener) {
        return new Session(target, options, group, deadline, listener).start();
    }

    private static final class Session extends ProbeSession {
        Session(TransportAddress target, InspectOptions options, EventLoopGroup group, Deadline deadline,
                ProbeListener listener) {
            super(NAME, target, options, group, deadline, listener);
        }

        @Override
        void sendHello(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(PseudoTls.hello())).addListener(f -> {
                if (!f.isSuccess()) {
                    writeFailed(f.cause());
                }
            });
            obs.event("hello.sent", "pseudo-TLS ClientHello, 50 bytes");
        }

        @Override
        boolean awaitingKnownAnswer() {
            byte[] a = obs.answer;
            return obs.kind == Observation.Kind.TLS && PseudoTls.isGenuinePrefix(a);
        }

        @Override
        boolean answerComplete(ChannelHandlerContext ctx) {
            byte[] a = obs.answer;
            return switch (obs.kind) {
                case TLS -> PseudoTls.matches(a)
                        || obs.parser.hasMessage(HandshakeMessage.SERVER_HELLO_DONE)
                        || !obs.parser.alerts().isEmpty() || obs.parser.malformed();
                case HTTP -> HttpSniffer.complete(a);
                default -> false;
            };
        }
    }
}
