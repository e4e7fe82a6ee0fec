package io.mediapath.diagnose.report;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.ice.probe.WirePayload;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the HTML renderer reads from the network, fuzzed: the payload namer ({@link WireLabel}: STUN, TLS records,
 * HTTP lines) on any bytes, and the ladder ({@link Ladder}) on any timeline (kinds, details, payloads, times). Never an
 * exception; labels short and printable; the SVG holds only the elements the ladder draws (any text from the input
 * is escaped, so it can open no element) and a bounded number of steps.
 * Seeds: {@code HtmlReportFuzzTestInputs/<method>/}.
 */
class HtmlReportFuzzTest {

    private static final Set<String> SVG_TAGS = Set.of("svg", "title", "text", "line", "path", "g");
    private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9-]*)");
    private static final InetSocketAddress ME = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress RELAY = new InetSocketAddress("127.0.0.1", 3478);
    private static final String[] KINDS = {"connect.start", "connect.done", "connect.closed", "hello.sent",
        "bytes.sent", "bytes.received", "msturn.start", "msturn.challenge", "msturn.failed", "stun.request",
        "stun.retransmit", "stun.response", "https.failed", "end"};

    @FuzzTest(maxDuration = "30s")
    void fuzzWireLabel(FuzzedDataProvider data) {
        boolean udp = data.consumeBoolean();
        byte[] b = data.consumeRemainingAsBytes();
        Optional<String> s = WireLabel.describe(WirePayload.of(WirePayload.Direction.RECEIVED,
                udp ? WirePayload.Transport.UDP : WirePayload.Transport.TCP, ME, RELAY, b, 0, b.length));
        if (s.isPresent() && (s.get().length() > 120 || !s.get().chars().allMatch(c -> c >= 0x20 && c < 0x7F))) {
            throw new IllegalStateException("label " + s.get());
        }
    }

    @FuzzTest(maxDuration = "30s")
    void fuzzLadder(FuzzedDataProvider data) {
        Ladder.Answerer answerer = Ladder.Answerer.values()[data.consumeInt(0, 2)];
        int n = data.consumeInt(0, 200);
        List<TimelineEvent> t = new ArrayList<>();
        for (int i = 0; i < n && data.remainingBytes() > 0; i++) {
            String kind = data.consumeBoolean() ? KINDS[data.consumeInt(0, KINDS.length - 1)] : data.consumeString(20);
            String detail = data.consumeString(60);
            long at = data.consumeLong(0, 60_000_000_000L);
            WirePayload w = null;
            if (data.consumeBoolean()) {
                byte[] b = data.consumeBytes(data.consumeInt(0, 300));
                w = WirePayload.of(data.consumeBoolean() ? WirePayload.Direction.SENT : WirePayload.Direction.RECEIVED,
                        data.consumeBoolean() ? WirePayload.Transport.UDP : WirePayload.Transport.TCP, ME, RELAY, b, 0,
                        b.length);
            }
            t.add(new TimelineEvent(at, kind, detail, w));
        }
        String failure = data.consumeString(80);
        Ladder l = Ladder.of(data.consumeString(20), "127.0.0.1:3478", t, Optional.empty(), answerer,
                data.consumeString(40), failure);
        if (l.steps().size() > Ladder.MAX_STEPS) {
            throw new IllegalStateException(l.steps().size() + " steps");
        }
        String svg = l.svg();
        Matcher m = TAG.matcher(svg);
        while (m.find()) {
            if (!SVG_TAGS.contains(m.group(1))) {
                throw new IllegalStateException("element <" + m.group(1) + "> in " + svg);
            }
        }
    }
}
