package io.mediapath.tls;

import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.ProbeListener;
import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.tls.wire.TlsFlightParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What one probe run saw, collected on its channel's event loop, then judged by {@link Verdicts}. */
final class Observation {

    /** How the exchange ended. */
    enum Ending { COMPLETE, QUIET, PEER_CLOSED, RESET, TIMEOUT, CONNECT_FAILED, ERROR }

    /** What the answer's first bytes say it is. */
    enum Kind { NONE, TLS, HTTP, OTHER }

    /** Reads past {@link #MAX_READS}. */
    long uncountedReads;
    static final int MAX_ANSWER = TlsFlightParser.MAX_FLIGHT;
    /** Reads recorded one by one; later ones are only counted. */
    static final int MAX_READS = 512;
    /** Bytes of a non-TLS, non-HTTP answer worth keeping as evidence. */
    static final int ENOUGH_OTHER = 1024;

    final String probe;
    final TransportAddress target;
    final ProbeListener listener;
    final long start;
    final List<TimelineEvent> timeline = new ArrayList<>();
    String remoteIp = "";
    String sni;
    long connectNanos = -1;
    long helloSentAt = -1;
    long firstByteAt = -1;
    String error = "";
    Ending ending;
    TransportAddress viaProxy;
    HttpAnswer proxyAnswer;
    Kind kind = Kind.NONE;
    byte[] answer = new byte[0];
    final List<FlightRead> reads = new ArrayList<>();
    final TlsFlightParser parser = new TlsFlightParser();

    // Full TLS probe (Bouncy Castle)
    boolean handshakeComplete;
    List<byte[]> libraryChain = List.of();
    TlsAlert alertRaised;
    String alertRaisedMessage = "";
    TlsAlert alertReceived;
    int negotiatedGroup = -1;
    String negotiatedAlpn = "";

    // Set when the exchange was observed (a capture), not run: evidence names the capture and its frames.
    /** Evidence source; "probe NAME TARGET" for a live run. */
    String source;
    /** Per read, where it was seen (e.g. "frame 14"); empty for a live run. */
    final List<String> readLabels = new ArrayList<>();
    /** More evidence for the no-answer finding (the client's retransmissions, who closed). */
    final List<io.mediapath.ice.Evidence> endingEvidence = new ArrayList<>();
    /** When the exchange ended, or -1 for "now" (a live run judged as it ends). */
    long endAt = -1;
    /** True when judged from an observed exchange: a TLS 1.3 chain is then out of sight. */
    boolean observed;

    Observation(String probe, TransportAddress target, ProbeListener listener) {
        this(probe, target, listener, System.nanoTime());
    }

    Observation(String probe, TransportAddress target, ProbeListener listener, long start) {
        this.probe = probe;
        this.target = target;
        this.listener = listener;
        this.start = start;
        this.source = "probe " + probe + " " + target;
    }

    /** A timeline event at a given time (an observed exchange's own clock). */
    void eventAt(long at, String kind, String detail) {
        timeline.add(new TimelineEvent(at - start, kind, detail));
    }

    void event(String kind, String detail) {
        event(kind, detail, null);
    }

    /** An event that moved bytes (or, with none, opened a connection), with what moved. */
    void event(String kind, String detail, io.mediapath.ice.probe.WirePayload wire) {
        TimelineEvent e = new TimelineEvent(System.nanoTime() - start, kind, detail, wire);
        timeline.add(e);
        try {
            listener.onEvent(e);
        } catch (RuntimeException ignored) {
            // A listener must not throw; if it does, the probe's result still stands.
        }
    }

    void addAnswer(byte[] chunk) {
        addAnswer(chunk, System.nanoTime());
    }

    /** One read of the answer that arrived at {@code now} (on the same clock as {@link #start}). */
    void addAnswer(byte[] chunk, long now) {
        if (firstByteAt < 0) {
            firstByteAt = now;
        }
        if (reads.size() < MAX_READS) {
            reads.add(new FlightRead(java.time.Duration.ofNanos(now - (helloSentAt < 0 ? start : helloSentAt)),
                    chunk.length));
        } else {
            uncountedReads++;
        }
        if (answer.length < MAX_ANSWER) {
            int keep = Math.min(chunk.length, MAX_ANSWER - answer.length);
            byte[] a = Arrays.copyOf(answer, answer.length + keep);
            System.arraycopy(chunk, 0, a, answer.length, keep);
            answer = a;
        }
        if (kind == Kind.NONE) {
            int b0 = answer[0] & 0xff;
            // Judged from the first two bytes, not the first read: a peer dribbling one byte at a time must not pass
            // for TLS on its record-type byte alone (0x16 0x16 … is no TLS record).
            if (b0 >= 20 && b0 <= 23) {
                kind = answer.length < 2 ? Kind.NONE : answer[1] == 3 ? Kind.TLS : Kind.OTHER;
            } else if (io.mediapath.tls.wire.HttpSniffer.mayBeHttp(answer, answer.length)) {
                kind = answer.length >= 5 ? Kind.HTTP : Kind.NONE;
            } else {
                kind = Kind.OTHER;
            }
            if (kind == Kind.TLS) {
                parser.feed(answer.clone()); // everything so far, including reads that came before the kind was known
                return;
            }
        }
        if (kind == Kind.TLS) {
            parser.feed(chunk);
        }
    }
}
