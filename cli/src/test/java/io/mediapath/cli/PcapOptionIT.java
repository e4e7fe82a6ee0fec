package io.mediapath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.coturn.Coturn;
import io.mediapath.lab.edge.EmulatedEdge;
import io.mediapath.lab.peers.Binaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --pcap FILE} on {@code tls}, {@code turn} and {@code edge}, against real peers (the lab Edge, coturn, the
 * seed's lab topology), each file opened by tshark and capinfos.
 */
class PcapOptionIT {
    @TempDir
    Path dir;

    @Test
    void tlsWritesThePseudoTlsExchange() throws Exception {
        try (EmulatedEdge edge = EmulatedEdge.builder().start()) {
            Path f = dir.resolve("tls.pcapng");
            CliRun r = CliRun.run("tls", "--pseudo-tls", "127.0.0.1:" + edge.address().port(),
                    "--pcap", f.toString());
            assertThat(r.exit()).as(r.all()).isEqualTo(MediapathCli.OK);
            assertThat(tshark(f, "-d", "tcp.port==" + edge.address().port() + ",tls", "-Y",
                    "tls.handshake.type == 1", "-T", "fields", "-e", "tls.handshake.ciphersuite").strip())
                    .isEqualTo("0x0018");
            assertThat(run(List.of(Binaries.require("capinfos", "tshark").toString(), f.toString())))
                    .contains("not captured on the wire");
        }
    }

    @Test
    void turnWritesTheChallengeAndTheAllocate() throws Exception {
        try (Coturn coturn = Coturn.builder().start()) {
            Path pw = dir.resolve("pw");
            Files.writeString(pw, coturn.password() + "\n");
            Path f = dir.resolve("turn.pcapng");
            CliRun r = CliRun.run("turn", "turn:127.0.0.1:" + coturn.port(), "--username",
                    coturn.username(), "--password-file", pw.toString(), "--fast", "--pcap", f.toString());
            assertThat(r.exit()).as(r.all()).isEqualTo(MediapathCli.OK);
            assertThat(tshark(f, "-d", "udp.port==" + coturn.port() + ",stun", "-Y",
                    "stun.att.error.class == 4 && stun.att.error == 1", "-T", "fields", "-e", "stun.att.realm")
                    .lines().map(String::strip).filter(l -> !l.isEmpty()).toList())
                    .isNotEmpty().allMatch(coturn.realm()::equals);
            assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).doesNotContain(coturn.password());
        }
    }

    @Test
    void turnMsTurnWritesThePseudoTlsHelloAndTheFramedAllocate() throws Exception {
        try (EmulatedEdge edge = EmulatedEdge.builder().msTurn("alice", "s3cret").start()) {
            Path f = dir.resolve("msturn.pcapng");
            CliRun r = CliRun.run("turn", "--ms-turn", "turn:127.0.0.1:" + edge.address().port()
                    + "?transport=tcp", "--fast", "--pcap", f.toString());
            assertThat(r.exit()).as(r.all()).isEqualTo(MediapathCli.OK);
            assertThat(tshark(f, "-d", "tcp.port==" + edge.address().port() + ",tls", "-Y",
                    "tls.handshake.type == 1", "-T", "fields", "-e", "tls.handshake.ciphersuite").strip())
                    .isEqualTo("0x0018");
            // connect marker aside: the hello, the Edge's answer, the Allocate and the 401 as packets with payload.
            assertThat(tshark(f, "-Y", "tcp.len > 0", "-T", "fields", "-e", "frame.number").lines().count())
                    .isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void edgeWritesEveryLegAndRefusesAnUnwritableFileBeforeProbing() throws Exception {
        Path f = dir.resolve("edge.pcapng");
        CliRun r = CliRun.run("edge", "--lab", "websense", "--timeout", "30", "--pcap", f.toString());
        assertThat(r.exit()).as(r.all()).isEqualTo(MediapathCli.FOUND);
        String legs = tshark(f, "-T", "fields", "-e", "frame.comment");
        assertThat(legs).contains("udp-relay bytes.sent", "tcp-relay bytes.sent", "tcp-relay bytes.received",
                "http bytes.sent");

        CliRun bad = CliRun.run("edge", "--lab", "clean", "--pcap",
                dir.resolve("no-such-dir").resolve("f.pcapng").toString());
        assertThat(bad.exit()).isEqualTo(MediapathCli.USAGE);
        assertThat(bad.err()).contains("--pcap").contains("no such directory");
        assertThat(bad.out()).doesNotContain("ROOT CAUSE");
    }

    private static String tshark(Path f, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Binaries.require("tshark", "tshark").toString(), "-r", f.toString()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private static String run(List<String> cmd) {
        try {
            // stdout only: tshark warns on stderr when run as root.
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("%s", cmd).isZero();
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
