package io.mediapath.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.testing.TestData;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SDP sample we wrote (browser, Lync/SfB, invalid and truncated) parses leniently and round-trips byte for
 * byte; for each the strict outcome is asserted: it passes, or it fails at the recorded line and column for the
 * recorded reason. The same checks over the third-party corpus run in {@link CorpusRoundTripInteropIT}.
 */
class SampleRoundTripTest {

    /** Samples that strict parsing rejects: sample → "line:column:problem prefix". All others pass strict. */
    private static final Map<String, String> STRICT_FAILURES = Map.ofEntries(
            // s= is empty (browsers write it; invalid per RFC 8866).
            Map.entry("sdp/chrome-unified-plan-offer.sdp", "3:3:empty session name"),
            // unknown type letter f=.
            Map.entry("sdp/invalid-unknown-line-type.sdp", "8:1:unknown line type 'f'"),
            // LF + trailing empty line.
            Map.entry("sdp/lf-with-trailing-blank-line.sdp", "9:1:blank line"),
            // t= before c=: RFC 8866 puts c= before b= and t=.
            Map.entry("sdp/unified-plan-simulcast-offer.sdp", "5:1:c= line out of order"),
            // Lync/SfB write "typ host " with a trailing space.
            Map.entry("lync/lync-200ok-answer.sdp", "17:56:trailing whitespace"),
            Map.entry("lync/lync-invite-part1-msice-draft6.sdp", "8:107:trailing whitespace"),
            Map.entry("lync/lync-invite-part2-rfc5245.sdp", "17:56:trailing whitespace"),
            Map.entry("lync/sfb-appsharing-offer.TRUNCATED.sdp", "7:1:blank line"),
            Map.entry("lync/sfb-appsharing-viewer-answer.sdp", "8:65:trailing whitespace"));

    static Stream<String> samples() {
        List<String> all = Stream.concat(TestData.samples("sdp").stream(),
                TestData.samples("lync").stream().filter(n -> n.endsWith(".sdp"))).toList();
        return all.stream();
    }

    @Test
    void everyRecordedStrictFailureIsASample() {
        assertThat(samples().toList()).containsAll(STRICT_FAILURES.keySet()).hasSizeGreaterThanOrEqualTo(25);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void roundTripsByteForByte(String sample) {
        RoundTripChecks.roundTripsByteForByte(TestData.bytes(TestData.sampleResource(sample)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void strictOutcomeIsKnown(String sample) {
        RoundTripChecks.strictOutcomeIs(TestData.sample(sample), STRICT_FAILURES.get(sample));
    }
}
