package io.mediapath.diagnose.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.diagnose.RootCauseCode;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.ProbeResult;
import io.mediapath.tls.Confidence;
import io.mediapath.tls.TlsInspection;
import io.mediapath.tls.Verdict;
import io.mediapath.turn.ProbeStep;
import io.mediapath.turn.StunTransport;
import io.mediapath.turn.StunUri;
import io.mediapath.turn.TurnProbeReport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * One probe command's result through the edge combiner: the modalities its one leg decides get a verdict, the others
 * stay unknown (never failed), and the root cause names only what the leg showed.
 */
class SingleLegTest {

    private static final TransportAddress EDGE = new TransportAddress("192.0.2.7", 443);

    private static TlsInspection tls(String probe, Verdict v) {
        return new TlsInspection(probe, EDGE, "192.0.2.7", v, Confidence.HIGH, Optional.empty(), Optional.empty(),
                List.of(), List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(), "", List.of(),
                List.of(), Duration.ofMillis(4));
    }

    @Test
    void aGenuinePseudoTlsAnswerProvesTheTcpModalitiesAndLeavesUdpUnknown() {
        var c = SingleLeg.conclude(tls("pseudo-tls", Verdict.GENUINE_PSEUDO_TLS));
        assertThat(c.modality(Modality.APPSHARING).support()).isEqualTo(Support.WORKS);
        assertThat(c.modality(Modality.FILETRANSFER).support()).isEqualTo(Support.WORKS);
        assertThat(c.modality(Modality.AUDIO).support()).isEqualTo(Support.UNKNOWN);
        assertThat(c.modality(Modality.AUDIO).why()).contains("this probe shows no UDP");
        assertThat(c.rootCause().code()).isEqualTo(RootCauseCode.NONE);
        assertThat(c.rootCause().summary()).contains("Every modality this probe shows works");
    }

    @Test
    void anInterceptedPseudoTlsHelloIsTheEdgeRunsCause() {
        var c = SingleLeg.conclude(tls("pseudo-tls", Verdict.INTERCEPTED));
        assertThat(c.rootCause().code()).isEqualTo(RootCauseCode.TLS_INTERCEPTED);
        assertThat(c.modality(Modality.APPSHARING).support()).isEqualTo(Support.FAILS);
        assertThat(c.modality(Modality.VIDEO).support()).isEqualTo(Support.UNKNOWN);
    }

    @Test
    void aRefusedTcpConnectNamesTcpNotUdpWhichWasNeverTried() {
        var c = SingleLeg.conclude(tls("tls", Verdict.CONNECT_FAILED));
        assertThat(c.rootCause().code()).isEqualTo(RootCauseCode.TCP_BLOCKED);
        assertThat(c.modality(Modality.FILETRANSFER).support()).isEqualTo(Support.FAILS);
        assertThat(c.modality(Modality.AUDIO).support()).isEqualTo(Support.UNKNOWN);
    }

    @Test
    void aSilentUdpTurnServerIsUdpBlockedAsFarAsThisProbeShows() {
        StunUri uri = new StunUri("turn", "192.0.2.7", 3478, StunTransport.UDP);
        TurnProbeReport r = new TurnProbeReport(uri, new TransportAddress("192.0.2.7", 3478), "TURN_TIMEOUT", false,
                List.of(new ProbeStep("binding", ProbeStep.Status.FAILED, Duration.ofSeconds(3), "no answer",
                        OptionalInt.empty())), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), List.of(), List.of(), Duration.ofSeconds(3));
        var c = SingleLeg.conclude(r);
        assertThat(c.rootCause().code()).isEqualTo(RootCauseCode.UDP_BLOCKED);
        assertThat(c.modality(Modality.AUDIO).support()).isEqualTo(Support.FAILS);
        assertThat(c.modality(Modality.APPSHARING).support()).isEqualTo(Support.UNKNOWN);
    }

    @Test
    void anMsTurnChallengeOverUdpProvesAudioAndVideo() {
        ProbeResult r = new ProbeResult("ms-turn", new TransportAddress("192.0.2.7", 3478), "CHALLENGED", true,
                List.of(), List.of(), Duration.ofMillis(9));
        var c = SingleLeg.concludeMsTurn(r, StunTransport.UDP);
        assertThat(c.modality(Modality.AUDIO).support()).isEqualTo(Support.WORKS);
        assertThat(c.modality(Modality.AUDIO).path()).isEqualTo("UDP 3478 relay");
        assertThat(c.modality(Modality.FILETRANSFER).support()).isEqualTo(Support.UNKNOWN);
    }
}
