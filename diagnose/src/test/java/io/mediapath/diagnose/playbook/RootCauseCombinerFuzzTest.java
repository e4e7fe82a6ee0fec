package io.mediapath.diagnose.playbook;

import io.mediapath.diagnose.RootCauseCode;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.ProbeResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Any mix of leg results (any kinds, any statuses, duplicates, missing legs, either dialect, any ports) gives one
 * valid answer: four modality verdicts in order, one root cause with a summary, {@code NONE} exactly when every
 * modality works (every one shown, for a capture's legs), and a remedy whenever something does not.
 */
class RootCauseCombinerFuzzTest {

    @FuzzTest
    void oneValidAnswer(FuzzedDataProvider data) {
        EdgeTarget.Builder b = EdgeTarget.builder(data.consumeBoolean() ? "192.0.2.1" : "edge.example.com")
                .udpPort(data.consumeInt(1, 65535)).tcpPort(data.consumeInt(1, 65535))
                .dialect(data.consumeBoolean() ? Dialect.TURN : Dialect.MS_TURN);
        EdgeTarget target = b.build();
        int n = data.consumeInt(0, 14);
        List<LegResult> legs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LegKind k = data.pickValue(LegKind.values());
            LegStatus s = data.pickValue(LegStatus.values());
            Optional<String> product = data.consumeBoolean() ? Optional.of(data.consumeString(20)) : Optional.empty();
            List<String> addrs = data.consumeBoolean() ? List.of(data.consumeString(15)) : List.of();
            ProbeResult r = new ProbeResult(k.label(), new TransportAddress("x", 1), s.name(), data.consumeBoolean(),
                    List.of(), List.of(), Duration.ZERO);
            legs.add(new LegResult(k, k.label(), s, data.consumeString(40), r, product, addrs));
        }
        boolean observed = data.consumeBoolean();
        RootCauseCombiner.Conclusion c = observed ? RootCauseCombiner.combineObserved(target, legs)
                : RootCauseCombiner.combine(target, legs);
        assertThat(c.modalities()).extracting(ModalityVerdict::modality).containsExactly(Modality.values());
        // Observed (a capture): a leg not shown is unknown, so NONE means every modality shown works.
        boolean allWork = observed
                ? c.modalities().stream().noneMatch(m -> m.support() == Support.FAILS || m.support() == Support.DEGRADED)
                        && c.modalities().stream().anyMatch(m -> m.support() == Support.WORKS)
                : c.modalities().stream().allMatch(m -> m.support() == Support.WORKS);
        assertThat(c.rootCause().code() == RootCauseCode.NONE).isEqualTo(allWork);
        assertThat(c.rootCause().summary()).isNotBlank();
        if (!allWork) {
            assertThat(c.rootCause().remedy()).isNotBlank();
        }
    }
}
