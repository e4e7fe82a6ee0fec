package io.mediapath.diagnose.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.diagnose.RootCause;
import io.mediapath.turn.quality.QualityFigures;
import io.mediapath.turn.quality.QualityResult;
import io.mediapath.turn.quality.QualityThresholds;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A failing quality run turns the modalities that work over the UDP relay into DEGRADED (quality), with the failing
 * figure; TCP-only modalities and a passing run are left alone.
 */
class QualityOverlayTest {
    private static final EdgeReport REPORT = new EdgeReport(EdgeTarget.builder("relay.example.net").build(), List.of(),
            List.of(new ModalityVerdict(Modality.AUDIO, Support.WORKS, "UDP 3478 relay", "answered"),
                    new ModalityVerdict(Modality.VIDEO, Support.DEGRADED, "TCP 443 relay", "UDP blocked"),
                    new ModalityVerdict(Modality.APPSHARING, Support.WORKS, "TCP 443 relay", "answered")),
            RootCause.none("nothing stops media"), List.of(), List.of(), Duration.ofSeconds(1));

    @Test
    void lossyRunDegradesAudioOverUdpOnly() {
        QualityFigures lossy = new QualityFigures(500, 474, 26, 5.2, 20, 3, 1, 2, 3, 0.5, 0, 0, 0, 0, 0, 0.1);
        EdgeReport r = QualityOverlay.apply(REPORT, new QualityResult(lossy, QualityThresholds.DEFAULT, "udp x"));
        assertThat(r.modality(Modality.AUDIO).support()).isEqualTo(Support.DEGRADED);
        assertThat(r.modality(Modality.AUDIO).why()).isEqualTo("quality: loss 5.2 % (>= 1 %)");
        assertThat(r.modality(Modality.VIDEO).why()).isEqualTo("UDP blocked");
        assertThat(r.modality(Modality.APPSHARING).support()).isEqualTo(Support.WORKS);
        assertThat(r.findings()).extracting(f -> f.code()).containsExactly("QUALITY_LOSS_HIGH");
        assertThat(r.allWork()).isFalse();
    }

    @Test
    void passingRunChangesNoVerdict() {
        QualityFigures clean = new QualityFigures(500, 500, 0, 0, 0, 0, 1, 2, 3, 0.5, 0, 0, 0, 0, 0, 0.1);
        EdgeReport r = QualityOverlay.apply(REPORT, new QualityResult(clean, QualityThresholds.DEFAULT, "udp x"));
        assertThat(r.modalities()).isEqualTo(REPORT.modalities());
        assertThat(r.findings()).extracting(f -> f.code()).containsExactly("QUALITY_GOOD");
    }
}
