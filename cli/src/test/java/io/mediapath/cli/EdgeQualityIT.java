package io.mediapath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.coturn.Coturn;
import io.mediapath.lab.netns.ImpairingUdpForwarder;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * {@code mediapath edge --dialect turn --quality} against a real coturn: the UDP relay answered, so audio WORKS; with
 * 5 % loss on the UDP path (lab's ImpairingUdpForwarder, seeded; a userspace stand-in for netem, which this kernel
 * lacks) the quality run turns it into DEGRADED with the failing figure.
 */
class EdgeQualityIT {

    @Test
    void lossOnTheUdpPathDegradesAudio() {
        try (Coturn turn = Coturn.builder().start();
             ImpairingUdpForwarder lossy = ImpairingUdpForwarder.builder(new InetSocketAddress("127.0.0.1", turn.port()))
                     .dataOnly(true).loss(0.05).seed(5).start()) {
            CliRun r = CliRun.run("edge", "127.0.0.1", "--dialect", "turn", "--udp-port",
                    Integer.toString(lossy.address().getPort()), "--tcp-port", Integer.toString(turn.port()),
                    "--username", turn.username(), "--password", turn.password(), "--quality", "3", "--timeout", "20");
            assertThat(r.out()).as(r.out()).contains("QUALITY_LOSS_HIGH").doesNotContain(turn.password());
            assertThat(r.out()).containsPattern("audio\\s+DEGRADED\\s+.*quality: loss");
            assertThat(r.exit()).isEqualTo(1);
        }
    }

    @Test
    void qualityNeedsTheRfcDialectAndCredentials() {
        assertThat(CliRun.run("edge", "127.0.0.1", "--quality").exit()).isEqualTo(2);
        assertThat(CliRun.run("edge", "127.0.0.1", "--dialect", "turn", "--quality", "3").exit()).isEqualTo(2);
    }
}
