package io.mediapath.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Parse → either a value or {@link SdpParseException}, never anything else; a parsed value is lossless, re-parses
 * equal, every typed view can be read without throwing, and its canonical rebuild is stable. Without
 * {@code JAZZER_FUZZ=1} this runs the seeds under {@code SdpParserFuzzTestInputs/parse/} as a regression test.
 */
class SdpParserFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void parse(FuzzedDataProvider data) {
        boolean strict = data.consumeBoolean();
        boolean asBytes = data.consumeBoolean();
        byte[] raw = data.consumeRemainingAsBytes();
        SdpParseOptions opts = (strict ? SdpParseOptions.strict() : SdpParseOptions.lenient()).withMaxLines(2000);
        String text = asBytes ? null : new String(raw, StandardCharsets.ISO_8859_1);
        SessionDescription sdp;
        try {
            sdp = asBytes ? SessionDescription.parse(raw, opts) : SessionDescription.parse(text, opts);
        } catch (SdpParseException e) {
            assertThat(e.line()).isGreaterThanOrEqualTo(0);
            assertThat(e.column()).isGreaterThanOrEqualTo(1);
            assertThat(e.getMessage()).startsWith("line " + e.line() + ", column " + e.column() + ": ");
            return;
        }
        if (asBytes) {
            assertThat(sdp.toString().getBytes(StandardCharsets.UTF_8)).isEqualTo(raw);
        } else {
            assertThat(sdp.toString()).isEqualTo(text);
        }
        SessionDescription again = SessionDescription.parse(sdp.toString(), opts);
        assertThat(again).isEqualTo(sdp);
        assertThat(again.lines()).isEqualTo(sdp.lines());
        assertThat(again.media()).isEqualTo(sdp.media());
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
