package io.mediapath.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.diagnose.report.JsonReport;
import io.mediapath.diagnose.report.TextReport;
import io.mediapath.sdp.msdiag.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RelayExtractorTest {

    private static final String PASSWORD = "S3cr3tMrasPassw0rd+Zq9=";

    static String resource(String name) throws IOException {
        try (InputStream in = RelayExtractorTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void mrasAnswerGivesOneRelayPerLocationAndKeepsTheCredentialsHidden() throws Exception {
        LogRelays r = RelayExtractor.extract(resource("mras-service.log"), "client.log");
        assertThat(r.problems()).isEmpty();
        assertThat(r.relays()).hasSize(2);
        RelayTarget in = r.relays().get(0);
        assertThat(in.host()).isEqualTo("av-int.contoso.test");
        assertThat(in.location()).isEqualTo(Location.INTRANET);
        assertThat(in.udpPort()).isEqualTo(3478);
        assertThat(in.tcpPort()).isEqualTo(443);
        assertThat(in.source()).isEqualTo(RelayTarget.Source.MRAS);
        assertThat(in.evidence().location()).isEqualTo("line 13");
        assertThat(r.forLocation(Location.INTERNET)).extracting(RelayTarget::host).containsExactly("av.contoso.test");
        assertThat(r.credentials()).hasValueSatisfying(c -> assertThat(c.password()).isEqualTo(PASSWORD));
        assertThat(r.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void theMrasPasswordNeverReachesAReport() throws Exception {
        String log = resource("mras-service.log");
        Diagnosis d = Analyzer.builder().build().analyze(log, "client.log");
        assertThat(TextReport.render(d)).doesNotContain(PASSWORD);
        assertThat(JsonReport.render(d)).doesNotContain(PASSWORD);
        // evidence that quotes the XML line hides it (a scan problem or malformed body could cite it)
        assertThat(io.mediapath.ice.Evidence.line("x", 1, "      <password>" + PASSWORD + "</password>").excerpt())
                .doesNotContain(PASSWORD).contains("<password>[redacted]</password>");
        assertThat(io.mediapath.ice.Evidence.line("x", 1, "<m:password>" + PASSWORD).excerpt()).doesNotContain(PASSWORD);
    }

    @Test
    void localMrNamesTheRelayTheClientUsedAndMergesWithMras() throws Exception {
        String log = AnalyzerTest.sample("seed-alf-appsharing.log");
        Diagnosis d = Analyzer.builder().build().analyze(log, "alf.log");
        LogRelays r = RelayExtractor.extract(log, "alf.log", d);
        // MRAS names edgepool-int.example.com for intranet; LocalMR adds the address the client used
        assertThat(r.relays()).singleElement().satisfies(t -> {
            assertThat(t.host()).isEqualTo("edgepool-int.example.com");
            assertThat(t.address()).isEqualTo(Optional.of("10.20.1.10"));
            assertThat(t.location()).isEqualTo(Location.INTRANET);
            assertThat(t.source()).isEqualTo(RelayTarget.Source.MRAS);
        });
        // the websense sample has no MRAS answer: the relay comes from LocalMR alone
        String ws = AnalyzerTest.sample("seed-websense-desktop-sharing.sip");
        LogRelays w = RelayExtractor.extract(ws, "ws.sip", Analyzer.builder().build().analyze(ws, "ws.sip"));
        assertThat(w.relays()).singleElement().satisfies(t -> {
            assertThat(t.host()).isEqualTo("av-int.example.org");
            assertThat(t.address()).isEqualTo(Optional.of("172.16.5.9"));
            assertThat(t.source()).isEqualTo(RelayTarget.Source.LOCAL_MR);
            assertThat(t.udpPort()).isEqualTo(3478);
            assertThat(t.tcpPort()).isEqualTo(443);
        });
    }

    @Test
    void externalEntitiesAndDtdsAreNeverRead() {
        String xxe = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<credentialsResponse><mediaRelayList><mediaRelay><location>intranet</location>"
                + "<hostName>&x;</hostName></mediaRelay></mediaRelayList></credentialsResponse>";
        LogRelays r = RelayExtractor.extract(xxe, "evil.log");
        assertThat(r.relays()).isEmpty();
        assertThat(r.problems()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(RelayExtractor.MRAS_UNREADABLE);
            assertThat(f.summary()).doesNotContain("root:");
        });
        String inner = "<credentialsResponse><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><mediaRelayList>"
                + "<mediaRelay><hostName>&x;</hostName></mediaRelay></mediaRelayList></credentialsResponse>";
        assertThat(RelayExtractor.extract(inner, "evil.log").relays()).isEmpty();
    }

    @Test
    void badInputIsBoundedAndReported() {
        assertThat(RelayExtractor.extract("<credentialsResponse><mediaRelayList>", "cut.log").problems())
                .singleElement().satisfies(f -> assertThat(f.summary()).contains("cut log"));
        String huge = "<credentialsResponse>" + "x".repeat(RelayExtractor.MAX_FRAGMENT_CHARS) + "</credentialsResponse>";
        assertThat(RelayExtractor.extract(huge, "big.log").problems()).singleElement()
                .satisfies(f -> assertThat(f.summary()).contains("longer than"));
        String shell = "<credentialsResponse><mediaRelayList><mediaRelay><hostName>a;rm -rf /</hostName><udpPort>99999"
                + "</udpPort></mediaRelay></mediaRelayList></credentialsResponse>";
        LogRelays r = RelayExtractor.extract(shell, "x.log");
        assertThat(r.relays()).isEmpty();
        assertThat(r.problems()).hasSize(1);
        StringBuilder many = new StringBuilder("<credentialsResponse><mediaRelayList>");
        for (int i = 0; i < 200; i++) {
            many.append("<mediaRelay><hostName>r").append(i).append(".test</hostName></mediaRelay>");
        }
        many.append("</mediaRelayList></credentialsResponse>");
        assertThat(RelayExtractor.extract(many.toString(), "m.log").relays()).hasSize(RelayExtractor.MAX_RELAYS);
    }
}
