package io.mediapath.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static Path corpus(String dir, String name) {
        for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
            Path c = d.resolve("shared").resolve("corpus").resolve(dir).resolve(name);
            if (Files.isRegularFile(c)) {
                return c;
            }
        }
        throw new IllegalStateException("shared/corpus/" + dir + "/" + name + " not found above user.dir");
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void summaryCountsCandidatesPerTypeAndTransport() {
        Path f = corpus("lync", "sfb2015-invite-audio-with-tcp-udp-relay.sdp");
        assertThat(MediapathCli.execute("sdp", f.toString())).isEqualTo(MediapathCli.OK);
        assertThat(stdout())
                .contains("session  o=- 0 0 IN IP4 10.77.44.43  s=session")
                .contains("media 1  audio  port 50052  RTP/AVP  (line 8)")
                .contains("117 G722/8000/2")
                .contains("candidates  10: host/UDP 2, relay/TCP-ACT 2, relay/TCP-PASS 2, relay/UDP 2, srflx/TCP-ACT 2");
    }

    @Test
    void summaryShowsDraft6AndIpv6Candidates() {
        assertThat(MediapathCli.execute("sdp", corpus("lync", "lync2013-invite-part1-msice-draft6-audio-video.sdp")
                .toString())).isZero();
        assertThat(stdout()).contains("candidates  4: draft-6/UDP 4");
        out.reset();
        assertThat(MediapathCli.execute("sdp", corpus("lync", "lync2013-200ok-audio-video.sdp").toString())).isZero();
        assertThat(stdout()).contains("host/UDP (x-candidate-ipv6) 2");
    }

    @Test
    void jsonHasStableFieldsAndTypedValues() {
        Path f = corpus("sdp", "chrome-57-offer-planb.sdp");
        assertThat(MediapathCli.execute("sdp", "--json", f.toString())).isZero();
        JsonNode root = JsonMapper.builder().build().readTree(stdout());
        assertThat(root.get("schema").asString()).isEqualTo("mediapath.sdp/1");
        assertThat(root.get("version").asInt()).isZero();
        assertThat(root.get("origin").get("sessionId").asString()).isNotEmpty();
        assertThat(root.get("lineCount").asInt()).isEqualTo(87);
        JsonNode audio = root.get("media").get(0);
        assertThat(audio.get("type").asString()).isEqualTo("audio");
        assertThat(audio.get("line").asInt()).isEqualTo(7);
        assertThat(audio.get("codecs").get(0).get("encodingName").asString()).isEqualTo("opus");
        assertThat(audio.get("codecs").get(0).get("channels").asInt()).isEqualTo(2);
        assertThat(audio.get("attributes").size()).isGreaterThan(10);
        assertThat(root.get("media").get(1).get("portCount").isNull()).isTrue();
    }

    @Test
    void jsonRedactsIcePasswordsAndSrtpKeysUnlessAskedToShowThem() {
        Path f = corpus("lync", "lync2013-200ok-audio-video.sdp");
        String text = SharedText.read(f);
        assertThat(text).contains("a=ice-pwd:OjyZ/pr8oLuDPWcmj9gDMEav").contains("inline:9+s+/+675CaW+4oOF+C4ViBZc2nIjsFEVVoJbL0J");

        assertThat(MediapathCli.execute("sdp", "--json", f.toString())).isZero();
        String redacted = stdout();
        assertThat(redacted).doesNotContain("OjyZ/pr8oLuDPWcmj9gDMEav").doesNotContain("9+s+/+675CaW")
                .contains("\"[redacted]\"").contains("AES_CM_128_HMAC_SHA1_80 inline:[redacted]|2^31");
        JsonNode pwd = JsonMapper.builder().build().readTree(redacted).get("media").get(0).get("attributes");
        assertThat(pwd.valueStream().filter(a -> a.get("name").asString().equals("ice-pwd")).toList())
                .singleElement().satisfies(a -> assertThat(a.get("value").asString()).isEqualTo("[redacted]"));

        out.reset();
        assertThat(MediapathCli.execute("sdp", "--json", "--show-secrets", f.toString())).isZero();
        assertThat(stdout()).contains("OjyZ/pr8oLuDPWcmj9gDMEav").contains("inline:9+s+/+675CaW+4oOF+C4ViBZc2nIjsFEVVoJbL0J");
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

    /** Reads a shared corpus file for the test's own precondition. */
    private static final class SharedText {
        static String read(Path p) {
            try {
                return Files.readString(p);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Test
    void unreadableFileIsUsageError() {
        assertThat(MediapathCli.execute("sdp", tmp.resolve("missing.sdp").toString())).isEqualTo(MediapathCli.USAGE);
        assertThat(stderr()).contains("mediapath sdp: ").contains("missing.sdp: no such file");
    }
}
