package io.mediapath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Deadline;
import io.mediapath.ice.receipt.PathConclusion;
import io.mediapath.ice.receipt.ReceiptToken;
import io.mediapath.responder.LegProof;
import io.mediapath.responder.ProofLeg;
import io.mediapath.responder.ReceiptProbe;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mediapath responder} on loopback: a probe holding the token file's token gets a receipt; the token never shows. */
class ResponderCommandTest {

    private static final String SECRET = "cli-responder-token-never-printed";

    @Test
    void issuesReceiptsAndNeverPrintsTheToken(@TempDir Path dir) throws Exception {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, SECRET + "\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> MediapathCli.execute(out, err,
                "responder", "--udp", "127.0.0.1:0", "--tcp", "127.0.0.1:0", "--token-file", tokenFile.toString(),
                "--duration", "40"));
        Pattern tcp = Pattern.compile("listening tcp 127\\.0\\.0\\.1:(\\d+)");
        Matcher m = tcp.matcher("");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(35);
        while (System.nanoTime() < until && !(m = tcp.matcher(out.toString())).find()) {
            Thread.sleep(50);
        }
        assertThat(m.find(0)).as(out + "\n" + err).isTrue();
        LegProof p = ReceiptProbe.of(ProofLeg.TCP, ReceiptToken.fromText(SECRET), null)
                .prove(new TransportAddress("127.0.0.1", Integer.parseInt(m.group(1))), Deadline.after(Duration.ofSeconds(5)));
        assertThat(p.conclusion()).as(p.verdict().detail()).isEqualTo(PathConclusion.REACHED);
        until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < until && !out.toString().contains("receipt=issued")) {
            Thread.sleep(50);
        }
        assertThat(out.toString()).contains("receipts: on").contains("stun-binding").contains("receipt=issued");
        assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(MediapathCli.OK);
        assertThat(out.toString() + err).doesNotContain(SECRET);
    }

    @Test
    void edgeWithResponderShowsEveryLegsProofAndNeverTheToken(@TempDir Path dir) throws Exception {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, SECRET + "\n");
        java.net.InetAddress lo = java.net.InetAddress.getLoopbackAddress();
        java.util.List<String> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (io.mediapath.responder.Responder r = io.mediapath.responder.Responder.start(
                io.mediapath.responder.ResponderOptions.builder().token(ReceiptToken.fromText(SECRET))
                        .udp(new java.net.InetSocketAddress(lo, 0)).tcp(new java.net.InetSocketAddress(lo, 0))
                        .arrivalLog(arrivals::add).build())) {
            String udp = Integer.toString(r.udpAddresses().get(0).getPort());
            String tcp = Integer.toString(r.tcpAddresses().get(0).getPort());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = MediapathCli.execute(out, err, "edge", "127.0.0.1", "--dialect", "turn", "--udp-port", udp,
                    "--tcp-port", tcp, "--responder", "127.0.0.1:" + tcp, "--responder-udp-port", udp,
                    "--token-file", tokenFile.toString(), "--timeout", "20");
            assertThat(exit).as(out + "\n" + err).isIn(MediapathCli.OK, MediapathCli.FOUND);
            assertThat(out.toString()).contains("responder-udp").contains("responder-tls").contains("REACHED");
            assertThat(out.toString() + err).doesNotContain(SECRET);
            assertThat(arrivals).noneMatch(l -> l.contains("answer=receipt-instead"));
            // the receipt in place of the relay's answer: every responder leg is still reached, and the responder
            // logs that it answered them with the receipt alone
            StringWriter out3 = new StringWriter();
            StringWriter err3 = new StringWriter();
            int exit3 = MediapathCli.execute(out3, err3, "edge", "127.0.0.1", "--dialect", "turn", "--udp-port", udp,
                    "--tcp-port", tcp, "--responder", "127.0.0.1:" + tcp, "--responder-udp-port", udp,
                    "--receipt-instead", "--token-file", tokenFile.toString(), "--timeout", "20");
            assertThat(exit3).as(out3 + "\n" + err3).isIn(MediapathCli.OK, MediapathCli.FOUND);
            // (the relay legs against the responder's self-signed TLS read as intercepted: only its legs count here)
            assertThat(out3.toString().lines().filter(l -> l.strip().startsWith("responder-")))
                    .as(out3.toString()).hasSize(4).allSatisfy(l -> assertThat(l).contains("PASSED")
                            .contains("REACHED").contains("a receipt in place of the answer"));
            assertThat(out3.toString() + err3).doesNotContain(SECRET);
            assertThat(arrivals.stream().filter(l -> l.contains("answer=receipt-instead")))
                    .as(String.join("\n", arrivals)).hasSizeGreaterThanOrEqualTo(4);
            StringWriter e2 = new StringWriter();
            assertThat(MediapathCli.execute(new StringWriter(), e2, "edge", "127.0.0.1", "--responder", "127.0.0.1"))
                    .isEqualTo(MediapathCli.USAGE);
            assertThat(e2.toString()).contains("--responder needs the shared token");
        }
    }
}
