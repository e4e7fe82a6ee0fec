package io.mediapath.sdp.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediapath.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SipMessageTest {
    private static final String OK_FILE = "lync-200ok-with-ms-client-diagnostics.sip.txt";

    @Test
    void parsesTheLync200OkSample() {
        String text = TestData.sample("lync/" + OK_FILE);
        SipMessage m = SipMessage.parse(text, OK_FILE, 1);

        assertThat(m.isRequest()).isFalse();
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.reasonPhrase()).isEqualTo("OK");
        assertThat(m.method()).isEqualTo("INVITE");
        assertThat(m.callId()).contains("5F3A9C1E7B2D48A6B0C4E8F2A6D0B4C8");
        assertThat(m.cseq()).contains(new CSeq(1, "INVITE"));
        assertThat(m.headers()).hasSize(19);
        assertThat(m.headers().get(0).name()).isEqualTo("Authentication-Info");
        assertThat(m.headers("supported")).containsExactly("histinfo", "ms-safe-transfer",
                "ms-dialog-route-set-update", "replaces");
        assertThat(m.header("User-Agent")).contains("UCCAPI/15.0.4569.1503 OC/15.0.4569.1503 (Microsoft Lync)");
        SipHeader diag = m.firstHeader("MS-CLIENT-DIAGNOSTICS").orElseThrow();
        assertThat(diag.line()).isEqualTo(16);
        assertThat(diag.value()).startsWith("51007;reason=\"Callee media connectivity diagnosis info\"")
                .endsWith("Interfaces=0x12\"");
        assertThat(m.header("Call-ID")).contains("5F3A9C1E7B2D48A6B0C4E8F2A6D0B4C8");
        assertThat(m.header("ms-endpoint-location-data")).contains("NetworkScope;ms-media-location-type=Intranet");
        assertThat(m.body().getBytes(StandardCharsets.UTF_8)).hasSize(1056);
        assertThat(m.warnings()).isEmpty();
        assertThat(m.bodyFirstLine()).isEqualTo(22);
        List<BodyPart> sdp = m.sdpBodies();
        assertThat(sdp).hasSize(1);
        assertThat(sdp.get(0).body()).isEqualTo(TestData.sample("lync/lync-200ok-answer.sdp"));
        assertThat(sdp.get(0).isMsProxy2007Fallback()).isFalse();
        assertThat(m.sourceName()).isEqualTo(OK_FILE);
        assertThat(m.firstLine()).isEqualTo(1);
    }

    @Test
    void exposesBothPartsOfTheLyncMultipartOffer() {
        String body = TestData.sample("lync/lync-invite-multipart-body.txt");
        String head = "INVITE sip:carol@example.com SIP/2.0\r\n"
                + "Call-ID: 1234abcd\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Content-Type: multipart/alternative;boundary=\"----=_NextPart_000_0042_01DA0000.5A5A5A5A\"\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n";
        SipMessage m = SipMessage.parse(head + body, "invite", 10);

        List<BodyPart> parts = m.bodyParts();
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).isMsProxy2007Fallback()).isTrue();
        assertThat(parts.get(0).contentDisposition()).contains("session; handling=optional; ms-proxy-2007fallback");
        assertThat(parts.get(0).header("Content-ID")).contains("<0a1b2c3d4e5f60718293a4b5c6d7e8f9@example.com>");
        assertThat(parts.get(1).isMsProxy2007Fallback()).isFalse();
        assertThat(parts.get(1).contentDisposition()).contains("session; handling=optional");
        assertThat(m.sdpBodies()).hasSize(2);
        assertThat(parts.get(0).body()).isEqualTo(TestData.sample("lync/lync-invite-part1-msice-draft6.sdp"));
        assertThat(parts.get(1).body()).isEqualTo(TestData.sample("lync/lync-invite-part2-rfc5245.sdp"));
        // message starts at line 10, 5 header lines + blank: body line 1 is line 16; part 1 content at body line 7
        assertThat(parts.get(0).firstLine()).isEqualTo(16 + 6);
        assertThat(parts.get(1).firstLine()).isEqualTo(16 + 55);
        assertThat(parts.get(1).lines().get(0)).isEqualTo("v=0");
    }

    @Test
    void expandsCompactFormsAndUnfoldsContinuationLines() {
        String text = "SIP/2.0 180 Ringing\r\n"
                + "v: SIP/2.0/UDP 192.0.2.4;branch=z9hG4bKnashds8\r\n"
                + "f: <sip:carol@example.com>;tag=1\r\n"
                + "t: <sip:dave@example.com>;tag=2\r\n"
                + "i: abc@192.0.2.4\r\n"
                + "CSeq: 7 INVITE\r\n"
                + "m: <sip:dave@198.51.100.9>\r\n"
                + "k: timer\r\n"
                + "s: lunch\r\n"
                + "e: gzip\r\n"
                + "Subject-Long: first part\r\n"
                + "   second part\r\n"
                + "\tthird part\r\n"
                + "l: 0\r\n\r\n";
        SipMessage m = SipMessage.parse(text);
        assertThat(m.headers()).extracting(SipHeader::name).containsExactly("Via", "From", "To", "Call-ID", "CSeq",
                "Contact", "Supported", "Subject", "Content-Encoding", "Subject-Long", "Content-Length");
        assertThat(m.callId()).contains("abc@192.0.2.4");
        assertThat(m.header("i")).contains("abc@192.0.2.4");
        assertThat(m.header("call-id")).contains("abc@192.0.2.4");
        assertThat(m.header("Subject-Long")).contains("first part second part third part");
        assertThat(m.firstHeader("Content-Length").orElseThrow().line()).isEqualTo(14);
        assertThat(m.body()).isEmpty();
        assertThat(m.headers().get(0).is("v")).isTrue();
    }

    @Test
    void joinsValuesWrappedWithoutLeadingWhitespaceAfterAnOpenQuote() {
        String text = "BYE sip:frank@example.com SIP/2.0\n"
                + "ms-client-diagnostics: 23; reason=\"Call failed to establish due to a media\n"
                + "connectivity failure when one endpoint is internal and the other is\n"
                + "remote\";CalleeMediaDebug=\"audio:ICEWarn=0x80012b\"\n"
                + "Call-ID: x1\n";
        SipMessage m = SipMessage.parse(text);
        assertThat(m.headers()).hasSize(2);
        assertThat(m.header("ms-client-diagnostics")).contains("23; reason=\"Call failed to establish due to a media "
                + "connectivity failure when one endpoint is internal and the other is remote\";"
                + "CalleeMediaDebug=\"audio:ICEWarn=0x80012b\"");
    }

    @Test
    void takesTheRestAsBodyWithoutContentLengthAndCutsAtContentLength() {
        SipMessage noLength = SipMessage.parse("MESSAGE sip:a@example.com SIP/2.0\r\nCall-ID: 1\r\n\r\nhello\r\nworld");
        assertThat(noLength.body()).isEqualTo("hello\r\nworld");

        SipMessage cut = SipMessage.parse("MESSAGE sip:a@example.com SIP/2.0\r\nl: 5\r\n\r\nhello world");
        assertThat(cut.body()).isEqualTo("hello");
        assertThat(cut.warnings()).singleElement().asString().contains("after the Content-Length body");

        // logs store CRLF as LF: a Content-Length counted on the wire still fits
        SipMessage lf = SipMessage.parse("SIP/2.0 200 OK\nContent-Length: 8\n\nv=0\nt=0\n");
        assertThat(lf.body()).isEqualTo("v=0\nt=0\n");
        assertThat(lf.warnings()).isEmpty();

        SipMessage shortBody = SipMessage.parse("SIP/2.0 200 OK\r\nContent-Length: 100\r\n\r\nv=0\r\n");
        assertThat(shortBody.body()).isEqualTo("v=0\r\n");
        assertThat(shortBody.warnings()).singleElement().asString().contains("truncated");

        SipMessage utf8 = SipMessage.parse("MESSAGE sip:a@example.com SIP/2.0\r\nContent-Length: 3\r\n\r\n\u00e9a!");
        assertThat(utf8.body()).isEqualTo("\u00e9a");
    }

    @Test
    void acceptsAStatusLineWithoutReasonPhraseAndLeadingBlankLines() {
        SipMessage m = SipMessage.parse("\r\n\r\nSIP/2.0 200\r\nCall-ID: z\r\n", "log", 5);
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.reasonPhrase()).isEmpty();
        assertThat(m.firstLine()).isEqualTo(7);
        assertThat(m.firstHeader("Call-ID").orElseThrow().line()).isEqualTo(8);
    }

    @Test
    void parsesBytesAndRequestLines() {
        SipMessage m = SipMessage.parse("SERVICE sip:bob@example.com SIP/2.0\r\nCSeq: 3 SERVICE\r\n\r\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(m.isRequest()).isTrue();
        assertThat(m.method()).isEqualTo("SERVICE");
        assertThat(m.requestUri()).isEqualTo("sip:bob@example.com");
        assertThat(m.startLine()).isEqualTo("SERVICE sip:bob@example.com SIP/2.0");
    }

    @Test
    void malformedInputGivesTypedErrorsWithLines() {
        assertThatThrownBy(() -> SipMessage.parse("", "empty", 1)).isInstanceOf(SipParseException.class)
                .hasMessageContaining("empty message");
        assertThatThrownBy(() -> SipMessage.parse("HELLO\r\n", "a.txt", 3))
                .isInstanceOfSatisfying(SipParseException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.source()).isEqualTo("a.txt");
                    assertThat(e.getMessage()).startsWith("a.txt:3:1:");
                });
        assertThatThrownBy(() -> SipMessage.parse("SIP/2.0 2x0 OK\r\n"))
                .isInstanceOfSatisfying(SipParseException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.column()).isEqualTo(10);
                });
        assertThatThrownBy(() -> SipMessage.parse("SIP/2.0 099 Odd\r\n")).isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> SipMessage.parse("INVITE sip:a@example.com HTTP/1.1\r\n"))
                .isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.expected()).isEqualTo("SIP/2.0"));
        assertThatThrownBy(() -> SipMessage.parse("INVITE sip:a@example.com SIP/2.0\r\nVia: x\r\nthis is not a header\r\n"))
                .isInstanceOfSatisfying(SipParseException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.lineText()).isEqualTo("this is not a header");
                });
        assertThatThrownBy(() -> SipMessage.parse("INVITE sip:a@example.com SIP/2.0\r\n continued\r\n"))
                .isInstanceOf(SipParseException.class).hasMessageContaining("continuation");
        assertThatThrownBy(() -> SipMessage.parse("SIP/2.0 200 OK\r\nCall-ID: 1\r\nContent-Length: -4\r\n\r\n"))
                .isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.line()).isEqualTo(3));
    }
}
