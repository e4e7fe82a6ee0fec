package io.mediapath.sdp.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.sdp.SessionDescription;
import io.mediapath.sdp.msdiag.MsDiagnostics;
import io.mediapath.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Interop: the published Lync/SfB messages of the third-party corpus ({@code -Dmediapath.interop.dir}, profile
 * {@code interop}) read as our samples are read in {@link SipMessageTest}, {@link MultipartTest} and
 * {@code MsDiagnosticsTest}.
 */
class LyncCorpusInteropIT {

    private static String read(String name) throws Exception {
        return Files.readString(TestData.interopDir("corpus/lync").resolve(name), StandardCharsets.UTF_8);
    }

    @Test
    void the200OkWithDiagnosticsCarriesOneSdpBody() throws Exception {
        SipMessage m = SipMessage.parse(read("lync2013-200ok-audio-video-with-ms-client-diagnostics.sip.txt"));
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.warnings()).isEmpty();
        assertThat(m.sdpBodies()).singleElement()
                .satisfies(b -> assertThat(b.body()).isEqualTo(read("lync2013-200ok-audio-video.sdp")));
        assertThat(MsDiagnostics.parse(m.header("ms-client-diagnostics").orElseThrow()).code()).isEqualTo(51007);
    }

    @Test
    void theMultipartOfferSplitsIntoItsTwoPublishedParts() throws Exception {
        String body = read("lync2013-invite-multipart-msice-draft6-and-rfc5245.sip-body.txt");
        List<BodyPart> parts = Multipart.split(body, body.substring(2, body.indexOf("\r\n")));
        assertThat(parts).extracting(BodyPart::body).containsExactly(
                read("lync2013-invite-part1-msice-draft6-audio-video.sdp"),
                read("lync2013-invite-part2-rfc5245-audio-video.sdp"));
        assertThat(parts.get(0).isMsProxy2007Fallback()).isTrue();
        parts.forEach(p -> assertThat(SessionDescription.parse(p.body()).media()).hasSize(2));
    }

    @Test
    void everyPublishedDiagnosticsHeaderLineParses() throws Exception {
        Path samples = TestData.interopDir("corpus/lync").resolve("ms-client-diagnostics-samples.txt");
        List<MsDiagnostics> parsed = Files.readAllLines(samples).stream()
                .filter(l -> l.startsWith("ms-client-diagnostics:") || l.startsWith("ms-diagnostics-public:"))
                .map(l -> MsDiagnostics.parse(l.substring(l.indexOf(':') + 1)))
                .toList();
        assertThat(parsed).hasSize(7).allSatisfy(d -> assertThat(d.code()).isPositive());
        assertThat(LogScanner.create("samples").scanAll(samples).messages()).hasSize(2);
    }
}
