package io.mediapath.turn.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.coturn.Coturn;
import io.mediapath.lab.coturn.EchoPeer;
import io.mediapath.turn.AllocateOptions;
import io.mediapath.turn.StunConnection;
import io.mediapath.turn.StunTransport;
import io.mediapath.turn.TurnAllocation;
import io.mediapath.turn.TurnClient;
import io.mediapath.turn.TurnClientOptions;
import io.mediapath.turn.TurnCredentials;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Quality runs through a real coturn to coturn's echo peer ({@code turnutils_peer}) on loopback: over UDP and over a
 * TCP control connection, a clean path passes the thresholds with every packet back; datagrams another socket sends to
 * the relayed address meanwhile are counted as stray and change no figure. (Impairment: {@code QualityImpairmentIT}.)
 */
class QualityRunIT {
    static Coturn turn;
    static EchoPeer peer;
    static TurnClient client;

    @BeforeAll
    static void start() {
        turn = Coturn.builder().start();
        peer = EchoPeer.start();
        client = TurnClient.create(TurnClientOptions.defaults());
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (peer != null) {
            peer.close();
        }
        if (turn != null) {
            turn.close();
        }
    }

    private static QualityOptions twoSeconds() {
        return QualityOptions.builder().duration(Duration.ofSeconds(2)).drain(Duration.ofMillis(500)).build();
    }

    @Test
    void cleanUdpPathPasses() throws Exception {
        QualityResult r = QualityRun.run(client, new InetSocketAddress("127.0.0.1", turn.port()), StunTransport.UDP,
                "127.0.0.1", new TurnCredentials(turn.username(), turn.password()), peer.address(), twoSeconds())
                .get(20, TimeUnit.SECONDS);
        QualityFigures f = r.figures();
        System.out.println(r.path() + ": " + f.describe() + ", send deviation p99 " + f.sendDeviationP99Ms() + " ms");
        assertThat(f.sent()).isEqualTo(100);
        assertThat(f.received()).isEqualTo(100);
        assertThat(f.lost()).isZero();
        assertThat(f.duplicates()).isZero();
        assertThat(f.foreign() + f.badSequence()).isZero();
        assertThat(f.rttMinMs()).isPositive().isLessThanOrEqualTo(f.rttMedianMs());
        assertThat(f.rttMedianMs()).isLessThanOrEqualTo(f.rttP95Ms());
        assertThat(r.passed()).as(r.failures().toString()).isTrue();
        assertThat(r.findings()).extracting(x -> x.code()).containsExactly("QUALITY_GOOD");
        assertThat(r.path()).startsWith("udp 127.0.0.1:" + turn.port() + " relay 127.0.0.1:");
    }

    @Test
    void overTcpWhenAsked() throws Exception {
        QualityResult r = QualityRun.run(client, new InetSocketAddress("127.0.0.1", turn.port()), StunTransport.TCP,
                "127.0.0.1", new TurnCredentials(turn.username(), turn.password()), peer.address(), twoSeconds())
                .get(20, TimeUnit.SECONDS);
        assertThat(r.path()).startsWith("tcp ");
        assertThat(r.figures().received()).isEqualTo(100);
        assertThat(r.passed()).isTrue();
    }

    @Test
    void strayDatagramsToTheRelayAreCountedNotMeasured() throws Exception {
        StunConnection c = client.connect(new InetSocketAddress("127.0.0.1", turn.port()), StunTransport.UDP,
                "127.0.0.1").get(10, TimeUnit.SECONDS);
        try (c; TurnAllocation a = c.allocate(new TurnCredentials(turn.username(), turn.password()),
                AllocateOptions.defaults()).get(10, TimeUnit.SECONDS);
             DatagramSocket intruder = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            CompletableFuture<QualityResult> run = QualityRun.run(a, peer.address(), twoSeconds());
            Thread.sleep(300);
            // the permission is per IP (127.0.0.1), so the relay forwards these to us: another port, then our own
            // packet layout with a wrong token
            byte[] junk = "not a test packet".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] forged = new QualityPacket(1, 2, 3, 0, 172).encode();
            for (int i = 0; i < 5; i++) {
                intruder.send(new DatagramPacket(junk, junk.length, a.relayedAddress()));
                intruder.send(new DatagramPacket(forged, forged.length, a.relayedAddress()));
            }
            QualityResult r = run.get(20, TimeUnit.SECONDS);
            assertThat(r.figures().foreign()).isEqualTo(10);
            assertThat(r.figures().received()).isEqualTo(100);
            assertThat(r.figures().lost()).isZero();
            assertThat(r.findings()).extracting(x -> x.code()).containsExactly("QUALITY_GOOD", "QUALITY_STRAY_PACKETS");
        }
    }

    @Test
    void selfEchoThroughTwoAllocationsNeedsNoPeer() throws Exception {
        QualityResult r = QualityRun.runSelfEcho(client, new InetSocketAddress("127.0.0.1", turn.port()),
                StunTransport.UDP, "127.0.0.1", new TurnCredentials(turn.username(), turn.password()), twoSeconds())
                .get(20, TimeUnit.SECONDS);
        assertThat(r.figures().sent()).isEqualTo(100);
        assertThat(r.figures().received()).isEqualTo(100);
        assertThat(r.figures().foreign()).isZero();
        assertThat(r.passed()).isTrue();
    }
}
