package io.mediapath.diagnose.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.capture.CaptureReader;
import io.mediapath.capture.Frame;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Deadline;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.lab.coturn.Coturn;
import io.mediapath.lab.edge.EmulatedEdge;
import io.mediapath.lab.peers.Binaries;
import io.mediapath.lab.peers.Nginx;
import io.mediapath.lab.peers.OpensslServer;
import io.mediapath.lab.peers.Sslsplit;
import io.mediapath.lab.pki.LabCa;
import io.mediapath.tls.InspectOptions;
import io.mediapath.tls.PseudoTlsProbe;
import io.mediapath.tls.TlsInspection;
import io.mediapath.tls.TlsProbe;
import io.mediapath.tls.Verdict;
import io.mediapath.turn.StunTimers;
import io.mediapath.turn.StunTransport;
import io.mediapath.turn.StunUri;
import io.mediapath.turn.TurnClientOptions;
import io.mediapath.turn.TurnProbe;
import io.mediapath.turn.TurnProbeOptions;
import io.mediapath.turn.TurnProbeReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --pcap}: probes against real peers (coturn, the lab Edge, sslsplit in front of nginx), their timelines
 * written by {@link PcapExport}, and tshark (the tool people open these files with) reading them back.
 */
class PcapExportIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    /** Writes the timeline, checks it is one packet per payload event, and returns the file. */
    private Path export(String name, Instant started, List<TimelineEvent> timeline) throws IOException {
        Path f = dir.resolve(name + ".pcapng");
        int written;
        try (OutputStream out = Files.newOutputStream(f)) {
            written = PcapExport.write(out, PcapExport.of(started, timeline), "mediapath test");
        }
        long payloadEvents = timeline.stream().filter(e -> e.payload().map(w -> w.length() > 0).orElse(false)).count();
        assertThat(payloadEvents).as("payload events in %s", name).isPositive();
        assertThat(written).isEqualTo(payloadEvents);
        List<String> framesWithPayload = lines(tshark(f, "-Y", "tcp.len > 0 || udp", "-T", "fields",
                "-e", "frame.number"));
        assertThat(framesWithPayload).as("tshark's frames with a payload in %s", name).hasSize((int) payloadEvents);
        // The timestamps are the probe's, on the wall clock.
        try (CaptureReader r = CaptureReader.open(f)) {
            Frame first = r.next();
            assertThat(first.epochNanos() / 1_000_000).isBetween(started.toEpochMilli() - 1,
                    Instant.now().toEpochMilli());
        }
        // Each packet with a payload names its timeline event in its comment; the section says what the file is.
        assertThat(lines(tshark(f, "-Y", "frame.comment contains \"bytes.\"", "-T", "fields", "-e",
                "frame.number"))).hasSize((int) payloadEvents);
        String capinfos = run(List.of(Binaries.require("capinfos", "tshark").toString(), f.toString()));
        assertThat(capinfos).contains("not captured on the wire");
        return f;
    }

    @Test
    void coturnsChallengeDissectsAsStun401WithItsRealm() throws Exception {
        try (Coturn c = Coturn.builder().start()) {
            TurnProbe probe = TurnProbe.create(TurnProbeOptions.builder()
                    .client(TurnClientOptions.builder().timers(StunTimers.FAST).build())
                    .credentials(c.username(), c.password()).build(), StunTransport.UDP);
            Instant started = Instant.now();
            TurnProbeReport r = probe.probe(StunUri.parse("turn:127.0.0.1:" + c.port()),
                    new ProbeContext(Deadline.after(Duration.ofSeconds(10)), e -> { })).get(20, TimeUnit.SECONDS);
            assertThat(r.passed()).isTrue();
            Path f = export("coturn", started, r.timeline());
            String realms = tshark(f, "-d", "udp.port==" + c.port() + ",stun", "-Y",
                    "stun.att.error.class == 4 && stun.att.error == 1",
                    "-T", "fields", "-e", "stun.att.realm");
            assertThat(lines(realms)).isNotEmpty().allSatisfy(l -> assertThat(l).isEqualTo(c.realm()));
            assertThat(f.toFile().length()).isPositive();
            // The password never crosses the wire, so it is not in the file either.
            assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).doesNotContain(c.password());
        }
    }

    @Test
    void thePseudoTlsHelloDissectsAsTlsWithCipher0x0018() throws Exception {
        try (EmulatedEdge edge = EmulatedEdge.builder().start()) {
            Instant started = Instant.now();
            TlsInspection i = PseudoTlsProbe.create(InspectOptions.builder().proxyContext(false).build())
                    .inspect(edge.address(), TIMEOUT).toCompletableFuture().join();
            assertThat(i.genuine()).isTrue();
            Path f = export("pseudo-tls", started, i.timeline());
            String hello = tshark(f, "-d", "tcp.port==" + edge.address().port() + ",tls", "-Y",
                    "tls.handshake.type == 1", "-T", "fields", "-e", "tls.record.version", "-e",
                    "tls.handshake.ciphersuite");
            assertThat(lines(hello)).containsExactly("0x0301\t0x0018");
            // The handshake, the hello, the answer and the close, on consistent sequence numbers: no analysis flags.
            assertThat(tshark(f, "-Y", "tcp.analysis.flags && !tcp.analysis.window_update", "-T", "fields", "-e",
                    "frame.number")).isBlank();
            assertThat(lines(tshark(f, "-Y", "tcp.flags.syn == 1", "-T", "fields", "-e", "frame.number"))).hasSize(2);
            assertThat(lines(tshark(f, "-Y", "tcp.flags.fin == 1", "-T", "fields", "-e", "frame.number"))).hasSize(2);
            // The probe ended the connection after the answer (its timeline's end: complete): the client's FIN first.
            assertThat(lines(tshark(f, "-Y", "tcp.flags.fin == 1", "-T", "fields", "-e", "tcp.srcport")).get(0))
                    .isNotEqualTo(Integer.toString(edge.address().port()));
        }
    }

    /** A proxy that resets after the hello: the file ends with the server's RST where the timeline recorded it. */
    @Test
    void aResetAfterTheHelloIsTheServersRst() throws Exception {
        try (io.mediapath.lab.proxy.InterceptingProxy proxy = io.mediapath.lab.proxy.InterceptingProxy.start(
                io.mediapath.lab.proxy.InterceptingProxy.Mode.RESET)) {
            Instant started = Instant.now();
            TlsInspection i = PseudoTlsProbe.create(InspectOptions.builder().proxyContext(false).build())
                    .inspect(proxy.address(), TIMEOUT).toCompletableFuture().join();
            assertThat(i.verdict()).isEqualTo(Verdict.RESET_AFTER_HELLO);
            Path f = export("reset", started, i.timeline());
            assertThat(lines(tshark(f, "-Y", "tcp.flags.reset == 1", "-T", "fields", "-e", "tcp.srcport")))
                    .containsExactly(Integer.toString(proxy.address().port()));
            assertThat(tshark(f, "-Y", "tcp.flags.fin == 1", "-T", "fields", "-e", "frame.number")).isBlank();
        }
    }

    @Test
    void sslsplitsForgedCertificateShowsItsIssuer() throws Exception {
        LabCa publicPki = LabCa.builder().subject("CN=Lab Public Root CA,O=Lab PKI").build();
        try (Nginx nginx = Nginx.builder().certificate(OpensslServer.relayCertificate(publicPki)).start();
                Sslsplit split = Sslsplit.builder().upstream(nginx.address()).onlyProtocol("tls12").start()) {
            InspectOptions o = InspectOptions.builder().sni("relay.lync.test").proxyContext(false)
                    .trust(List.of(publicPki.certificate())).build();
            Instant started = Instant.now();
            TlsInspection i = TlsProbe.create(o).inspect(split.address(), TIMEOUT).toCompletableFuture().join();
            assertThat(i.verdict()).isEqualTo(Verdict.INTERCEPTED);
            Path f = export("sslsplit", started, i.timeline());
            String certs = tshark(f, "-d", "tcp.port==" + split.address().port() + ",tls", "-Y",
                    "tls.handshake.type == 11", "-V");
            assertThat(certs).contains("issuer: rdnSequence").contains("Lab Interception Root CA");
        }
    }

    // ---- tshark

    private static String tshark(Path f, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Binaries.require("tshark", "tshark").toString(), "-r", f.toString(),
                "-o", "tcp.desegment_tcp_streams:TRUE"));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private static String run(List<String> cmd) {
        try {
            // stdout only: tshark warns on stderr when run as root.
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            // Read while it runs: -V output can exceed a pipe buffer.
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", cmd).isTrue();
            String text = new String(out, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("%s exit: %s", cmd, text).isZero();
            return text;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> lines(String s) {
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
