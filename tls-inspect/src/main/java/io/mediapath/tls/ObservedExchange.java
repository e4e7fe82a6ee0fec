package io.mediapath.tls;

import io.mediapath.ice.Evidence;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.ProbeListener;
import io.mediapath.tls.wire.ClientHelloSni;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An exchange someone else's client had with a server, as seen from outside (a packet capture): when the
 * connection was made, the hello, each piece of the answer with its time and where it was seen, and how it ended.
 * {@link #judge} puts it through the same verdict engine as {@link PseudoTlsProbe} and {@link TlsProbe}, so a
 * capture and a live probe of the same path give the same verdict; evidence cites the capture's frames.
 *
 * <p>Times are nanoseconds on any one clock (a capture's timestamps). What a capture cannot show is said, not
 * guessed: a TLS 1.3 chain is encrypted, so such exchanges are judged from what is visible with low confidence
 * ({@code TLS13_CHAIN_NOT_VISIBLE}).
 */
public final class ObservedExchange {

    /** How the observed exchange ended. */
    public enum Ending {
        /** An answer came and the exchange went on or stopped normally. */
        ANSWERED,
        /** The server's side reset the connection (RST). */
        RESET,
        /** The server's side closed (FIN) without more. */
        CLOSED,
        /** Nothing (more) came and the client gave up: retransmitted, then closed or reset its side. */
        CLIENT_GAVE_UP,
        /** The capture ended while the client was still waiting. */
        CAPTURE_ENDED,
        /** The TCP connection was never made (no SYN-ACK, or RST to the SYN). */
        CONNECT_FAILED
    }

    private final Builder b;

    private ObservedExchange(Builder b) {
        this.b = b;
    }

    /** An observed MS-TURN pseudo-TLS exchange with {@code target} (the relay's address and port). */
    public static Builder pseudoTls(TransportAddress target) {
        return new Builder(PseudoTlsProbe.NAME, target);
    }

    /** An observed TLS exchange with {@code target}. */
    public static Builder tls(TransportAddress target) {
        return new Builder(TlsProbe.NAME, target);
    }

    /** True when {@code clientBytes} begin exactly with the 50-byte pseudo-TLS ClientHello. */
    public static boolean isPseudoTlsHello(byte[] clientBytes) {
        byte[] h = io.mediapath.ice.wire.PseudoTls.hello();
        if (clientBytes.length < h.length) {
            return false;
        }
        for (int i = 0; i < h.length; i++) {
            if (clientBytes[i] != h[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when {@code answer} is shorter than the relay's 83-byte pseudo-TLS answer and every byte of it matches:
     * the genuine answer was cut off, so how the connection ended (not the bytes) says what happened.
     */
    public static boolean isPartialPseudoTlsAnswer(byte[] answer) {
        return answer.length < io.mediapath.ice.wire.PseudoTls.ANSWER_LENGTH
                && io.mediapath.ice.wire.PseudoTls.isGenuinePrefix(answer);
    }

    /** True when {@code clientBytes} start like a TLS record carrying a ClientHello (any port, any version). */
    public static boolean looksLikeTlsHello(byte[] clientBytes) {
        return ClientHelloSni.looksLikeClientHello(clientBytes, clientBytes.length);
    }

    /** The probe this exchange stands for: {@code pseudo-tls} or {@code tls}. */
    public String probe() {
        return b.probe;
    }

    /** Judges the exchange with {@code options}' trust, pins and issuer signatures (never the local proxy setup). */
    public TlsInspection judge(InspectOptions options) {
        InspectOptions opt = options.toBuilder().proxyContext(false).sni(b.sni != null ? b.sni : options.sni()).build();
        long start = b.start != Long.MIN_VALUE ? b.start : 0;
        Observation o = new Observation(b.probe, b.target, ProbeListener.NONE, start);
        o.observed = true;
        o.source = b.source != null ? b.source : "observed " + b.probe + " " + b.target;
        o.remoteIp = b.target.host();
        o.sni = b.sni;
        b.events.forEach(e -> o.eventAt(e.at, e.kind, e.detail));
        if (b.connectedAt != Long.MIN_VALUE) {
            o.connectNanos = b.connectStart != Long.MIN_VALUE ? Math.max(0, b.connectedAt - b.connectStart) : 0;
        }
        if (b.helloAt != Long.MIN_VALUE) {
            o.helloSentAt = b.helloAt;
        }
        for (Read r : b.reads) {
            o.addAnswer(r.bytes, r.at);
            o.readLabels.add(r.label);
        }
        o.ending = switch (b.ending) {
            case ANSWERED -> Observation.Ending.COMPLETE;
            case RESET -> Observation.Ending.RESET;
            case CLOSED -> Observation.Ending.PEER_CLOSED;
            case CLIENT_GAVE_UP -> Observation.Ending.TIMEOUT;
            case CAPTURE_ENDED -> Observation.Ending.QUIET;
            case CONNECT_FAILED -> Observation.Ending.CONNECT_FAILED;
        };
        if (b.ending == Ending.CONNECT_FAILED) {
            o.connectNanos = -1;
        }
        o.error = b.detail;
        o.endingEvidence.addAll(b.endingEvidence);
        o.handshakeComplete = b.handshakeComplete;
        o.endAt = b.endAt != Long.MIN_VALUE ? b.endAt : start;
        return Verdicts.judge(o, opt);
    }

    private record Read(long at, byte[] bytes, String label) {
    }

    private record Event(long at, String kind, String detail) {
    }

    /** Collects what was observed. */
    public static final class Builder {
        private final String probe;
        private final TransportAddress target;
        private String source;
        private String sni;
        private long start = Long.MIN_VALUE;
        private long connectStart = Long.MIN_VALUE;
        private long connectedAt = Long.MIN_VALUE;
        private long helloAt = Long.MIN_VALUE;
        private long endAt = Long.MIN_VALUE;
        private final List<Read> reads = new ArrayList<>();
        private final List<Event> events = new ArrayList<>();
        private final List<Evidence> endingEvidence = new ArrayList<>();
        private Ending ending = Ending.CAPTURE_ENDED;
        private String detail = "";
        private boolean handshakeComplete;

        private Builder(String probe, TransportAddress target) {
            this.probe = probe;
            this.target = Objects.requireNonNull(target, "target");
        }

        /** What evidence names as its source, e.g. {@code capture edge.pcapng tcp 10.0.0.5:50123 > 192.0.2.7:443}. */
        public Builder source(String source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** The client's first bytes: the server name it asked for is read from them (TLS). */
        public Builder clientHello(byte[] clientBytes) {
            this.sni = ClientHelloSni.serverName(clientBytes);
            return this;
        }

        /** The SYN at {@code synAt} was answered at {@code synAckAt}; either may be unknown ({@code Long.MIN_VALUE})
         * when the capture began after it. */
        public Builder connected(long synAt, long synAckAt) {
            connectStart = synAt;
            connectedAt = synAckAt == Long.MIN_VALUE ? (synAt == Long.MIN_VALUE ? 0 : synAt) : synAckAt;
            first(synAt == Long.MIN_VALUE ? synAckAt : synAt);
            return this;
        }

        /** The client's hello left at {@code at}. */
        public Builder helloSent(long at) {
            helloAt = at;
            first(at);
            return this;
        }

        /** A piece of the answer, in stream order, seen at {@code at}; {@code label} says where (e.g. "frame 14"). */
        public Builder read(long at, byte[] bytes, String label) {
            reads.add(new Read(at, bytes.clone(), Objects.requireNonNull(label, "label")));
            first(at);
            return this;
        }

        /** A timeline entry (what the capture shows, in order). */
        public Builder event(long at, String kind, String detail) {
            events.add(new Event(at, kind, detail));
            first(at);
            return this;
        }

        /** How it ended, when, and in words (e.g. "RST from the server in frame 9"). */
        public Builder ending(Ending ending, long at, String detail) {
            this.ending = Objects.requireNonNull(ending, "ending");
            this.endAt = at;
            this.detail = Objects.requireNonNull(detail, "detail");
            return this;
        }

        /** Evidence for the way it ended (the client's retransmissions, who closed), cited by the no-answer finding. */
        public Builder endingEvidence(Evidence e) {
            endingEvidence.add(Objects.requireNonNull(e, "evidence"));
            return this;
        }

        /** True when both sides went on to exchange encrypted application data (the TLS handshake completed). */
        public Builder handshakeComplete(boolean complete) {
            handshakeComplete = complete;
            return this;
        }

        /** The exchange. */
        public ObservedExchange build() {
            return new ObservedExchange(this);
        }

        private void first(long at) {
            if (at != Long.MIN_VALUE && (start == Long.MIN_VALUE || at < start)) {
                start = at;
            }
        }
    }
}
