package io.mediapath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code mediapath sdp} on a corpus file, a broken temp file and a missing file, capturing stdout and stderr. */
class SdpCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @TempDir
    Path tmp;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    /** One of the samples we wrote (test-support), as a file the command can open. */
    private static Path sample(String name) {
        return TestData.path(TestData.sampleResource(name));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void summaryCountsCandidatesPerTypeAndTransport() {
        Path f = sample("lync/sfb-offer-audio-udp-and-tcp-relay.sdp");
        assertThat(MediapathCli.execute("sdp", f.toString())).isEqualTo(MediapathCli.OK);
        assertThat(stdout())
                .contains("session  o=- 0 0 IN IP4 10.20.30.40  s=session")
                .contains("media 1  audio  port 50052  RTP/AVP  (line 8)")
                .contains("117 G722/8000/2")
                .contains("candidates  10: host/UDP 2, relay/TCP-ACT 2, relay/TCP-PASS 2, relay/UDP 2, srflx/TCP-ACT 2");
    }

    @Test
    void summaryShowsDraft6AndIpv6Candidates() {
        assertThat(MediapathCli.execute("sdp", sample("lync/lync-invite-part1-msice-draft6.sdp")
                .toString())).isZero();
        assertThat(stdout()).contains("candidates  4: draft-6/UDP 4");
        out.reset();
        assertThat(MediapathCli.execute("sdp", sample("lync/lync-invite-part2-rfc5245.sdp").toString())).isZero();
        assertThat(stdout()).contains("host/UDP (x-candidate-ipv6) 2");
    }

    @Test
    void jsonHasStableFieldsAndTypedValues() {
        Path f = sample("sdp/chrome-plan-b-offer.sdp");
        assertThat(MediapathCli.execute("sdp", "--json", f.toString())).isZero();
        JsonNode root = JsonMapper.builder().build().readTree(stdout());
        assertThat(root.get("schema").asString()).isEqualTo("mediapath.sdp/1");
        assertThat(root.get("version").asInt()).isZero();
        assertThat(root.get("origin").get("sessionId").asString()).isNotEmpty();
        assertThat(root.get("lineCount").asInt()).isEqualTo(69);
        JsonNode audio = root.get("media").get(0);
        assertThat(audio.get("type").asString()).isEqualTo("audio");
        assertThat(audio.get("line").asInt()).isEqualTo(7);
        assertThat(audio.get("codecs").get(0).get("encodingName").asString()).isEqualTo("opus");
        assertThat(audio.get("codecs").get(0).get("channels").asInt()).isEqualTo(2);
        assertThat(audio.get("attributes").size()).isGreaterThan(10);
        assertThat(root.get("media").get(1).get("portCount").isNull()).isTrue();
    }

    @Test
    void jsonRedactsIcePasswordsAndSrtpKeysUnlessAskedToShowThem() throws Exception {
        Path f = sample("lync/lync-200ok-answer.sdp");
        String text = Files.readString(f);
        assertThat(text).contains("a=ice-pwd:mediapathLyncAnswerPwd1").contains("inline:bWVkaWFwYXRoIHNhbXBsZSBzcnRwIGtleSAwMDIw");

        assertThat(MediapathCli.execute("sdp", "--json", f.toString())).isZero();
        String redacted = stdout();
        assertThat(redacted).doesNotContain("mediapathLyncAnswerPwd1").doesNotContain("bWVkaWFwYXRo")
                .contains("\"[redacted]\"").contains("AES_CM_128_HMAC_SHA1_80 inline:[redacted]|2^31");
        JsonNode pwd = JsonMapper.builder().build().readTree(redacted).get("media").get(0).get("attributes");
        assertThat(pwd.valueStream().filter(a -> a.get("name").asString().equals("ice-pwd")).toList())
                .singleElement().satisfies(a -> assertThat(a.get("value").asString()).isEqualTo("[redacted]"));

        out.reset();
        assertThat(MediapathCli.execute("sdp", "--json", "--show-secrets", f.toString())).isZero();
        assertThat(stdout()).contains("mediapathLyncAnswerPwd1").contains("inline:bWVkaWFwYXRoIHNhbXBsZSBzcnRwIGtleSAwMDIw");
    }

    @Test
    void whatDoesNotParseEvenLenientlyIsNoSdpExitTwoWithFileLineColumn() throws Exception {
        Path bad = tmp.resolve("bad.sdp");
        Files.writeString(bad, "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 99999 RTP/AVP 0\r\n");
        assertThat(MediapathCli.execute("sdp", "--check", bad.toString())).isEqualTo(MediapathCli.USAGE);
        assertThat(stderr()).startsWith(bad + ":5:9: not a session description: port 99999 out of range (expected: a "
                + "port from 0 to 65535)");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void checkIsStrictWhereTheSummaryIsLenient() throws Exception {
        Path trailing = tmp.resolve("trailing.sdp");
        Files.writeString(trailing, "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n"
                + "a=candidate:1 1 UDP 2130706431 10.0.0.1 5000 typ host \r\n");
        assertThat(MediapathCli.execute("sdp", trailing.toString())).isZero();
        assertThat(MediapathCli.execute("sdp", "--check", trailing.toString())).isEqualTo(MediapathCli.FOUND);
        assertThat(stderr()).startsWith(trailing + ":6:54: trailing whitespace");
        Path good = tmp.resolve("good.sdp");
        Files.writeString(good, "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n");
        assertThat(MediapathCli.execute("sdp", "--check", good.toString())).isZero();
        assertThat(stdout()).contains(good + ": OK (RFC 8866 strict; 5 lines, 1 media)");
    }


    @Test
    void unreadableFileIsUsageError() {
        assertThat(MediapathCli.execute("sdp", tmp.resolve("missing.sdp").toString())).isEqualTo(MediapathCli.USAGE);
        assertThat(stderr()).contains("mediapath sdp: ").contains("missing.sdp: no such file");
    }
}
