package io.mediapath.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.probe.Deadline;
import io.mediapath.lab.coturn.Coturn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code quality_udp} module against a real coturn on loopback: two allocations echo each other, the outcome is
 * GOOD with the figures in the detail; a wrong password is a failed outcome (auth), never an exception; no
 * credentials at all is refused before any traffic.
 */
class QualityModuleIT {

    private static ProbeModule module(Optional<CredentialSource> creds) {
        return new ProbeModule("quality_udp", ProberKind.QUALITY_UDP, new ModuleSettings(OptionalInt.empty(),
                OptionalInt.empty(), Optional.empty(), Duration.ofSeconds(10), creds, List.of()));
    }

    @Test
    void goodOnACleanRelayAndFailedOutcomesOtherwise() throws Exception {
        try (Coturn turn = Coturn.builder().start()) {
            ProbeTarget target = ProbeTarget.parse("127.0.0.1:" + turn.port());
            Map<String, String> env = Map.of("QPW", turn.password(), "BAD", "wrong");
            ProbeOutcome ok = new QualityProber().probe(module(Optional.of(new CredentialSource(turn.username(),
                    Optional.of("QPW"), Optional.empty()))), target, Deadline.after(Duration.ofSeconds(10)), env)
                    .toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertThat(ok.success()).as(ok.detail()).isTrue();
            assertThat(ok.legs()).containsExactly(new ProbeOutcome.Leg("quality_udp", "GOOD"));
            assertThat(ok.detail()).contains("lost 0").doesNotContain(turn.password());
            ProbeOutcome bad = new QualityProber().probe(module(Optional.of(new CredentialSource(turn.username(),
                    Optional.of("BAD"), Optional.empty()))), target, Deadline.after(Duration.ofSeconds(10)), env)
                    .toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertThat(bad.success()).isFalse();
            assertThat(bad.failure()).isPresent();
            ProbeOutcome none = new QualityProber().probe(module(Optional.empty()), target,
                    Deadline.after(Duration.ofSeconds(10)), env).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(none.failure().orElseThrow().reason()).isEqualTo("auth");
        }
    }
}
