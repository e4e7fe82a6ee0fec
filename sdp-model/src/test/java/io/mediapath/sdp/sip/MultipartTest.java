package io.mediapath.sdp.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediapath.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartTest {

    @Test
    void splitsTheLyncSampleBodyByItsBoundary() {
        String body = TestData.sample("lync/lync-invite-multipart-body.txt");
        List<BodyPart> parts = Multipart.split(body, "----=_NextPart_000_0042_01DA0000.5A5A5A5A");
        assertThat(parts).hasSize(2);
        assertThat(parts).allMatch(BodyPart::isSdp);
        assertThat(parts.get(0).isMsProxy2007Fallback()).isTrue();
        assertThat(parts.get(1).isMsProxy2007Fallback()).isFalse();
        assertThat(parts.get(0).firstLine()).isEqualTo(7);
        assertThat(parts.get(1).firstLine()).isEqualTo(56);
        assertThat(parts.get(0).body()).contains("UDP 0.830 10.0.3.40 31848");
        assertThat(parts.get(1).body()).contains("a=ice-ufrag:");
    }

    @Test
    void readsQuotedAndUnquotedBoundaries() {
        assertThat(Multipart.boundary("multipart/alternative;boundary=\"----=_NextPart_1\"")).contains("----=_NextPart_1");
        assertThat(Multipart.boundary("multipart/mixed; charset=x; BOUNDARY=simple123")).contains("simple123");
        assertThat(Multipart.boundary("application/sdp")).isEmpty();
    }

    @Test
    void flattensNestedMultipartAndIgnoresPreambleAndEpilogue() {
        String text = "INVITE sip:a@example.com SIP/2.0\r\n"
                + "Content-Type: multipart/mixed;boundary=outer\r\n\r\n"
                + "This is the preamble.\r\n"
                + "--outer\r\n"
                + "Content-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n"
                + "--inner\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Disposition: session; handling=optional; ms-proxy-2007fallback\r\n\r\n"
                + "v=0\r\n"
                + "--inner\r\n"
                + "Content-Type: application/sdp\r\n\r\n"
                + "v=1\r\n"
                + "--inner--\r\n"
                + "--outer\r\n"
                + "Content-Type: application/isup; version=itu-t92+\r\n\r\n"
                + "binary-ish\r\n"
                + "--outer--\r\n"
                + "epilogue\r\n";
        SipMessage m = SipMessage.parse(text);
        List<BodyPart> parts = m.bodyParts();
        assertThat(parts).extracting(BodyPart::mediaType)
                .containsExactly("application/sdp", "application/sdp", "application/isup");
        assertThat(m.sdpBodies()).extracting(BodyPart::body).containsExactly("v=0", "v=1");
        assertThat(m.sdpBodies().get(0).isMsProxy2007Fallback()).isTrue();
        assertThat(m.sdpBodies().get(0).firstLine()).isEqualTo(12);
        assertThat(parts.get(2).body()).isEqualTo("binary-ish");
    }

    @Test
    void toleratesAMissingCloseDelimiterButNotAMissingFirstOne() {
        List<BodyPart> parts = Multipart.split("--b\r\nContent-Type: text/plain\r\n\r\ncut here", "b");
        assertThat(parts).singleElement().extracting(BodyPart::body).isEqualTo("cut here");

        assertThatThrownBy(() -> Multipart.split("no delimiter\r\nat all\r\n", "b"))
                .isInstanceOfSatisfying(SipParseException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.expected()).isEqualTo("--b");
                });
        SipMessage noBoundary = SipMessage.parse("SIP/2.0 200 OK\r\nCall-ID: 1\r\nContent-Type: multipart/mixed\r\n\r\nx\r\n",
                "m", 40);
        assertThatThrownBy(noBoundary::bodyParts)
                .isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.line()).isEqualTo(42));
    }

    @Test
    void partWithoutHeadersDefaultsToUntyped() {
        List<BodyPart> parts = Multipart.split("--b\r\n\r\nplain\r\n--b--", "b");
        assertThat(parts).singleElement().satisfies(p -> {
            assertThat(p.headers()).isEmpty();
            assertThat(p.mediaType()).isEmpty();
            assertThat(p.body()).isEqualTo("plain");
        });
    }
}
