package io.mediapath.diagnose.capture;

import io.mediapath.capture.Gap;
import io.mediapath.capture.Segment;
import io.mediapath.capture.TcpDirection;
import io.mediapath.capture.TcpFlow;
import io.mediapath.ice.Evidence;
import io.mediapath.ice.TransportAddress;
import io.mediapath.tls.InspectOptions;
import io.mediapath.tls.ObservedExchange;
import io.mediapath.tls.TlsInspection;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A TCP flow that opened with a TLS-looking hello, put to tls-inspect's verdict engine as an
 * {@link ObservedExchange}: connect from the SYN/SYN-ACK, the hello from the client's first data, the answer
 * segment by segment with frame numbers, and the ending from who sent RST or FIN — or the client's
 * retransmissions when nothing came back.
 */
final class TlsFlowJudge {

    private TlsFlowJudge() {
    }

    /** True when the client's first bytes are a TLS ClientHello (pseudo-TLS included). */
    static boolean applies(TcpFlow f) {
        return ObservedExchange.looksLikeTlsHello(f.toServer().head());
    }

    static TlsInspection judge(TcpFlow f, String source, InspectOptions options) {
        byte[] hello = f.toServer().head();
        boolean pseudo = ObservedExchange.isPseudoTlsHello(hello);
        TransportAddress target = new TransportAddress(f.server().ip(), f.server().port());
        ObservedExchange.Builder b = (pseudo ? ObservedExchange.pseudoTls(target) : ObservedExchange.tls(target))
                .source(source).clientHello(hello);
        TcpDirection c = f.toServer();
        TcpDirection s = f.toClient();
        long syn = f.synFrame() != 0 ? f.synNanos() : Long.MIN_VALUE;
        long synAck = f.synAckFrame() != 0 ? f.synAckNanos() : Long.MIN_VALUE;
        b.connected(syn, synAck);
        if (f.synFrame() != 0) {
            b.event(f.synNanos(), "syn", "frame " + f.synFrame() + " SYN " + f.client() + " > " + f.server());
        }
        if (f.synAckFrame() != 0) {
            b.event(f.synAckNanos(), "syn-ack", "frame " + f.synAckFrame() + " SYN-ACK");
        }
        long helloAt = c.firstDataNanos();
        if (helloAt >= 0) {
            b.helloSent(helloAt).event(helloAt, "hello.sent", "frame " + c.firstDataFrame() + " "
                    + (pseudo ? "pseudo-TLS ClientHello" : "TLS ClientHello") + ", " + Math.min(hello.length, 65535) + " bytes");
        }
        // The answer as the probe would have read it: each segment's new bytes, in stream order, up to the first hole.
        byte[] head = s.head();
        if (pseudo && head.length > StunFlowJudge.PSEUDO_TLS_ANSWER
                && ObservedExchange.isPartialPseudoTlsAnswer(Arrays.copyOf(head, StunFlowJudge.PSEUDO_TLS_ANSWER - 1))) {
            // The live probe stops reading at the 83-byte answer; what follows is MS-TURN framing, judged on its own.
            head = Arrays.copyOf(head, StunFlowJudge.PSEUDO_TLS_ANSWER);
        }
        for (Segment seg : s.segments()) {
            if (seg.offset() >= head.length) {
                break;
            }
            int end = (int) Math.min(head.length, seg.offset() + seg.length());
            b.read(seg.epochNanos(), Arrays.copyOfRange(head, (int) seg.offset(), end), "frame " + seg.frame());
            b.event(seg.epochNanos(), "bytes.received", "frame " + seg.frame() + ": " + (end - seg.offset()) + " bytes");
        }
        ending(f, b, source, pseudo, head);
        b.handshakeComplete(both(c.head(), s.head(), 23) || both(c.head(), s.head(), 20));
        return b.build().judge(options);
    }

    private static void ending(TcpFlow f, ObservedExchange.Builder b, String source, boolean pseudo, byte[] answer) {
        TcpDirection c = f.toServer();
        TcpDirection s = f.toClient();
        if (!s.gaps().isEmpty()) {
            Gap g = s.gaps().get(0);
            b.endingEvidence(new Evidence(source, "frame " + g.frame(), g.length() + " bytes of the answer at offset "
                    + g.offset() + " are missing from the capture (not guessed)"));
        }
        if (f.synFrame() != 0 && f.synAckFrame() == 0) {
            String retries = f.synRetransmissionFrames().isEmpty() ? ""
                    : ", sent again in frames " + frames(f.synRetransmissionFrames());
            String detail = s.rstFrame() != 0 ? "SYN in frame " + f.synFrame() + retries + " refused by RST in frame "
                    + s.rstFrame() : "SYN in frame " + f.synFrame() + retries + " never answered";
            b.ending(ObservedExchange.Ending.CONNECT_FAILED, f.lastNanos(), detail);
            return;
        }
        boolean answered = answer.length > 0;
        boolean genuinePrefixOnly = pseudo && ObservedExchange.isPartialPseudoTlsAnswer(answer);
        if (answered && !genuinePrefixOnly) {
            b.ending(ObservedExchange.Ending.ANSWERED, f.lastNanos(), "");
            return;
        }
        // Who stopped first decides: a server that closes only after the client gave up did not refuse the hello.
        long clientStop = Math.min(c.rstFrame() == 0 ? Long.MAX_VALUE : c.rstFrame(),
                c.finFrame() == 0 ? Long.MAX_VALUE : c.finFrame());
        if (s.rstFrame() != 0 && s.rstFrame() < clientStop) {
            b.ending(ObservedExchange.Ending.RESET, s.rstNanos(), "RST from the server in frame " + s.rstFrame());
        } else if (s.finFrame() != 0 && s.finFrame() < clientStop) {
            b.ending(ObservedExchange.Ending.CLOSED, s.finNanos(), "FIN from the server in frame " + s.finFrame());
        } else if (c.rstFrame() != 0 || c.finFrame() != 0) {
            long frame = c.rstFrame() != 0 ? c.rstFrame() : c.finFrame();
            long at = c.rstFrame() != 0 ? c.rstNanos() : c.finNanos();
            long waited = at - Math.max(0, c.firstDataNanos());
            b.ending(ObservedExchange.Ending.CLIENT_GAVE_UP, at, String.format(Locale.ROOT,
                    "the client waited %.1f s%s, then %s in frame %d", waited / 1e9,
                    c.retransmissions() > 0 ? " retransmitting its hello " + c.retransmissions() + " times" : "",
                    c.rstFrame() != 0 ? "reset" : "closed", frame));
        } else {
            b.ending(ObservedExchange.Ending.CAPTURE_ENDED, f.lastNanos(), "the capture ended while the client waited");
        }
        if (c.retransmissions() > 0) {
            b.endingEvidence(new Evidence(source, "frames " + frames(c.retransmissionFrames()),
                    "the client sent its hello again " + c.retransmissions() + " times: nothing acknowledged it"));
        }
    }

    private static String frames(List<Long> frames) {
        return frames.stream().limit(12).map(String::valueOf).collect(Collectors.joining(", "))
                + (frames.size() > 12 ? ", …" : "");
    }

    /** True when both streams carry a TLS record of {@code type} (walking each stream's records, bounded). */
    private static boolean both(byte[] client, byte[] server, int type) {
        return hasRecord(client, type) && hasRecord(server, type);
    }

    private static boolean hasRecord(byte[] b, int type) {
        int p = 0;
        for (int i = 0; i < 256 && p + 5 <= b.length; i++) {
            int t = b[p] & 0xff;
            if (t < 20 || t > 23 || (b[p + 1] & 0xff) != 3) {
                return false;
            }
            if (t == type) {
                return true;
            }
            p += 5 + (((b[p + 3] & 0xff) << 8) | (b[p + 4] & 0xff));
        }
        return false;
    }
}
