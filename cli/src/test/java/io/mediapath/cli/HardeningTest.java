package io.mediapath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 (hardening), items 7 to 16: each nested class is one item, each test fails without its fix. Runs go
 * through {@link MediapathCli#execute(java.io.Writer, java.io.Writer, String...)}, the path {@code main} takes.
 */
class HardeningTest {

    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = MediapathCli.execute(out, err, args);
        return new Run(exit, out.toString(), err.toString());
    }

    static Run runWithStdin(byte[] stdin, String... args) {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(stdin));
            return run(args);
        } finally {
            System.setIn(saved);
        }
    }

    static final String SDP = "v=0\r\no=- 0 0 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
            + "m=audio 5000 RTP/AVP 0\r\n"
            + "a=candidate:1 1 UDP 2130706431 192.0.2.1 5000 typ host\r\n"
            + "a=candidate:2 1 UDP 1694498815 198.51.100.7 6000 typ srflx raddr 192.0.2.1 rport 5000\r\n"
            + "a=candidate:3 1 UDP 16777215 203.0.113.9 7000 typ relay raddr 192.0.2.1 rport 5000\r\n"
            + "a=candidate:4 1 TCP 8331263 203.0.113.9 7001 typ relay raddr 192.0.2.1 rport 5000 tcptype passive\r\n";

    static void assertNoControls(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            assertThat(c == '\n' || (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n')
                    || !Character.isISOControl(c)).as("control U+%04X at %d in%n%s", (int) c, i, s).isTrue();
        }
    }

    /** 7. Terminal escape injection: no C0/C1 control of the input reaches the terminal raw. */
    @Nested
    class TerminalEscapes {
        static final String OSC_TITLE = "\u001b]0;owned\u0007";
        static final String OSC_52 = "\u001b]52;c;cm0gLXJmIH4=\u0007";
        static final String CSI_RED = "\u001b[31m";

        @Test
        void analyzeTextEscapesCallIdSessionNameAndCandidate(@TempDir Path dir) throws Exception {
            String sdp = SDP.replace("s=-", "s=" + CSI_RED + "x" + OSC_52)
                    .replace("typ host", "typ host" + OSC_TITLE);
            String invite = "INVITE sip:b@example.com SIP/2.0\r\nCall-ID: call-" + OSC_TITLE + "\r\nCSeq: 1 INVITE\r\n"
                    + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp
                    + "SIP/2.0 488 Not " + "\u009b2K\rAcceptable\r\nCall-ID: call-" + OSC_TITLE
                    + "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
            Path f = dir.resolve("hostile.log");
            Files.writeString(f, invite, StandardCharsets.UTF_8);
            Run r = run("analyze", f.toString());
            assertThat(r.out()).contains("call-\\u001b]0;owned\\u0007");
            assertNoControls(r.out());
            assertNoControls(r.err());
            Path bare = dir.resolve("hostile.sdp");
            Files.writeString(bare, sdp, StandardCharsets.UTF_8);
            Run s = run("sdp", bare.toString());
            assertThat(s.out()).contains("s=\\u001b[31mx\\u001b]52;");
            assertNoControls(s.out());
        }

        @Test
        void errorMessagesNamingTheInputAreEscapedToo() {
            Run r = run("analyze", "/no/such/" + OSC_TITLE + ".log");
            assertThat(r.exit()).isEqualTo(MediapathCli.USAGE);
            assertThat(r.err()).contains("\\u001b]0;owned");
            assertNoControls(r.err());
        }
    }

    /** 13. Versions: the artifact version and the commit, from the top and from every subcommand. */
    @Nested
    class Versions {
        @Test
        void versionNamesArtifactAndCommitOnEveryCommand() {
            Run top = run("--version");
            assertThat(top.exit()).isZero();
            assertThat(top.out().strip()).doesNotContain("development")
                    .matches("mediapath \\d+\\.\\d+\\.\\d+\\S* \\(commit ([0-9a-f]{7,}\\S*|unknown)\\)");
            for (String sub : new String[] {"sdp", "analyze", "turn", "tls"}) {
                Run r = run(sub, "-V");
                assertThat(r.exit()).as(sub).isZero();
                assertThat(r.out()).as(sub + " -V").isEqualTo(top.out());
            }
        }
    }
}
