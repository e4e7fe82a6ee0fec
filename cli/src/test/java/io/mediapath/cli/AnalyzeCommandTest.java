package io.mediapath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AnalyzeCommandTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = new CommandLine(new MediapathCli());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.setExitCodeExceptionMapper(e -> MediapathCli.USAGE);
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void bundledSeedAlfSampleExitsOneWithTheExpectedFindings() {
        Run r = run("analyze", "--sample", "seed-alf");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).startsWith("mediapath analyze: classpath:samples/seed-alf-appsharing.log")
                .contains("\n== Root cause: TLS_INTERCEPTED\n");
        assertThat(r.out()).contains("NO_TCP_RELAY_CANDIDATE", "ICEWARN_PSEUDO_TLS_FAILURE", "NO_FEASIBLE_PAIR",
                "-- m=applicationsharing", "0x800000", "verdict: problems found, worst CRITICAL");
        assertThat(MediapathCli.execute("analyze", "classpath:samples/seed-alf-appsharing.log")).isEqualTo(1);
    }

    @Test
    void bundledWebsenseSampleExitsOne() {
        Run r = run("analyze", "--sample", "seed-websense");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("NO_TCP_RELAY_CANDIDATE", "ICEWARN_PSEUDO_TLS_FAILURE");
    }

    @Test
    void jsonHasTheDocumentedFields() throws Exception {
        Run r = run("analyze", "--json", "--sample", "seed-alf");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode root = JsonMapper.builder().build().readTree(r.out());
        assertThat(root.get("schema").asString()).isEqualTo("mediapath.analyze/1");
        assertThat(root.get("exitCode").asInt()).isEqualTo(1);
        assertThat(root.get("worstSeverity").asString()).isEqualTo("CRITICAL");
        assertThat(root.get("rootCause").get("code").asString()).isEqualTo("TLS_INTERCEPTED");
        assertThat(root.get("rootCause").get("remedy").asString()).contains("mediapath edge 10.20.1.10");
        assertThat(root.get("dialogs")).hasSize(2);
        JsonNode app = root.get("dialogs").get(1);
        assertThat(app.get("callerLocation").asString()).isEqualTo("intranet");
        assertThat(app.get("media").get(0).get("offerMatrix").get("host").get("TCP-ACT").asInt()).isEqualTo(2);
        assertThat(app.get("iceWarn").get(0).get("value").asString()).isEqualTo("0x800328");
        boolean found = false;
        for (JsonNode f : root.get("findings")) {
            if (f.get("code").asString().equals("NO_TCP_RELAY_CANDIDATE") && f.get("severity").asString().equals("ERROR")) {
                found = true;
                assertThat(f.get("evidence").get(0).get("location").asString()).startsWith("line ");
                assertThat(f.get("remedy").asString()).contains("by IP address");
            }
        }
        assertThat(found).isTrue();
    }

    @Test
    void healthyFileExitsZeroAndHtmlIsWritten(@TempDir Path dir) throws Exception {
        Path sdp = dir.resolve("ok.sdp");
        Files.writeString(sdp, "v=0\r\no=- 0 0 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                + "m=audio 5000 RTP/AVP 0\r\n"
                + "a=candidate:1 1 UDP 2130706431 192.0.2.1 5000 typ host\r\n"
                + "a=candidate:2 1 UDP 1694498815 198.51.100.7 6000 typ srflx raddr 192.0.2.1 rport 5000\r\n"
                + "a=candidate:3 1 UDP 16777215 203.0.113.9 7000 typ relay raddr 192.0.2.1 rport 5000\r\n"
                + "a=candidate:4 1 TCP 8331263 203.0.113.9 7001 typ relay raddr 192.0.2.1 rport 5000 tcptype passive\r\n");
        Path html = dir.resolve("r.html");
        Run r = run("analyze", "--html", html.toString(), sdp.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(0);
        assertThat(Files.readString(html)).contains("<table class=\"modalities\" id=\"modalities\">",
                "<td>audio</td><td>WORKS</td>", "<table class=\"matrix\">").contains("mediapath analyze: ok.sdp");
    }

    @Test
    void missingFileAndNoInputAreUsageErrors() {
        Run r = run("analyze", "/no/such/file.log");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no such file");
        assertThat(run("analyze").exit()).isEqualTo(2);
        Run s = run("analyze", "--sample", "nope");
        assertThat(s.exit()).isEqualTo(2);
        assertThat(s.err()).contains("seed-alf-appsharing.log");
        assertThat(run("analyze", "--caller", "mars", "--sample", "seed-alf").exit()).isEqualTo(2);
    }

    @Test
    void oneUnreadableInputAmongSeveralStillLetsTheOthersReport(@TempDir Path dir) throws Exception {
        Path words = dir.resolve("words.txt");
        Files.writeString(words, "just words\n", StandardCharsets.UTF_8);
        Run r = run("analyze", words.toString(), "--sample", "seed-alf");
        assertThat(r.err()).contains("words.txt");
        assertThat(r.out()).contains("NO_TCP_RELAY_CANDIDATE", "ICEWARN_PSEUDO_TLS_FAILURE");
        assertThat(r.exit()).as("an input could not be read").isEqualTo(2);
    }

    @Test
    void multipartNestedTooDeeplyIsAMalformedBodyNotSilence(@TempDir Path dir) throws Exception {
        StringBuilder body = new StringBuilder();
        String close = "";
        for (int level = 0; level <= io.mediapath.sdp.sip.Multipart.MAX_DEPTH; level++) {
            body.append("--b").append(level).append("\r\nContent-Type: multipart/alternative; boundary=b")
                    .append(level + 1).append("\r\n\r\n");
            close = "--b" + level + "--\r\n" + close;
        }
        body.append("--b").append(io.mediapath.sdp.sip.Multipart.MAX_DEPTH + 1)
                .append("\r\nContent-Type: application/sdp\r\n\r\nv=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n"
                        + "c=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n");
        body.append("--b").append(io.mediapath.sdp.sip.Multipart.MAX_DEPTH + 1).append("--\r\n").append(close);
        String invite = "INVITE sip:b@example.com SIP/2.0\r\nCall-ID: deep-1\r\nCSeq: 1 INVITE\r\n"
                + "Content-Type: multipart/alternative; boundary=b0\r\nContent-Length: " + body.length() + "\r\n\r\n"
                + body;
        Path f = dir.resolve("deep.sip");
        Files.writeString(f, invite, StandardCharsets.UTF_8);
        Run r = run("analyze", f.toString());
        assertThat(r.out()).contains("MALFORMED_BODY", "nested more than");
    }

    @Test
    void unreadableStdinIsExitTwo() {
        PrintStream oldErr = System.err;
        java.io.InputStream oldIn = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("just words\n".getBytes(StandardCharsets.UTF_8)));
            System.setErr(new PrintStream(new ByteArrayOutputStream()));
            Run r = run("analyze", "-");
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("no SDP, SIP message or ms-diagnostics header found");
        } finally {
            System.setIn(oldIn);
            System.setErr(oldErr);
        }
    }
}
