package io.mediapath.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediapath.ice.Finding;
import io.mediapath.ice.Severity;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streamed analysis of a log reaches the same verdicts as the whole-text one, and its report stays bounded. */
class StreamingAnalyzerTest {

    @Test
    void streamingTheSeedLogFindsWhatReadingItWholeFinds() throws Exception {
        for (String name : List.of("seed-alf-appsharing.log", "seed-websense-desktop-sharing.sip")) {
            String text = AnalyzerTest.sample(name);
            Diagnosis whole = Analyzer.builder().build().analyze(text, name);
            Diagnosis streamed = Analyzer.builder().build().analyze(new StringReader(text), name);

            assertThat(AnalyzerTest.codes(streamed)).as(name).isEqualTo(AnalyzerTest.codes(whole));
            assertThat(streamed.exitCode()).as(name).isEqualTo(whole.exitCode());
            assertThat(streamed.messages()).as(name).isEqualTo(whole.messages());
            assertThat(streamed.dialogs()).as(name).hasSameSizeAs(whole.dialogs());
            // the seeds' evidence that the relay answers on UDP comes from the voice call's offer in the same log
            assertThat(streamed.findings().stream().filter(f -> f.code().equals("NO_TCP_RELAY_CANDIDATE"))
                    .map(Finding::summary).toList())
                    .isEqualTo(whole.findings().stream().filter(f -> f.code().equals("NO_TCP_RELAY_CANDIDATE"))
                            .map(Finding::summary).toList());
        }
    }

    @Test
    void pastTheReportedDialogsFurtherOnesAreCountedPerCodeAtTheirWorstSeverity() throws Exception {
        String seed = AnalyzerTest.sample("seed-alf-appsharing.log");
        int copies = Analyzer.STREAM_REPORTED_DIALOGS / 2 + 60; // each copy has two dialogs about media
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < copies; i++) {
            // every copy is its own calls: vary the Call-IDs
            log.append(seed.replaceAll("(?m)^Call-ID: (\\S+)", "Call-ID: $1-" + i)).append('\n');
        }
        Diagnosis d = Analyzer.builder().build().analyze(new StringReader(log.toString()), "many.log");

        assertThat(d.dialogs()).hasSize(Analyzer.STREAM_REPORTED_DIALOGS);
        List<Finding> more = d.findings().stream().filter(f -> f.code().equals(DiagnoseFindingCodes.MORE_DIALOGS.code())).toList();
        assertThat(more).isNotEmpty();
        assertThat(more).anySatisfy(f -> {
            assertThat(f.summary()).contains("NO_TCP_RELAY_CANDIDATE").contains("more dialog(s)");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
        });
        assertThat(d.exitCode()).isEqualTo(1);
    }

    @Test
    void aStreamWithoutSipMessagesIsUnreadable() {
        assertThatThrownBy(() -> Analyzer.builder().build().analyze(new StringReader("nothing here\n"), "x.log"))
                .isInstanceOf(UnreadableInputException.class).hasMessageContaining("no SIP message");
    }
}
