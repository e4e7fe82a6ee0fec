package io.mediapath.examples.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.coturn.Coturn;
import io.mediapath.lab.coturn.EchoPeer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the example against a real coturn and its echo peer. */
class TurnAllocateExampleIT {

    @Test
    void allocatesSendsReceivesAndDeallocates() throws Exception {
        try (Coturn turn = Coturn.builder().start(); EchoPeer peer = EchoPeer.start()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            PrintStream old = System.out;
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            int exit;
            try {
                exit = TurnAllocateExample.run("turn:127.0.0.1:" + turn.port() + "?transport=tcp", turn.username(),
                        turn.password(), "127.0.0.1:" + peer.port());
            } finally {
                System.setOut(old);
            }
            String out = buf.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(out).isZero();
            assertThat(out).contains("relayed address: /127.0.0.1:", "said hello through the relay", "deallocated");

            assertThat(TurnAllocateExample.run("turn:127.0.0.1:" + turn.port(), turn.username(), "WRONG"))
                    .isEqualTo(1);
        }
    }
}
