package io.mediapath.examples.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.diagnose.playbook.EdgeReport;
import io.mediapath.diagnose.playbook.EdgeTarget;
import io.mediapath.diagnose.playbook.LegKind;
import io.mediapath.diagnose.playbook.LegResult;
import io.mediapath.diagnose.playbook.LegStatus;
import io.mediapath.diagnose.RootCauseCode;
import io.mediapath.lab.SeedTopology;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CustomProbeExampleTest {

    @Test
    void theProductsProbeRunsAsALegOfItsOwn() throws Exception {
        try (SeedTopology lab = SeedTopology.msTurnEdge(null, "clean")) {
            EdgeTarget target = EdgeTarget.builder(lab.edgeAddress().host())
                    .udpPort(lab.udpAddress().orElseThrow().port()).tcpPort(lab.edgeAddress().port()).build();
            EdgeReport generous = CustomProbeExample.diagnose(target, Duration.ofSeconds(5));
            LegResult custom = generous.legs().stream().filter(l -> l.kind() == LegKind.CUSTOM).findFirst().orElseThrow();
            assertThat(custom.name()).isEqualTo("latency-budget");
            assertThat(custom.status()).isEqualTo(LegStatus.PASSED);
            assertThat(custom.result().verdict()).isEqualTo("WITHIN_BUDGET");
            assertThat(generous.timeline()).anyMatch(e -> e.leg().equals("latency-budget"));
            assertThat(generous.rootCause().code()).as(generous.rootCause().summary()).isEqualTo(RootCauseCode.NONE);

            // A zero budget cannot be met: the leg fails, its finding is in the report, the modalities do not change.
            EdgeReport strict = CustomProbeExample.diagnose(target, Duration.ZERO);
            LegResult failed = strict.legs().stream().filter(l -> l.kind() == LegKind.CUSTOM).findFirst().orElseThrow();
            assertThat(failed.status()).isEqualTo(LegStatus.FAILED);
            assertThat(strict.findings()).anyMatch(f -> f.code().equals("RELAY_LATENCY_OVER_BUDGET"));
            assertThat(strict.rootCause().code()).as(strict.rootCause().summary()).isEqualTo(RootCauseCode.NONE);
        }
    }
}
