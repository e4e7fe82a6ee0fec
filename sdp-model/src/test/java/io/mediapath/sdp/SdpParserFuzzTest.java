package io.mediapath.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Two targets over the same inputs. {@link #parse}: parse → either a value or {@link SdpParseException}, never
 * anything else; a parsed value is lossless and re-parses to an equal value. It is kept lean (no AssertJ, no view
 * reads) because it is the one the long run drives to millions of executions. {@link #views}: every typed view of a
 * parsed value can be read without throwing, and its canonical rebuild is stable. Without {@code JAZZER_FUZZ=1}
 * each runs its seeds under {@code SdpParserFuzzTestInputs/<method>/} as a regression test.
 */
class SdpParserFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void parse(FuzzedDataProvider data) {
        boolean strict = data.consumeBoolean();
        boolean asBytes = data.consumeBoolean();
        byte[] raw = data.consumeRemainingAsBytes();
        SdpParseOptions opts = options(strict);
        String text = asBytes ? null : new String(raw, StandardCharsets.ISO_8859_1);
        SessionDescription sdp;
        try {
            sdp = asBytes ? SessionDescription.parse(raw, opts) : SessionDescription.parse(text, opts);
        } catch (SdpParseException e) {
            check(e.line() >= 0 && e.column() >= 1, "error position", e);
            check(e.getMessage().startsWith("line " + e.line() + ", column " + e.column() + ": "), "error message", e);
            return;
        }
        String written = sdp.toString();
        if (asBytes) {
            check(Arrays.equals(written.getBytes(StandardCharsets.UTF_8), raw), "lossless (bytes)", written);
        } else {
            check(written.equals(text), "lossless (text)", written);
        }
        SessionDescription again = SessionDescription.parse(written, opts);
        check(again.equals(sdp), "re-parse equal", written);
        check(again.lines().equals(sdp.lines()) && again.media().equals(sdp.media()), "re-parse lines/media", written);
    }

    @FuzzTest(maxDuration = "2m")
    void views(FuzzedDataProvider data) {
        boolean strict = data.consumeBoolean();
        byte[] raw = data.consumeRemainingAsBytes();
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(new String(raw, StandardCharsets.ISO_8859_1), options(strict));
        } catch (SdpParseException e) {
            return;
        }
        StringBuilder joined = new StringBuilder();
        for (SdpLine l : sdp.lines()) {
            joined.append(l.text()).append(l.lineEnding());
        }
        assertThat(joined.toString()).isEqualTo(sdp.toString());
        touchViews(sdp);

        SessionDescription rebuilt = sdp.toBuilder().build();
        assertThat(rebuilt.media()).hasSameSizeAs(sdp.media());
        assertThat(rebuilt.toBuilder().build()).isEqualTo(rebuilt);
        touchViews(rebuilt);
    }

    private static SdpParseOptions options(boolean strict) {
        return SdpParseOptions.builder().strict(strict).maxLines(2000).build();
    }

    /** A plain check instead of AssertJ on the hot path: the long run spends its time in the parser, not here. */
    private static void check(boolean ok, String property, Object context) {
        if (!ok) {
            throw new AssertionError(property + " violated: " + context);
        }
    }

    private static void touchViews(SessionDescription s) {
        s.attributes();
        s.groups();
        s.msidSemantic();
        s.fingerprints();
        s.candidates();
        s.xMediabw();
        s.xDevicecaps();
        s.iceOptions();
        s.setup();
        s.direction();
        s.unknownLines();
        for (MediaDescription m : s.media()) {
            m.formats();
            int parsed = m.allCandidates().size();
            assertThat(parsed + m.malformedCandidates().size()).isEqualTo(m.candidateEntries().size());
            m.rtpmaps();
            m.fmtps().forEach(Fmtp::parameterMap);
            m.rtcpFeedback();
            m.extmaps();
            m.ssrcs();
            m.ssrcGroups();
            m.msids();
            m.rids();
            m.simulcast();
            m.cryptos().forEach(c -> {
                c.lifetime();
                c.mki();
                c.keySalt();
            });
            m.cryptoScales();
            m.fingerprints().forEach(Fingerprint::bytes);
            m.rtcp();
            m.iceOptions();
            m.setup();
            m.direction();
            m.ptime();
            m.maxptime();
            m.sctpPort();
            m.maxMessageSize();
            m.encryption();
            m.xSsrcRange();
            m.xCaps();
            m.applicationSharingAttributes();
            m.text();
        }
    }
}
