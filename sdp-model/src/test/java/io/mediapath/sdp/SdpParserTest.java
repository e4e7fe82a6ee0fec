package io.mediapath.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Grammar corners, error locations, limits and the builder. */
class SdpParserTest {

    private static final String HEAD = "v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n";

    private static SdpParseException failure(String text, SdpParseOptions opts) {
        try {
            SessionDescription.parse(text, opts);
        } catch (SdpParseException e) {
            return e;
        }
        throw new AssertionError("expected a parse error for: " + text);
    }

    /** Input (with \n written as | and CRLF as ~), strictness, expected line, column and problem prefix. */
    @ParameterizedTest(name = "[{index}] {0} strict={1}")
    @CsvSource(delimiter = ';', value = {
        // no v= / garbage first
        "x=1|;false;1;1;session description does not start with v=",
        "SIP/2.0 200 OK|v=0|;false;1;1;session description does not start with v=",
        "v=a|;false;1;3;non-digit 'a' in version",
        "v=1|o=- 1 1 IN IP4 h|s=-|;true;1;3;unsupported SDP version 1",
        // o=
        "v=0|o=- 1 1 IN IP4|s=-|;false;2;15;o= line has 5 fields, needs 6",
        "v=0|o=- 1 1 IN IP4 h x|s=-|;false;2;18;unexpected field after the 6 fields of o=",
        "v=0|o=-  1 1 IN IP4 h|s=-|;true;2;5;extra space in o= line",
        "v=0|o=- 1x 1 IN IP4 h|s=-|;true;2;6;non-digit 'x' in session id",
        // missing lines
        "v=0|s=-|;false;2;1;missing o= line",
        "v=0|o=- 1 1 IN IP4 h|m=audio 1 RTP/AVP 0|;false;3;1;m= line before s=",
        "v=0|o=- 1 1 IN IP4 h|s=-|m=audio 1 RTP/AVP 0|;true;4;1;no t= line before the first m= line",
        // c=
        "v=0|o=- 1 1 IN IP4 h|s=-|c=IN IP4|;false;4;9;c= line has 2 fields, needs 3",
        "v=0|o=- 1 1 IN IP4 h|s=-|c=IN IP4 224.2.1.1/300|;false;4;20;TTL 300 out of range",
        "v=0|o=- 1 1 IN IP4 h|s=-|c=IN IP4 224.2.1.1/x|;false;4;20;non-digit 'x' in multicast TTL/count",
        "v=0|o=- 1 1 IN IP4 h|s=-|c=IN IP6 ff15::1/3/2|;false;4;19;IPv6 connection address with two suffixes",
        // b=
        "v=0|o=- 1 1 IN IP4 h|s=-|b=AS|;false;4;5;b= line without ':'",
        "v=0|o=- 1 1 IN IP4 h|s=-|b=AS:99999999999999999999|;false;4;6;bandwidth 99999999999999999999 too large",
        // t= r= z=
        "v=0|o=- 1 1 IN IP4 h|s=-|t=0|;false;4;4;t= line has 1 field, needs 2",
        "v=0|o=- 1 1 IN IP4 h|s=-|r=1 2 3|;false;4;1;r= line before any t= line",
        "v=0|o=- 1 1 IN IP4 h|s=-|t=0 0|r=7x 1h 0|;false;5;4;non-digit 'x' in typed time",
        "v=0|o=- 1 1 IN IP4 h|s=-|t=0 0|z=1 -1h 2|;false;5;10;z= line with an adjustment time but no offset",
        // m=
        "v=0|o=- 1 1 IN IP4 h|s=-|t=0 0|m=audio 70000 RTP/AVP 0|;false;5;9;port 70000 out of range",
        "v=0|o=- 1 1 IN IP4 h|s=-|t=0 0|m=audio 4294967296 RTP/AVP 0|;false;5;9;port 4294967296 out of range",
        "v=0|o=- 1 1 IN IP4 h|s=-|t=0 0|m=audio 1/0 RTP/AVP 0|;false;5;11;number of ports must be at least 1",
        "v=0|o=- 1 1 IN IP4 h|s=-|t=0 0|m=audio|;false;5;8;m= line has 1 field, needs at least 3",
        "v=0|o=- 1 1 IN IP4 h|s=-|t=0 0|m=audio 1 RTP/AVP|;true;5;18;m= line without formats",
        // strict-only rejections
        "v=0|o=- 1 1 IN IP4 h|s=-|t=0 0|f=x|;true;5;1;unknown line type 'f'",
        "v=0|o=- 1 1 IN IP4 h|s=-|t=0 0|A=sendrecv|;true;5;1;unknown line type 'A'",
        "v=0|o=- 1 1 IN IP4 h|s=-||t=0 0|;true;4;1;blank line",
        "v=0|o=- 1 1 IN IP4 h|s=-|t=0 0 |;true;4;6;trailing whitespace",
        "v=0|o=- 1 1 IN IP4 h|s=-|t=0 0| x-message app|;true;5;2;not an SDP line",
        "v=0|o=- 1 1 IN IP4 h|s=|t=0 0|;true;3;3;empty session name",
        "v=0|o=- 1 1 IN IP4 h|s=-|t=0 0|c=IN IP4 h|;true;5;1;c= line out of order in the session section",
        "v=0|o=- 1 1 IN IP4 h|s=-|s=x|t=0 0|;true;4;1;second s= line",
        "v=0|o=- 1 1 IN IP4 h|s=-|i=a|i=b|t=0 0|;true;5;1;second i= line",
        "v=0|o=- 1 1 IN IP4 h|s=-|t=0 0|a=x|r=1 2 3|;true;6;1;r= line not after t= or r=",
        "v=0|o=- 1 1 IN IP4 h|s=-|t=0 0|m=audio 1 RTP/AVP 0|a=x|c=IN IP4 h|;true;7;1;c= line out of order in the media section",
        "v=0|o=- 1 1 IN IP4 h|s=-|t=0 0|m=audio 1 RTP/AVP 0|t=0 0|;true;6;1;t= line inside a media section",
        "v=0|o=- 1 1 IN IP4 h|s=-|t=0 0|a=bad name|;true;5;6;character ' ' not allowed in an attribute name",
        "v=0|o=- 1 1 IN IP4 h|s=-|t=0 0|a=|;true;5;3;empty attribute name",
        "v=0~o=- 1 1 IN IP4 h\rs=-~t=0 0~;true;2;17;lone CR",
        "v=0|o=- 1 1 IN IP4 h|s=-|t=0 0|;true;4;6;missing_nothing",
    })
    void errorLocations(String input, boolean strict, int line, int column, String problem) {
        String text = input.replace("~", "\r\n").replace("|", "\n");
        SdpParseOptions opts = strict ? SdpParseOptions.strict() : SdpParseOptions.lenient();
        if (problem.equals("missing_nothing")) {
            // Control row: the same shape parses, so the rows above fail for the stated reason only.
            assertThat(SessionDescription.parse(text, opts)).hasToString(text);
            return;
        }
        SdpParseException e = failure(text, opts);
        assertThat(e.problem()).startsWith(problem);
        assertThat(e.line()).as("line of %s", e.getMessage()).isEqualTo(line);
        assertThat(e.column()).as("column of %s", e.getMessage()).isEqualTo(column);
        assertThat(e.getMessage()).startsWith("line " + line + ", column " + column + ": " + problem);
        assertThat(e.expected()).isNotEmpty();
        assertThat(e.getMessage()).endsWith("(expected: " + e.expected() + ")");
        String[] physical = text.split("\r\n|\n|\r", -1);
        assertThat(e.lineText()).isEqualTo(physical[line - 1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\n"})
    void lineEndingsPreserved(String eol) {
        String text = HEAD.replace("\r\n", eol) + "m=audio 5004 RTP/AVP 0" + eol + "a=rtpmap:0 PCMU/8000" + eol;
        SessionDescription s = SessionDescription.parse(text, SdpParseOptions.strict());
        assertThat(s).hasToString(text);
        assertThat(s.lines()).allSatisfy(l -> assertThat(l.lineEnding()).isEqualTo(eol));
    }

    @Test
    void mixedEndingsLoneCrNoFinalEolBlankLinesLenient() {
        String text = "v=0\r\no=- 1 2 IN IP4 h\ns=x\rt=0 0\r\n\r\nf=unknown\r\nm=audio 1 RTP/AVP 0  \r\na=sendrecv";
        SessionDescription s = SessionDescription.parse(text);
        assertThat(s).hasToString(text);
        assertThat(s.lines()).extracting(SdpLine::lineEnding)
                .containsExactly("\r\n", "\n", "\r", "\r\n", "\r\n", "\r\n", "\r\n", "");
        assertThat(s.unknownLines()).extracting(SdpLine::text).containsExactly("", "f=unknown");
        assertThat(s.media().get(0).formats()).containsExactly("0");
        assertThat(s.media().get(0).direction()).contains(Direction.SENDRECV);
        assertThat(s.sessionName()).isEqualTo("x");
    }

    @Test
    void utf8InSessionNameAndBytes() {
        String text = "v=0\r\no=- 1 2 IN IP4 h\r\ns=Réunion 会議 🎧\r\ni=ünïcode\r\nt=0 0\r\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        SessionDescription s = SessionDescription.parse(bytes);
        assertThat(s.sessionName()).isEqualTo("Réunion 会議 🎧");
        assertThat(s.information()).contains("ünïcode");
        assertThat(s.toString().getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
    }

    @Test
    void invalidUtf8IsAClearError() {
        byte[] bytes = "v=0\r\no=- 1 2 IN IP4 h\r\ns=\u00ff\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> SessionDescription.parse(bytes)).isInstanceOfSatisfying(SdpParseException.class,
                e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isEqualTo(3);
                    assertThat(e.problem()).isEqualTo("invalid UTF-8 byte 0xFF at byte offset 25");
                });
    }

    @Test
    void nulIsRejectedWithItsLocation() {
        String text = HEAD + "m=audio 1 RTP/AVP 0\r\na=fmtp\u0000:101 0-16\r\n";
        for (SdpParseOptions o : List.of(SdpParseOptions.lenient(), SdpParseOptions.strict())) {
            SdpParseException e = failure(text, o);
            assertThat(e.line()).isEqualTo(6);
            assertThat(e.column()).isEqualTo(7);
            assertThat(e.problem()).isEqualTo("NUL character in input");
            assertThat(e.lineText()).isEqualTo("a=fmtp\\u0000:101 0-16");
        }
    }

    @Test
    void limitsAreEnforcedBeforeAllocation() {
        StringBuilder sb = new StringBuilder(HEAD);
        for (int i = 0; i < 10; i++) {
            sb.append("m=audio ").append(1000 + i).append(" RTP/AVP 0\r\n");
        }
        String text = sb.toString();
        assertThat(SessionDescription.parse(text).media()).hasSize(10);
        assertThat(failure(text, SdpParseOptions.builder().maxMedia(9).build()))
                .satisfies(e -> assertThat(e.line()).isEqualTo(14))
                .satisfies(e -> assertThat(e.problem()).isEqualTo("more than 9 m= sections"));
        assertThat(failure(text, SdpParseOptions.builder().maxLines(5).build()))
                .satisfies(e -> assertThat(e.line()).isEqualTo(6))
                .satisfies(e -> assertThat(e.problem()).isEqualTo("more than 5 lines"));
        assertThat(failure(text, SdpParseOptions.builder().maxBytes(100).build()))
                .satisfies(e -> assertThat(e.problem()).startsWith("input is " + text.length() + " chars"));
        assertThat(failure(HEAD + "a=" + "x".repeat(200) + "\r\n",
                SdpParseOptions.builder().maxLineLength(100).build()))
                .satisfies(e -> assertThat(e.line()).isEqualTo(5))
                .satisfies(e -> assertThat(e.column()).isEqualTo(101));
        // A 2 MB input is refused by the default limit without being split into lines.
        String huge = HEAD + ("a=" + "y".repeat(1000) + "\r\n").repeat(2100);
        assertThat(failure(huge, SdpParseOptions.lenient()).problem()).contains("limit is 1048576");
        assertThatThrownBy(() -> SdpParseOptions.builder().maxBytes(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SdpParseOptions.strict().toBuilder().build()).isEqualTo(SdpParseOptions.strict());
        assertThat(SdpParseOptions.builder().strict(true).build()).isEqualTo(SdpParseOptions.strict());
        assertThat(SdpParseOptions.builder().build()).isEqualTo(SdpParseOptions.lenient());
    }

    @Test
    void connectionVariants() {
        String text = HEAD + "m=video 49170/2 RTP/AVP 31\r\nc=IN IP4 224.2.1.1/127/3\r\nc=IN IP6 ff15::101/3\r\n"
                + "c=IN IP4 media.example.com\r\nc=IN IP6 2001:db8::2\r\n";
        MediaDescription m = SessionDescription.parse(text, SdpParseOptions.strict()).media().get(0);
        assertThat(m.portCount()).hasValue(2);
        assertThat(m.connections()).containsExactly(
                new Connection("IN", "IP4", "224.2.1.1", OptionalInt.of(127), OptionalInt.of(3), 6),
                new Connection("IN", "IP6", "ff15::101", OptionalInt.empty(), OptionalInt.of(3), 7),
                new Connection("IN", "IP4", "media.example.com", OptionalInt.empty(), OptionalInt.empty(), 8),
                new Connection("IN", "IP6", "2001:db8::2", OptionalInt.empty(), OptionalInt.empty(), 9));
        assertThat(m.connections().get(0).text()).isEqualTo("IN IP4 224.2.1.1/127/3");
    }

    @Test
    void attributeNamesAreWholeTokens() {
        String text = HEAD + "m=audio 1 RTP/AVP 0\r\na=rtcp-mux-only\r\na=extmap-allow-mixed\r\na=ssrc-group:FID 1 2\r\n"
                + "a=x-candidate-ipv6:1 1 UDP 1 ::1 1 typ host\r\na=msid-semantic: WMS *\r\n";
        MediaDescription m = SessionDescription.parse(text).media().get(0);
        assertThat(m.rtcpMux()).isFalse();
        assertThat(m.hasAttribute("rtcp-mux-only")).isTrue();
        assertThat(m.extmaps()).isEmpty();
        assertThat(m.ssrcs()).isEmpty();
        assertThat(m.candidates()).isEmpty();
        assertThat(m.ipv6Candidates()).hasSize(1);
        assertThat(m.attribute("msid-semantic")).map(Attribute::valueOrEmpty).contains(" WMS *");
        assertThat(m.attributes()).extracting(Attribute::lineNumber).containsExactly(6, 7, 8, 9, 10);
    }

    @Test
    void malformedCandidatesAreKeptRawAndListed() {
        String text = HEAD + "m=audio 1 RTP/AVP 0\r\n"
                + "a=candidate:1 1 UDP 2130706431 10.0.0.1 5000 typ host\r\n"
                + "a=candidate:2 1 UDP 99999999999 10.0.0.1 5000 typ host\r\n"
                + "a=candidate:3 1 UDP 1 10.0.0.1 5000 host\r\n"
                + "a=candidate:4 1 UDP 1 h.local 5000 typ host generation\r\n"
                + "a=candidate:5 1 udp 1 4b1c-9a.local 9 typ host ufrag Ab12 MTURNID 7\r\n";
        MediaDescription m = SessionDescription.parse(text).media().get(0);
        assertThat(m.candidates()).extracting(Candidate::foundation).containsExactly("1", "5");
        assertThat(m.malformedCandidates()).extracting(Attribute::lineNumber).containsExactly(7, 8, 9);
        assertThat(m.candidateEntries().get(1).error()).hasValueSatisfying(e -> {
            assertThat(e.line()).isEqualTo(7);
            assertThat(e.column()).isEqualTo(21);
            assertThat(e.problem()).isEqualTo("invalid priority '99999999999'");
        });
        assertThat(m.candidateEntries().get(2).error()).map(SdpParseException::problem)
                .contains("'host' where 'typ' belongs");
        assertThat(m.candidateEntries().get(3).error()).map(SdpParseException::problem)
                .contains("extension 'generation' has no value");
        Candidate mdns = m.candidates().get(1);
        assertThat(Candidates.isMdnsHostname(mdns.address())).isTrue();
        assertThat(mdns.extensions()).containsExactly(new Candidate.Extension("ufrag", "Ab12"),
                new Candidate.Extension("MTURNID", "7"));
        assertThatThrownBy(() -> Candidates.parse("1 1 UDP", 42)).isInstanceOfSatisfying(SdpParseException.class,
                e -> assertThat(e.getMessage()).startsWith("line 42, column 20: missing priority"));
    }

    @Test
    void builderProducesCanonicalCrlfThatReparsesEqual() {
        SessionDescription built = SessionDescription.builder()
                .origin(new Origin("-", "4611731400430051336", "2", "IN", "IP4", "127.0.0.1", 0))
                .sessionName("")
                .connection(Connection.of("192.0.2.10"))
                .addBandwidth(new Bandwidth("CT", 99980, 0))
                .addAttribute("ice-lite")
                .addMedia(MediaDescription.builder("audio", 50000, "RTP/SAVP").formats("0", "101")
                        .addAttribute("rtpmap", "0 PCMU/8000")
                        .addAttribute("candidate", "1 1 UDP 2130706431 192.0.2.10 50000 typ host")
                        .addAttribute("sendrecv"))
                .build();
        assertThat(built.toString()).isEqualTo("v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns= \r\n"
                + "c=IN IP4 192.0.2.10\r\nb=CT:99980\r\nt=0 0\r\na=ice-lite\r\nm=audio 50000 RTP/SAVP 0 101\r\n"
                + "a=rtpmap:0 PCMU/8000\r\na=candidate:1 1 UDP 2130706431 192.0.2.10 50000 typ host\r\n"
                + "a=sendrecv\r\n");
        assertThat(SessionDescription.parse(built.toString(), SdpParseOptions.strict())).isEqualTo(built);
        assertThat(built.iceLite()).isTrue();
        assertThat(built.media().get(0).candidates()).hasSize(1);

        // Edit a lenient parse: LF and blank lines become canonical CRLF, content kept.
        String lf = "v=0\no=- 1 1 IN IP4 h\ns=-\nt=0 0\n\nm=audio 1 RTP/AVP 0\na=sendonly\n";
        SessionDescription parsed = SessionDescription.parse(lf);
        SessionDescription.Builder b = parsed.toBuilder();
        b.media().get(0).port(4000).removeAttributes("sendonly").addAttribute("recvonly");
        SessionDescription edited = b.build();
        assertThat(edited.toString())
                .isEqualTo("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=recvonly\r\n");
        assertThat(edited.media().get(0).direction()).contains(Direction.RECVONLY);
        assertThat(parsed.toString()).isEqualTo(lf);

        assertThatThrownBy(() -> SessionDescription.builder().addAttribute("x", "a\r\nm=evil 1 x 0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MediaDescription.builder("audio", 70000, "RTP/AVP"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
