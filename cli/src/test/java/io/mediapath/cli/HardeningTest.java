package io.mediapath.cli;

import static io.mediapath.cli.CliRun.run;
import static io.mediapath.cli.CliRun.runWithStdin;
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
            CliRun r = run("analyze", f.toString());
            assertThat(r.out()).contains("call-\\u001b]0;owned\\u0007");
            assertNoControls(r.out());
            assertNoControls(r.err());
            Path bare = dir.resolve("hostile.sdp");
            Files.writeString(bare, sdp, StandardCharsets.UTF_8);
            CliRun s = run("sdp", bare.toString());
            assertThat(s.out()).contains("s=\\u001b[31mx\\u001b]52;");
            assertNoControls(s.out());
        }

        /**
         * A page an intercepting proxy answers with: its status line, a header and the title carry controls. A
         * scripted responder, since no proxy of the lab serves hostile bytes on demand.
         */
        @Test
        void tlsPageTitlesAndHeadersAreEscaped() throws Exception {
            byte[] page = ("HTTP/1.1 403 Forbidden" + CSI_RED + "\r\nX-Block: " + OSC_52 + "\r\nContent-Type: text/html"
                    + "\r\nConnection: close\r\n\r\n<html><head><title>Blocked " + OSC_TITLE + "\u009b2K</title></head>"
                    + "</html>").getBytes(StandardCharsets.ISO_8859_1);
            try (java.net.ServerSocket server = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
                Thread t = new Thread(() -> {
                    for (int i = 0; i < 2; i++) {
                        try (java.net.Socket s = server.accept()) {
                            s.setSoTimeout(5000);
                            s.getInputStream().read(new byte[4096]);
                            s.getOutputStream().write(page);
                            s.getOutputStream().flush();
                        } catch (java.io.IOException e) {
                            return;
                        }
                    }
                });
                t.setDaemon(true);
                t.start();
                for (String mode : new String[] {"--pseudo-tls", "--json"}) {
                    CliRun r = run("tls", mode, "127.0.0.1:" + server.getLocalPort(), "--timeout", "3");
                    assertThat(r.exit()).as(r.all()).isEqualTo(MediapathCli.FOUND);
                    assertThat(r.out()).as(mode).contains("Blocked");
                    assertNoControls(r.out());
                    assertNoControls(r.err());
                }
            }
        }

        /** Every command's output goes through this writer: a CR split from its LF across writes still ends a line. */
        @Test
        void theWriterKeepsLineEndsAcrossWritesAndEscapesTheRest() throws Exception {
            StringWriter sink = new StringWriter();
            try (EscapingWriter w = new EscapingWriter(sink)) {
                w.write("verdict: OK\r");
                w.write("\nreason: 438 Stale\rALLOCATED\u0007");
                w.write('\u009b');
                w.write("\r");
                w.flush();
            }
            assertThat(sink.toString()).isEqualTo("verdict: OK\r\nreason: 438 Stale\\rALLOCATED\\u0007\\u009b\\r");
        }

        @Test
        void errorMessagesNamingTheInputAreEscapedToo() {
            CliRun r = run("analyze", "/no/such/" + OSC_TITLE + ".log");
            assertThat(r.exit()).isEqualTo(MediapathCli.USAGE);
            assertThat(r.err()).contains("\\u001b]0;owned");
            assertNoControls(r.err());
        }
    }

    /** 8. Secret gaps: MIKEY data, an ICE password without its colon, a mistyped password option. */
    @Nested
    class SecretGaps {
        @Test
        void sdpJsonHidesKeyMgmtAndSpacedIcePassword(@TempDir Path dir) throws Exception {
            Path f = dir.resolve("mikey.sdp");
            Files.writeString(f, SDP + "a=key-mgmt:mikey AQAFgM0XflABAAAAAAAAAAAAAAsAyO7cqwAAAAAQBgQAXZ6dQvw=\r\n"
                    + "a=ice-pwd SECRETpwd4567890\r\n", StandardCharsets.UTF_8);
            CliRun r = run("sdp", "--json", f.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("mikey [redacted]", "ice-pwd [redacted]")
                    .doesNotContain("AQAFgM0XflAB", "SECRETpwd");
        }

        @Test
        void mistypedPasswordOptionIsNamedWithoutItsValue() {
            for (String[] args : new String[][] {
                    {"turn", "turn:127.0.0.1:3478", "--username", "u", "--pasword=SECRETpwd"},
                    {"turn", "turn:127.0.0.1:3478", "--username", "u", "--pasword", "SECRETpwd"},
                    {"tls", "127.0.0.1:443", "--password=SECRETpwd"}}) {
                CliRun r = run(args);
                assertThat(r.exit()).isEqualTo(MediapathCli.USAGE);
                assertThat(r.err()).contains("--pas").doesNotContain("SECRETpwd");
                assertThat(r.out()).doesNotContain("SECRETpwd");
            }
        }
    }

    /** 9. Passwords: never silently empty, never swallowing the URI; file, environment, stdin and the prompt. */
    @Nested
    class Passwords {
        static final String SECRET = "S3cret-pw-4711";

        @Test
        void aPasswordWithoutValueAndNoTerminalIsAUsageErrorNamingTheSafeWays() {
            // Surefire's JVM has no console: the prompt cannot be shown, so the run must stop, not send "".
            CliRun r = run("turn", "turn:127.0.0.1:9", "--username", "alice", "--password");
            assertThat(r.exit()).isEqualTo(MediapathCli.USAGE);
            assertThat(r.err()).contains("no terminal", "--password-file", "--password-env", "--password -");
        }

        @Test
        void aPasswordOptionDoesNotSwallowTheUri() {
            CliRun r = run("turn", "--username", "alice", "--password", "turn:127.0.0.1:9");
            assertThat(r.exit()).isEqualTo(MediapathCli.USAGE);
            assertThat(r.err()).contains("no terminal").doesNotContain("URI is required", "Missing required");
        }

        @Test
        void fileEnvironmentAndStdinAreRead(@TempDir Path dir) throws Exception {
            Path f = dir.resolve("pw");
            Files.writeString(f, SECRET + "\r\nignored second line\n");
            assertThat(SecretInput.resolve("--password", null, f, null, v -> null, null, InputStream.nullInputStream(), ""))
                    .isEqualTo(SECRET);
            assertThat(SecretInput.resolve("--password", null, null, "MP_PW", v -> v.equals("MP_PW") ? SECRET : null,
                    null, InputStream.nullInputStream(), "")).isEqualTo(SECRET);
            assertThat(SecretInput.resolve("--password", "-", null, null, v -> null, null,
                    new ByteArrayInputStream((SECRET + "\n").getBytes(StandardCharsets.UTF_8)), "")).isEqualTo(SECRET);
            for (Runnable bad : new Runnable[] {
                    () -> SecretInput.resolve("--password", "-", null, null, v -> null, null, InputStream.nullInputStream(), ""),
                    () -> SecretInput.resolve("--password", null, null, "UNSET", v -> null, null, null, ""),
                    () -> SecretInput.resolve("--password", "", null, null, v -> null, null, null, ""),
                    () -> SecretInput.resolve("--password", SECRET, f, null, v -> null, null, null, ""),
                    () -> SecretInput.resolve("--password", null, dir.resolve("missing"), null, v -> null, null, null, "")}) {
                try {
                    bad.run();
                    throw new AssertionError("accepted");
                } catch (IllegalArgumentException e) {
                    assertThat(e.getMessage()).doesNotContain(SECRET);
                }
            }
        }

        @Test
        void edgeTakesThePasswordTheSameWays() {
            CliRun none = run("edge", "127.0.0.1", "--username", "alice", "--password");
            assertThat(none.exit()).isEqualTo(MediapathCli.USAGE);
            assertThat(none.err()).contains("no terminal", "--password-file");
            CliRun swallowed = run("edge", "--username", "alice", "--password", "edge.example.com");
            assertThat(swallowed.exit()).isEqualTo(MediapathCli.USAGE);
            assertThat(swallowed.err()).contains("write HOST first").doesNotContain("edge.example.com");
            CliRun unset = run("edge", "127.0.0.1", "--username", "alice", "--password-env", "MEDIAPATH_UNSET_VAR_4711");
            assertThat(unset.exit()).isEqualTo(MediapathCli.USAGE);
            assertThat(unset.err()).contains("not set");
        }

        @Test
        void theSecretNeverAppearsInOutput(@TempDir Path dir) throws Exception {
            Path f = dir.resolve("pw");
            Files.writeString(f, SECRET + "\n");
            // A UDP port nobody answers on: the probe runs every step it can with the password and fails.
            try (java.net.DatagramSocket silent = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
                for (String[] args : new String[][] {
                        {"turn", "turn:127.0.0.1:" + silent.getLocalPort(), "--username", "alice", "--password-file",
                                f.toString(), "--fast", "--timeout", "3"},
                        {"turn", "turn:127.0.0.1:" + silent.getLocalPort(), "--username", "alice", "--password-file",
                                f.toString(), "--fast", "--timeout", "3", "--json"}}) {
                    CliRun r = run(args);
                    assertThat(r.exit()).as(r.err()).isEqualTo(MediapathCli.FOUND);
                    assertThat(r.all()).doesNotContain(SECRET);
                }
                CliRun stdin = runWithStdin((SECRET + "\n").getBytes(StandardCharsets.UTF_8), "turn",
                        "turn:127.0.0.1:" + silent.getLocalPort(), "--username", "alice", "--password", "-", "--fast",
                        "--timeout", "3");
                assertThat(stdin.exit()).as(stdin.err()).isEqualTo(MediapathCli.FOUND);
                assertThat(stdin.all()).doesNotContain(SECRET);
            }
        }
    }

    /** 15. Target validation: one parser (TransportAddress.parseTarget) for tls, turn peers and proxies. */
    @Nested
    class Targets {
        @Test
        void malformedTargetsAreUsageErrorsBeforeAnyLookup() {
            for (String t : new String[] {"127.0.0.1:0", "http://relay.example.com:443", "relay.example.com:443:1",
                    "999.1.1.1", "999.1.1.1:443", "bad_host!:443"}) {
                CliRun r = run("tls", t, "--timeout", "2");
                assertThat(r.exit()).as(t + " " + r.all()).isEqualTo(MediapathCli.USAGE);
                assertThat(r.out()).as(t).isEmpty();
                assertThat(r.err().strip().lines().count()).as(t + ": one line").isEqualTo(1);
                assertThat(r.err()).doesNotContain("Exception");
            }
            assertThat(run("turn", "turn:127.0.0.1:9", "--peer", "999.1.1.1:5000").exit()).isEqualTo(MediapathCli.USAGE);
            for (String[] edge : new String[][] {{"edge", "999.1.1.1"}, {"edge", "http://edge.example.com"},
                    {"edge", "127.0.0.1", "--proxy", "proxy:0"}, {"edge", "127.0.0.1", "--peer", "host:1:2"}}) {
                CliRun r = run(edge);
                assertThat(r.exit()).as(String.join(" ", edge) + r.all()).isEqualTo(MediapathCli.USAGE);
                assertThat(r.out()).isEmpty();
                assertThat(r.err()).doesNotContain("Exception");
            }
            assertThat(run("turn", "turn:999.1.1.1:3478").exit()).isEqualTo(MediapathCli.USAGE);
            assertThat(run("tls", "127.0.0.1:443", "--proxy", "http://proxy:8080").exit()).isEqualTo(MediapathCli.USAGE);
        }

        @Test
        void aRefusedConnectionIsSaidWithoutExceptionClassNames() throws Exception {
            int closed;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                closed = s.getLocalPort();
            }
            CliRun r = run("tls", "127.0.0.1:" + closed, "--timeout", "3");
            assertThat(r.exit()).as(r.all()).isEqualTo(MediapathCli.FOUND);
            assertThat(r.all()).doesNotContain("Exception").containsIgnoringCase("refused");
            CliRun j = run("tls", "127.0.0.1:" + closed, "--timeout", "3", "--json");
            assertThat(j.all()).doesNotContain("Exception");
        }
    }

    /** 10. Exit codes: 0 nothing wrong, 1 problem found, 2 bad usage or unreadable input — sdp as analyze. */
    @Nested
    class SdpExitCodes {
        @Test
        void inputsThatAreNoSdpAreExitTwoInSdpAsInAnalyze(@TempDir Path dir) throws Exception {
            Path nul = dir.resolve("nul.sdp");
            Files.write(nul, (SDP + "a=x\0y\r\n").getBytes(StandardCharsets.UTF_8));
            Path latin = dir.resolve("latin1.sdp");
            Files.write(latin, SDP.replace("s=-", "s=caf\u00e9").getBytes(StandardCharsets.ISO_8859_1));
            Path big = dir.resolve("big.sdp");
            Files.writeString(big, SDP + "a=x-pad:" + "x".repeat(2 << 20) + "\r\n");
            for (Path p : new Path[] {nul, latin, big}) {
                CliRun r = run("sdp", p.toString());
                assertThat(r.exit()).as(p + ": " + r.err()).isEqualTo(MediapathCli.USAGE);
                assertThat(run("sdp", "--check", p.toString()).exit()).as(p.toString()).isEqualTo(MediapathCli.USAGE);
            }
            assertThat(run("sdp", latin.toString()).err()).contains("invalid byte 0xE9 at line 3");
            CliRun empty = runWithStdin(new byte[0], "sdp", "-");
            assertThat(empty.exit()).isEqualTo(MediapathCli.USAGE);
            assertThat(empty.err()).contains("empty input");
        }

        @Test
        void anSdpTheStrictCheckRejectsIsAProblemFound(@TempDir Path dir) throws Exception {
            Path f = dir.resolve("loose.sdp");
            Files.writeString(f, SDP + "a=rtpmap:0 PCMU/8000 \r\n"); // trailing blank: lenient reads it, strict does not
            assertThat(run("sdp", f.toString()).exit()).isZero();
            CliRun r = run("sdp", "--check", f.toString());
            assertThat(r.exit()).as(r.err()).isEqualTo(MediapathCli.FOUND);
            assertThat(r.err()).contains("loose.sdp:11:");
        }
    }

    /** 11. Inputs people have: FIFOs, UTF-16 logs, BOMs, an oversized only message, directories, /dev/zero. */
    @Nested
    class Inputs {
        @Test
        void aFifoIsReadAsAStream(@TempDir Path dir) throws Exception {
            Path fifo = dir.resolve("pipe");
            Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
            assertThat(mk.waitFor()).isZero();
            Thread writer = new Thread(() -> {
                try {
                    Files.writeString(fifo, SDP);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            CliRun r = run("analyze", fifo.toString());
            writer.join(10_000);
            assertThat(r.err()).doesNotContain("no such file");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("bare SDP");
        }

        @Test
        void utf16LogsWithAndWithoutBomFindWhatUtf8Finds(@TempDir Path dir) throws Exception {
            String log = Samples.read(Samples.resolve("seed-alf"));
            CliRun utf8 = run("analyze", "--sample", "seed-alf");
            assertThat(utf8.out()).contains("NO_TCP_RELAY_CANDIDATE");
            byte[] le = log.getBytes(StandardCharsets.UTF_16LE);
            byte[] withBom = new byte[le.length + 2];
            withBom[0] = (byte) 0xFF;
            withBom[1] = (byte) 0xFE;
            System.arraycopy(le, 0, withBom, 2, le.length);
            Path ps = dir.resolve("powershell.log");
            Files.write(ps, withBom);
            Path noBom = dir.resolve("utf16-nobom.log");
            Files.write(noBom, le);
            Path be = dir.resolve("utf16be.log");
            Files.write(be, ("\uFEFF" + log).getBytes(StandardCharsets.UTF_16BE));
            for (Path p : new Path[] {ps, noBom, be}) {
                CliRun r = run("analyze", p.toString());
                assertThat(r.exit()).as(p + r.err()).isEqualTo(utf8.exit());
                assertThat(r.out()).as(p.toString()).contains("NO_TCP_RELAY_CANDIDATE", "ICEWARN_PSEUDO_TLS_FAILURE");
            }
        }

        @Test
        void aBareSdpWithUtf8BomIsRead(@TempDir Path dir) throws Exception {
            Path f = dir.resolve("notepad.sdp");
            Files.writeString(f, "\uFEFF" + SDP, StandardCharsets.UTF_8);
            CliRun a = run("analyze", f.toString());
            assertThat(a.exit()).as(a.err()).isZero();
            assertThat(a.out()).contains("bare SDP");
            CliRun s = run("sdp", "--check", f.toString());
            assertThat(s.exit()).as(s.err()).isZero();
        }

        @Test
        void aLogWhoseOnlyMessageIsTooLongNamesTheLimit(@TempDir Path dir) throws Exception {
            StringBuilder b = new StringBuilder("INVITE sip:b@example.com SIP/2.0\r\nCall-ID: huge\r\nCSeq: 1 INVITE\r\n");
            while (b.length() < (1 << 20) + 1000) {
                b.append("X-Pad: ").append("y".repeat(200)).append("\r\n");
            }
            b.append("Content-Length: 0\r\n\r\n");
            Path f = dir.resolve("huge.log");
            Files.writeString(f, b);
            CliRun r = run("analyze", f.toString());
            assertThat(r.exit()).isEqualTo(MediapathCli.USAGE);
            assertThat(r.err()).contains("longer than 1048576 characters");
        }

        @Test
        void certificateFilesAreReadBoundedSoDevZeroDoesNotHang() {
            // The JDK's certificate parser skips bytes looking for '-': on /dev/zero it never returned.
            CliRun tls = run("tls", "127.0.0.1:9", "--trust", "/dev/zero", "--timeout", "2");
            assertThat(tls.exit()).isEqualTo(MediapathCli.USAGE);
            assertThat(tls.err()).contains("/dev/zero", "not a file of certificates");
            CliRun turn = run("turn", "turns:127.0.0.1:9", "--ca", "/dev/zero", "--fast", "--timeout", "2");
            assertThat(turn.exit()).isEqualTo(MediapathCli.USAGE);
            assertThat(turn.err()).contains("not a file of certificates");
        }

        @Test
        void aDirectoryAndDevZeroAreClearErrors(@TempDir Path dir) {
            for (String cmd : new String[] {"analyze", "sdp"}) {
                CliRun d = run(cmd, dir.toString());
                assertThat(d.exit()).isEqualTo(MediapathCli.USAGE);
                assertThat(d.err()).as(cmd).contains("is a directory");
                CliRun z = run(cmd, "/dev/zero");
                assertThat(z.exit()).isEqualTo(MediapathCli.USAGE);
                assertThat(z.err()).as(cmd).contains("NUL byte at offset 0");
            }
        }
    }

    /** 12. Memory by default: the streamed path is chosen by input size alone, not by the heap. */
    @Nested
    class MemoryByDefault {
        @Test
        void aNineMebibyteInputIsStreamedWhateverTheHeap(@TempDir Path dir) throws Exception {
            // Loose diagnostics headers are read only when an input is read whole; streamed, only SIP messages count.
            Path f = dir.resolve("big-notes.txt");
            StringBuilder b = new StringBuilder();
            while (b.length() < 9 << 20) {
                b.append("# note ").append("z".repeat(100)).append('\n');
            }
            b.append("ms-diagnostics: 23;reason=\"Call failed\"\n");
            Files.writeString(f, b);
            CliRun r = run("analyze", f.toString());
            assertThat(r.err()).contains("a streamed input is read for SIP messages only");
            assertThat(AnalyzeCommand.WHOLE_INPUT_BYTES).isEqualTo(8 << 20);
        }
    }

    /** 14. HTML: one document for several inputs; an unwritable path is said before any work. */
    @Nested
    class Html {
        @Test
        void severalInputsMakeOneDocumentWithASectionEach(@TempDir Path dir) throws Exception {
            Path a = dir.resolve("a.sdp");
            Files.writeString(a, SDP);
            Path html = dir.resolve("out.html");
            CliRun r = run("analyze", "--html", html.toString(), a.toString(), "--sample", "seed-alf");
            assertThat(r.exit()).isEqualTo(MediapathCli.FOUND);
            String page = Files.readString(html);
            assertThat(page.split("<!DOCTYPE html>", -1)).hasSize(2);
            assertThat(page.split("</html>", -1)).hasSize(2);
            assertThat(page.split("<section>", -1)).hasSize(3);
            assertThat(page).contains("mediapath analyze: a.sdp", "mediapath analyze: classpath:samples/");
        }

        @Test
        void anUnwritablePathIsAUsageErrorBeforeTheReport(@TempDir Path dir) {
            for (Path bad : new Path[] {dir.resolve("no/such/dir/out.html"), dir}) {
                CliRun r = run("analyze", "--html", bad.toString(), "--sample", "seed-alf");
                assertThat(r.exit()).isEqualTo(MediapathCli.USAGE);
                assertThat(r.out()).as("no report when it cannot be written").isEmpty();
                assertThat(r.err()).contains("--html");
            }
        }
    }

    /** 16. Line numbers: file lines wherever a person reads a number. */
    @Nested
    class LineNumbers {
        @Test
        void malformedCandidateAndBodySummariesCountFileLines(@TempDir Path dir) throws Exception {
            String sdp = SDP + "a=candidate:9 1 UDP notanumber 192.0.2.1 5000 typ host\r\n";
            String invite = "INVITE sip:b@example.com SIP/2.0\r\nCall-ID: lines-1\r\nCSeq: 1 INVITE\r\n"
                    + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
            String badBody = "v=\r\no=- 0 0 IN IP4 192.0.2.1\r\ns=-\r\n";
            String second = "INVITE sip:c@example.com SIP/2.0\r\nCall-ID: lines-2\r\nCSeq: 1 INVITE\r\n"
                    + "Content-Type: application/sdp\r\nContent-Length: " + badBody.length() + "\r\n\r\n" + badBody;
            Path f = dir.resolve("lines.log");
            Files.writeString(f, "# header of the log\n# another\n" + invite + second);
            // candidate: 2 comment lines + 6 SIP lines + SDP line 11 = file line 19; bad v=: 2 + 17 + 6 + 1 = 26
            CliRun r = run("analyze", f.toString());
            assertThat(r.out()).contains("MALFORMED_CANDIDATE").contains("(line 19, column")
                    .contains("lines.log line 19");
            assertThat(r.out()).contains("MALFORMED_BODY").contains("does not parse: line 26, column");
        }

        @Test
        void theSizeErrorNamesNoLineZero(@TempDir Path dir) throws Exception {
            Path big = dir.resolve("big.sdp");
            Files.writeString(big, SDP + "a=x-pad:" + "x".repeat(2 << 20) + "\r\n");
            CliRun r = run("sdp", big.toString());
            assertThat(r.err()).contains("1 MiB").doesNotContain(":0:", "line 0");
            assertThat(new io.mediapath.sdp.SdpParseException(0, 1, "", "input is too large", "").getMessage())
                    .doesNotContain("line 0");
        }
    }

    /** 13. Versions: the artifact version and the commit, from the top and from every subcommand. */
    @Nested
    class Versions {
        @Test
        void versionNamesArtifactAndCommitOnEveryCommand() {
            CliRun top = run("--version");
            assertThat(top.exit()).isZero();
            assertThat(top.out().strip()).doesNotContain("development")
                    .matches("mediapath \\d+\\.\\d+\\.\\d+\\S* \\(commit ([0-9a-f]{7,}\\S*|unknown)\\)");
            for (String sub : new String[] {"sdp", "analyze", "turn", "tls"}) {
                CliRun r = run(sub, "-V");
                assertThat(r.exit()).as(sub).isZero();
                assertThat(r.out()).as(sub + " -V").isEqualTo(top.out());
            }
        }
    }
}
