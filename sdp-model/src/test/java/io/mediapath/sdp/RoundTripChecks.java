package io.mediapath.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

/**
 * The round-trip and strict-outcome checks, written once: {@link SampleRoundTripTest} runs them over the samples we
 * wrote, {@link CorpusRoundTripInteropIT} over the third-party corpus.
 */
final class RoundTripChecks {
    private RoundTripChecks() {
    }

    /**
     * The bytes parse leniently and come back byte for byte: from the description, from its line view and (after the
     * session part) from its media sections; re-parsing gives the same model, and building from the model gives
     * canonical CRLF text with the same attributes and candidates.
     */
    static void roundTripsByteForByte(byte[] bytes) {
        SessionDescription sdp = SessionDescription.parse(bytes);
        assertThat(sdp.toString().getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
        StringBuilder sb = new StringBuilder();
        for (SdpLine l : sdp.lines()) {
            sb.append(l.text()).append(l.lineEnding());
        }
        assertThat(sb.toString()).isEqualTo(sdp.toString());
        StringBuilder media = new StringBuilder();
        for (MediaDescription m : sdp.media()) {
            media.append(m.text());
        }
        assertThat(sdp.toString()).endsWith(media.toString());
        assertThat(SessionDescription.parse(sdp.toString())).isEqualTo(sdp);
        SessionDescription rebuilt = sdp.toBuilder().build();
        assertThat(rebuilt.toString()).doesNotContain("\n\n").doesNotContainPattern("[^\r]\n");
        assertThat(rebuilt.media()).hasSameSizeAs(sdp.media());
        for (int i = 0; i < sdp.media().size(); i++) {
            assertThat(rebuilt.media().get(i).attributes()).extracting(Attribute::text)
                    .isEqualTo(sdp.media().get(i).attributes().stream().map(Attribute::text).toList());
            assertThat(rebuilt.media().get(i).candidates()).isEqualTo(sdp.media().get(i).candidates());
        }
        assertThat(rebuilt.toBuilder().build()).isEqualTo(rebuilt);
    }

    /**
     * Strict parsing of {@code text} passes when {@code expected} is null, or fails at the recorded place:
     * {@code "line:column:problem prefix"}.
     */
    static void strictOutcomeIs(String text, String expected) {
        if (expected == null) {
            assertThat(SessionDescription.parse(text, SdpParseOptions.strict())).hasToString(text);
            return;
        }
        String[] parts = expected.split(":", 3);
        assertThatThrownBy(() -> SessionDescription.parse(text, SdpParseOptions.strict()))
                .isInstanceOfSatisfying(SdpParseException.class, e -> {
                    assertThat(e.line()).as("line").isEqualTo(Integer.parseInt(parts[0]));
                    assertThat(e.column()).as("column").isEqualTo(Integer.parseInt(parts[1]));
                    assertThat(e.problem()).startsWith(parts[2]);
                    assertThat(e.getMessage()).startsWith("line " + parts[0] + ", column " + parts[1] + ": ");
                });
    }
}
