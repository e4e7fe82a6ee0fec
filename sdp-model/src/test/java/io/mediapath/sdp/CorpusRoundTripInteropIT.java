package io.mediapath.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Interop: the third-party corpus ({@code -Dmediapath.interop.dir}, profile {@code interop}; never copied into the
 * repository). Every corpus file parses leniently and round-trips byte for byte (bytes, not just chars); for each file the
 * strict outcome is asserted: either it passes, or it fails at the recorded line and column for the recorded reason.
 */
class CorpusRoundTripInteropIT {

    /** Files that strict parsing rejects: file → "line:column:problem prefix". All others pass strict. */
    private static final Map<String, String> STRICT_FAILURES = Map.ofEntries(
            // s= is empty (common, invalid per RFC 8866).
            Map.entry("sdp-transform-normal.sdp", "3:3:empty session name"),
            // unknown type letter f=.
            Map.entry("sdp-transform-invalid.sdp", "10:1:unknown line type 'f'"),
            // LF + trailing empty line.
            Map.entry("webrtc-sdp-41-chrome-ice-heavy-crypto.sdp", "91:1:blank line"),
            // Lync/SfB write "typ host " with a trailing space.
            Map.entry("lync2013-200ok-audio-video.sdp", "17:59:trailing whitespace"),
            Map.entry("lync2013-invite-part1-msice-draft6-audio-video.sdp", "8:111:trailing whitespace"),
            Map.entry("lync2013-invite-part2-rfc5245-audio-video.sdp", "17:59:trailing whitespace"),
            Map.entry("sfb-appsharing-invite-from-server-sipe-issue76.TRUNCATED.sdp", "7:1:blank line"),
            Map.entry("sipe-appsharing-offer-to-sfb-conference-sipe-issue83.TRUNCATED.sdp",
                    "8:60:trailing whitespace"),
            Map.entry("sipe-appsharing-viewer-answer-sipe-issue89.TRUNCATED.sdp", "8:60:trailing whitespace"),
            // t= before c=: RFC 8866 puts c= before b= and t=.
            Map.entry("sdp-transform-simulcast.sdp", "5:1:c= line out of order"));

    /** Every file of corpus/sdp (except SOURCES.md) and every .sdp of corpus/lync. */
    static Stream<Path> files() throws IOException {
        Path sdp = TestData.interopDir("corpus/sdp");
        Path lync = TestData.interopDir("corpus/lync");
        try (Stream<Path> a = Files.list(sdp); Stream<Path> b = Files.list(lync)) {
            List<Path> files = Stream.concat(
                            a.filter(p -> !p.getFileName().toString().equals("SOURCES.md")),
                            b.filter(p -> p.getFileName().toString().endsWith(".sdp")))
                    .sorted()
                    .toList();
            assertThat(files).as("corpus files").hasSizeGreaterThanOrEqualTo(20);
            return files.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void roundTripsByteForByte(Path file) throws Exception {
        RoundTripChecks.roundTripsByteForByte(Files.readAllBytes(file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void strictOutcomeIsKnown(Path file) throws IOException {
        RoundTripChecks.strictOutcomeIs(Files.readString(file, java.nio.charset.StandardCharsets.UTF_8),
                STRICT_FAILURES.get(file.getFileName().toString()));
    }
}
