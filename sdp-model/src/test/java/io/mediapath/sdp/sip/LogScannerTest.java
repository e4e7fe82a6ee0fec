package io.mediapath.sdp.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LogScannerTest {

    /** One of our synthetic logs under src/test/resources/io/mediapath/sdp/sip/logs. */
    static Path log(String name) {
        return TestData.path("io/mediapath/sdp/sip/logs/" + name);
    }
    private static final String AS_CALL = "8f3c2b1a9d7e4f60b5a4c3d2e1f09a8b";
    private static final String AUDIO_CALL = "1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f60";

    private static LogScanner.Result scan(String logName) throws IOException {
        return LogScanner.create(logName).scanAll(log(logName));
    }

    private static List<String> lines(Path p) throws IOException {
        return Files.readAllLines(p, StandardCharsets.UTF_8);
    }

    @Test
    void findsEveryMessageInAUccapiClientLog() throws IOException {
        LogScanner.Result r = scan("uccapi-appsharing.uccapilog");
        assertThat(r.problems()).isEmpty();
        assertThat(r.messages()).extracting(SipMessage::startLine).containsExactly(
                "INVITE sip:alice@example.com SIP/2.0",
                "SIP/2.0 100 Trying",
                "SIP/2.0 183 Session Progress",
                "SIP/2.0 200 OK",
                "BYE sip:alice@example.com SIP/2.0",
                "INVITE sip:alice@example.com SIP/2.0",
                "SIP/2.0 100 Trying",
                "SIP/2.0 200 OK",
                "ACK sip:alice@example.com;opaque=user:epid:ZyXwVuTsRqPoNmLkJiHgFeDc;gruu SIP/2.0",
                "BYE sip:alice@example.com;opaque=user:epid:ZyXwVuTsRqPoNmLkJiHgFeDc;gruu SIP/2.0",
                "SIP/2.0 200 OK");
        assertThat(r.messages()).allSatisfy(m -> assertThat(m.warnings()).isEmpty());
        assertThat(r.lines()).isEqualTo(265);

        List<SipDialog> dialogs = Dialogs.correlate(r.messages());
        assertThat(dialogs).extracting(SipDialog::callId).containsExactly(AUDIO_CALL, AS_CALL);
        SipDialog audio = dialogs.get(0);
        assertThat(audio.answers()).extracting(SipMessage::statusCode).containsExactly(183, 200);
        assertThat(audio.bye()).isPresent();
        assertThat(audio.allMessages()).hasSize(5);

        SipDialog sharing = dialogs.get(1);
        SipMessage invite = sharing.invite().orElseThrow();
        assertThat(invite.sdpBodies()).hasSize(2);
        assertThat(invite.sdpBodies().get(0).isMsProxy2007Fallback()).isTrue();
        assertThat(invite.sdpBodies().get(1).body()).contains("m=applicationsharing 50040 TCP/RTP/AVP 127")
                .doesNotContain("typ relay");
        assertThat(sharing.answers()).singleElement().extracting(SipMessage::statusCode).isEqualTo(200);
        assertThat(sharing.finalResponse()).isPresent();
        assertThat(sharing.failed()).isFalse();
        SipMessage bye = sharing.bye().orElseThrow();
        assertThat(bye.header("ms-client-diagnostics")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("23;reason=").contains("application-sharing:ICEWarn=0x80012b"));
        assertThat(sharing.allMessages()).hasSize(6);

        // the lines cited are the lines of the log file
        List<String> file = lines(log("uccapi-appsharing.uccapilog"));
        SipHeader diag = bye.firstHeader("ms-client-diagnostics").orElseThrow();
        assertThat(file.get(diag.line() - 1)).startsWith("ms-client-diagnostics: 23;");
        assertThat(file.get(bye.firstLine() - 1)).endsWith("INFO  :: " + bye.startLine());
        BodyPart rfc = invite.sdpBodies().get(1);
        List<String> partLines = rfc.lines();
        for (int i = 0; i < partLines.size(); i++) {
            assertThat(file.get(rfc.sourceLine(i) - 1)).isEqualTo(partLines.get(i));
        }
    }

    @Test
    void readsSipStackRecordsAsSnooperShowsThem() throws IOException {
        LogScanner.Result r = scan("sipstack-appsharing.log");
        assertThat(r.problems()).isEmpty();
        assertThat(r.messages()).hasSize(4);
        assertThat(r.messages()).allSatisfy(m -> {
            assertThat(m.callId()).contains(AS_CALL);
            assertThat(m.warnings()).isEmpty();
            assertThat(m.headers()).noneMatch(h -> h.is("Start-Line") || h.is("Trace-Correlation-Id"));
        });
        SipMessage invite = r.messages().get(0);
        assertThat(invite.bodyParts()).hasSize(2);
        // "Message-Body: ------=_NextPart..." carries the first body line on the same source line
        List<String> file = lines(log("sipstack-appsharing.log"));
        assertThat(file.get(invite.bodyFirstLine() - 1)).startsWith("Message-Body: ------=_NextPart");
        BodyPart draft6 = invite.sdpBodies().get(0);
        assertThat(draft6.isMsProxy2007Fallback()).isTrue();
        assertThat(file.get(draft6.firstLine() - 1)).isEqualTo("v=0");
        List<SipDialog> d = Dialogs.correlate(r.messages());
        assertThat(d).singleElement().satisfies(dialog -> {
            assertThat(dialog.invite()).containsSame(invite);
            assertThat(dialog.answers()).hasSize(1);
            assertThat(dialog.bye()).isPresent();
        });
    }

    @Test
    void readsTsharkFollowOutputWithChunkSizesAndIndentedSecondNode() throws IOException {
        LogScanner.Result r = scan("tshark-follow.txt");
        assertThat(r.problems()).isEmpty();
        assertThat(r.messages()).extracting(m -> m.isRequest() ? m.method() : String.valueOf(m.statusCode()))
                .containsExactly("INVITE", "100", "180", "200", "ACK", "BYE", "200");
        SipMessage invite = r.messages().get(0);
        assertThat(invite.header("Contact")).contains("<sip:carol@192.0.2.50:5060;transport=tcp>");
        assertThat(invite.body()).startsWith("v=0\r\no=carol").endsWith("a=rtpmap:0 PCMU/8000\r\n");
        assertThat(invite.warnings()).isEmpty();
        // a chunk-size line interrupts the INVITE body: line numbers skip it
        List<String> file = lines(log("tshark-follow.txt"));
        BodyPart sdp = invite.sdpBodies().get(0);
        List<String> sdpLines = sdp.lines();
        for (int i = 0; i < sdpLines.size(); i++) {
            assertThat(file.get(sdp.sourceLine(i) - 1)).isEqualTo(sdpLines.get(i));
        }
        assertThat(sdp.sourceLine(2)).isEqualTo(sdp.sourceLine(1) + 2);
        SipMessage ok = r.messages().get(3);
        assertThat(ok.body()).contains("198.51.100.60");
        List<SipDialog> dialogs = Dialogs.correlate(r.messages());
        assertThat(dialogs).singleElement().satisfies(d -> {
            assertThat(d.callId()).isEqualTo("a84b4c76e66710@pc33.example.com");
            assertThat(d.invite()).isPresent();
            assertThat(d.answers()).extracting(SipMessage::statusCode).containsExactly(200);
            assertThat(d.bye()).isPresent();
        });
    }

    @Test
    void stripsAPrefixRepeatedOnEveryLine() throws IOException {
        LogScanner.Result r = scan("pasted-prefixed.log");
        assertThat(r.problems()).isEmpty();
        assertThat(r.messages()).extracting(SipMessage::startLine).containsExactly(
                "INVITE sip:dave@example.com SIP/2.0", "SIP/2.0 200 OK",
                "BYE sip:dave@198.51.100.60:5060;transport=tcp SIP/2.0");
        SipMessage ok = r.messages().get(1);
        assertThat(ok.header("To")).contains("<sip:dave@example.com>;tag=a6c85cf");
        assertThat(ok.body()).startsWith("v=0\r\n").doesNotContain("DEBUG");
        assertThat(ok.warnings()).isEmpty();
        SipDialog d = Dialogs.correlate(r.messages()).get(0);
        assertThat(d.invite()).isPresent();
        assertThat(d.bye()).isPresent();
    }

    @Test
    void findsTheClientLogMessagesInTheDiagnosticsSamples() throws IOException {
        LogScanner.Result r = LogScanner.create("samples").scanAll(
                TestData.path(TestData.sampleResource("lync/ms-client-diagnostics-samples.txt")));
        assertThat(r.messages()).hasSize(2);
        SipMessage ok = r.messages().get(0);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.firstLine()).isEqualTo(9);
        assertThat(ok.header("ms-client-diagnostics")).hasValueSatisfying(v -> assertThat(v)
                .contains("CalleeMediaDebug=\"audio:ICEWarn=0x0,").endsWith("BaseAddress=10.0.100.1:50020\""));
        SipMessage bye = r.messages().get(1);
        assertThat(bye.method()).isEqualTo("BYE");
        assertThat(bye.header("ms-client-diagnostics")).hasValueSatisfying(v -> assertThat(v)
                .contains("ICEWarn=0x40003a0").contains("LocalMRTCPPort=59100"));
    }

    @Test
    void separatesBareMessagesWithoutContentLength() {
        String text = "some chatter\n"
                + "OPTIONS sip:ping@example.com SIP/2.0\n"
                + "Call-ID: o1\n"
                + "\n"
                + "NOTIFY sip:a@example.com SIP/2.0\n"
                + "Call-ID: n1\n"
                + "Content-Type: message/sipfrag\n"
                + "Content-Length: 16\n"
                + "\n"
                + "SIP/2.0 200 OK\n"
                + "SIP/2.0 486 Busy Here\n"
                + "Call-ID: r1\n";
        LogScanner.Result r = LogScanner.create("inline").scanAll(text);
        assertThat(r.messages()).extracting(m -> m.callId().orElse("")).containsExactly("o1", "n1", "r1");
        assertThat(r.messages().get(1).body()).isEqualTo("SIP/2.0 200 OK\r\n");
        assertThat(r.messages().get(2).statusCode()).isEqualTo(486);
        assertThat(r.messages().get(2).firstLine()).isEqualTo(11);
    }

    @Test
    void aContentLengthLongerThanTheBodyDoesNotSwallowTheNextMessages() {
        String text = "INVITE sip:b@example.com SIP/2.0\n"
                + "Call-ID: i1\n"
                + "CSeq: 1 INVITE\n"
                + "Content-Type: application/sdp\n"
                + "Content-Length: 2147483648\n"
                + "\n"
                + "v=0\n"
                + "o=- 1 1 IN IP4 192.0.2.1\n"
                + "s=-\n"
                + "BYE sip:b@example.com SIP/2.0\n"
                + "Call-ID: i1\n"
                + "CSeq: 2 BYE\n"
                + "ms-client-diagnostics: 52001; reason=\"x\"\n"
                + "Content-Length: 0\n"
                + "\n";
        LogScanner.Result r = LogScanner.create("inline").scanAll(text);
        assertThat(r.messages()).extracting(SipMessage::method).endsWith("BYE");
        assertThat(r.messages().get(r.messages().size() - 1).header("ms-client-diagnostics")).isPresent();
        assertThat(r.problems()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(ScanProblem.Kind.BODY_SHORTER_THAN_CONTENT_LENGTH);
            assertThat(p.line()).isEqualTo(1);
        });
    }

    @Test
    void reportsOverlongMessagesAndLinesInsteadOfBufferingThem() {
        StringBuilder big = new StringBuilder("MESSAGE sip:a@example.com SIP/2.0\nCall-ID: big\nContent-Length: 20000\n\n");
        for (int i = 0; i < 400; i++) {
            big.append("x".repeat(49)).append('\n');
        }
        big.append("OPTIONS sip:b@example.com SIP/2.0\nCall-ID: small\n\n");
        List<ScanProblem> seen = new ArrayList<>();
        LogScanner.Result r = LogScanner.builder().sourceName("big").maxMessageChars(4096).onProblem(seen::add)
                .build().scanAll(big.toString());
        assertThat(r.messages()).extracting(m -> m.callId().orElse("")).containsExactly("small");
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ScanProblem.Kind.MESSAGE_TOO_LONG);
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.source()).isEqualTo("big");
        });
        assertThat(seen).isEqualTo(r.problems());

        String longLine = "SIP/2.0 200 OK\nCall-ID: l\nX-Long: " + "y".repeat(5000) + "\n\nSIP/2.0 202 Accepted\nCall-ID: ok\n\n";
        LogScanner.Result r2 = LogScanner.builder().maxLineChars(1024).build().scanAll(longLine);
        assertThat(r2.messages()).extracting(SipMessage::statusCode).containsExactly(202);
        assertThat(r2.problems()).extracting(ScanProblem::kind).containsExactly(ScanProblem.Kind.LINE_TOO_LONG);

        // a huge line outside any message is cut harmlessly
        String noise = "z".repeat(300_000) + "\nSIP/2.0 200 OK\nCall-ID: after\n\n";
        LogScanner.Result r3 = LogScanner.builder().maxLineChars(1024).build().scanAll(noise);
        assertThat(r3.messages()).extracting(m -> m.callId().orElse("")).containsExactly("after");
        assertThat(r3.problems()).isEmpty();
    }

    @Test
    void reportsStartLinesWhoseMessageDoesNotParse() {
        String text = "SIP/2.0 200 OK\nCall-ID: a\nContent-Length: lots\n\nbody\n";
        LogScanner.Result r = LogScanner.create("bad").scanAll(text);
        assertThat(r.messages()).isEmpty();
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ScanProblem.Kind.UNPARSABLE);
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.detail()).contains("Content-Length");
        });
    }

    @Test
    void streamsLazilyFromReadersAndInputStreams() throws IOException {
        String one = "SIP/2.0 180 Ringing\r\nCall-ID: s1\r\n\r\n";
        // a reader that fails after the first message: the iterator must not read ahead past what it returns
        Reader reader = new StringReader(one + one.replace("s1", "s2"));
        Iterator<SipMessage> it = LogScanner.create("r").iterator(reader);
        assertThat(it.next().callId()).contains("s1");
        assertThat(it.hasNext()).isTrue();
        assertThat(it.next().callId()).contains("s2");
        assertThat(it.hasNext()).isFalse();

        try (Stream<SipMessage> s = LogScanner.create("in").stream(
                new ByteArrayInputStream((one + "\u00e9t\u00e9\n" + one).getBytes(StandardCharsets.UTF_8)))) {
            assertThat(s.count()).isEqualTo(2);
        }
        List<SipMessage> pushed = new ArrayList<>();
        LogScanner.create("cb").scan(new StringReader(one), pushed::add);
        assertThat(pushed).hasSize(1);
    }
}
