package io.mediapath.diagnose.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.diagnose.Analyzer;
import io.mediapath.diagnose.Diagnosis;
import io.mediapath.diagnose.LogRelays;
import io.mediapath.diagnose.RelayExtractor;
import io.mediapath.diagnose.RootCause;
import io.mediapath.diagnose.RootCauseCode;
import io.mediapath.diagnose.report.EdgeReports;
import io.mediapath.lab.SeedTopology;
import io.mediapath.sdp.msdiag.Location;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code analyze --probe} as a library call: a client log (written here, with the lab's ports in its MRAS answer and
 * LocalMR) whose BYE reports ICEWarn 0x800000, confirmed against the lab's websense topology — the emulated Edge on
 * UDP, the lab's intercepting proxy forging with a Websense-named CA in front of its TCP port.
 */
class LiveConfirmationTest {

    private static final String PASSWORD = "LogMrasPassw0rd+Secret=";

    static String log(String host, int udp, int tcp, String extraRelay) {
        return "SIP/2.0 200 OK\r\nCall-ID: mras1\r\nCSeq: 1 SERVICE\r\nFrom: <sip:a@lab.example>;tag=1\r\n"
                + "To: <sip:fe@lab.example>;tag=2\r\nContent-Type: application/msrtc-media-relay-auth+xml\r\n\r\n"
                + "<response xmlns=\"http://schemas.microsoft.com/2006/09/sip/mrasp\" reasonPhrase=\"OK\">"
                + "<credentialsResponse><credentials><username>lab-user</username><password>" + PASSWORD
                + "</password><duration>480</duration></credentials><mediaRelayList>"
                + "<mediaRelay><location>intranet</location><hostName>" + host + "</hostName><udpPort>" + udp
                + "</udpPort><tcpPort>" + tcp + "</tcpPort></mediaRelay>" + extraRelay
                + "<mediaRelay><location>internet</location><hostName>edge-ext.lab.example</hostName><udpPort>3478"
                + "</udpPort><tcpPort>443</tcpPort></mediaRelay>"
                + "</mediaRelayList></credentialsResponse></response>\r\n"
                + "BYE sip:dana@lab.example SIP/2.0\r\nCall-ID: c1\r\nCSeq: 2 BYE\r\nFrom: <sip:ann@lab.example>;tag=a\r\n"
                + "To: <sip:dana@lab.example>;tag=b\r\nms-client-diagnostics: 23;reason=\"Call failed to establish due "
                + "to a media connectivity failure\";CallerMediaDebug=\"application-sharing:ICEWarn=0x800008,"
                + "LocalSite=10.1.2.3:50040,LocalMR=" + host + ":" + udp + ",LocalLocation=2,RemoteLocation=1\"\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    static EdgePlaybook playbook() {
        return EdgePlaybook.create(PlaybookOptions.builder().environment(Map.of()).proxySelector(null)
                .deadline(Duration.ofSeconds(8)).build());
    }

    @Test
    void theLogsSuspicionIsConfirmedLiveWithTheProduct() throws Exception {
        try (SeedTopology lab = SeedTopology.websense()) {
            String text = log(lab.clientTarget().host(), lab.udpAddress().orElseThrow().port(), lab.clientTarget().port(),
                    "<mediaRelay><location>intranet</location><hostName>no-such-edge.invalid</hostName></mediaRelay>");
            Diagnosis d = Analyzer.builder().build().analyze(text, "client.log");
            assertThat(d.rootCause().code()).isEqualTo(RootCauseCode.TLS_INTERCEPTED);
            LogRelays relays = RelayExtractor.extract(text, "client.log", d);
            LiveConfirmation.Result r = LiveConfirmation.run(d, relays, playbook(), Optional.empty());
            assertThat(r.location()).isEqualTo(Location.INTRANET);
            // the internet relay is not probed from an intranet client's network
            assertThat(r.runs()).extracting(x -> x.relay().host()).containsExactly("127.0.0.1", "no-such-edge.invalid");
            RootCause c = r.merged();
            assertThat(c.code()).as(c.summary()).isEqualTo(RootCauseCode.TLS_INTERCEPTED);
            assertThat(c.summary()).startsWith("ICEWarn 0x800008 (0x800000, pseudo-TLS failure) in the log's "
                    + "ms-client-diagnostics").contains(": confirmed, TLS inspection by ").contains("Websense")
                    .contains("on TCP " + lab.clientTarget().port() + " to 127.0.0.1");
            assertThat(c.product()).hasValueSatisfying(p -> assertThat(p).contains("Websense"));
            assertThat(c.remedy()).contains("by IP address").contains("127.0.0.1");
            // the relay that does not resolve is reported, and did not hold the run up
            assertThat(r.runs().get(1).report()).hasValueSatisfying(rep ->
                    assertThat(rep.rootCause().code()).isEqualTo(RootCauseCode.DNS_FAILURE));
            // no credential was sent without the opt-in, and the log's password is in no output
            assertThat(lab.edge().usernamesSeen()).isZero();
            for (LiveConfirmation.RelayRun run : r.runs()) {
                run.report().ifPresent(rep -> assertThat(EdgeReports.json(rep) + EdgeReports.text(rep))
                        .doesNotContain(PASSWORD));
            }
            assertThat(c.summary() + c.remedy()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aCleanPathFromHereIsNotAConfirmation() throws Exception {
        try (SeedTopology lab = SeedTopology.msTurnEdge(null, "clean")) {
            String text = log(lab.clientTarget().host(), lab.udpAddress().orElseThrow().port(), lab.clientTarget().port(), "");
            Diagnosis d = Analyzer.builder().build().analyze(text, "client.log");
            LiveConfirmation.Result r = LiveConfirmation.run(d, RelayExtractor.extract(text, "client.log", d), playbook(),
                    Optional.empty());
            assertThat(r.allWork()).isTrue();
            assertThat(r.merged().code()).isEqualTo(RootCauseCode.TLS_INTERCEPTED);
            assertThat(r.merged().summary()).contains("not reproduced from this machine");
        }
    }

    @Test
    void aLogWithoutRelaysSaysSo() throws Exception {
        String text = log("127.0.0.1", 3478, 443, "").replaceAll("<mediaRelayList>.*</mediaRelayList>", "")
                .replace("LocalMR=127.0.0.1:3478,", "");
        Diagnosis d = Analyzer.builder().build().analyze(text, "client.log");
        LiveConfirmation.Result r = LiveConfirmation.run(d, RelayExtractor.extract(text, "client.log", d), playbook(),
                Optional.empty());
        assertThat(r.runs()).isEmpty();
        assertThat(r.merged().summary()).contains("Not confirmed live", "names no relay");
    }
}
