package io.mediapath.diagnose.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.diagnose.Analyzer;
import io.mediapath.diagnose.Diagnosis;
import io.mediapath.diagnose.RootCause;
import io.mediapath.diagnose.playbook.EdgePlaybook;
import io.mediapath.diagnose.playbook.EdgeReport;
import io.mediapath.diagnose.playbook.EdgeTarget;
import io.mediapath.diagnose.playbook.LegKind;
import io.mediapath.diagnose.playbook.LegResult;
import io.mediapath.diagnose.playbook.LegStatus;
import io.mediapath.diagnose.playbook.Modality;
import io.mediapath.diagnose.playbook.ModalityVerdict;
import io.mediapath.diagnose.playbook.PlaybookOptions;
import io.mediapath.diagnose.playbook.Support;
import io.mediapath.diagnose.RootCauseCode;
import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.Severity;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.ProbeResult;
import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.ice.probe.WirePayload;
import io.mediapath.lab.SeedTopology;
import io.mediapath.tls.CertificateInfo;
import io.mediapath.tls.Confidence;
import io.mediapath.tls.FlightRead;
import io.mediapath.tls.FlightRecord;
import io.mediapath.tls.HttpAnswer;
import io.mediapath.tls.TlsInspection;
import io.mediapath.tls.Verdict;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The HTML renderings: the page frame (no script, no external resource), the edge page of the seed (the lab's
 * Websense-named proxy: ladders with the split-record mark, the forged chain as cards), the analyze page of the seed
 * log (modality table, candidate matrix, ICEWarn bits), and hostile text from the network or the input staying
 * inert. The rendered pages also go through Chromium in the cli module's {@code HtmlReportBrowserIT}.
 */
class HtmlReportTest {

    static final String SCRIPT = "<script>alert(1)</script>";
    static final String SVG_ONLOAD = "\"><svg onload=alert(2)>";

    static EdgeReport edge(SeedTopology lab) throws Exception {
        PlaybookOptions o = PlaybookOptions.builder().environment(Map.of()).proxySelector(null)
                .deadline(Duration.ofSeconds(8)).build();
        EdgeTarget t = EdgeTarget.builder(lab.clientTarget().host()).udpPort(lab.udpAddress().orElseThrow().port())
                .tcpPort(lab.clientTarget().port()).sni("edge.lab.example").build();
        return EdgePlaybook.create(o).run(t).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /** Every markup tag the page holds, by name: what a browser would build elements from. */
    static List<String> tags(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<([a-zA-Z][a-zA-Z0-9-]*)").matcher(html);
        while (m.find()) {
            out.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }

    static void assertSelfContained(String html) {
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(html).contains("http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';");
        assertThat(tags(html)).doesNotContain("script", "iframe", "object", "embed", "link", "img", "base", "form");
        // a "<" of the page always opens a tag (text has &lt;): no tag carries an event handler or fetches anything
        assertThat(html).doesNotContainPattern("(?i)<[a-z][^>]*\\son[a-z]+\\s*=")
                .doesNotContainPattern("(?i)<[a-z][^>]*\\s(src|href)\\s*=\\s*\"?(https?:|//|data:|javascript:)");
        assertThat(html).contains("prefers-color-scheme:dark").contains("@media print");
    }

    @Test
    void theSeedsEdgePageShowsTheCauseTheModalitiesALadderPerLegAndTheForgedChain() throws Exception {
        EdgeReport r;
        try (SeedTopology lab = SeedTopology.websense()) {
            r = edge(lab);
        }
        String html = HtmlReport.edge(r);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/edge-websense-unit.html"), html);
        assertSelfContained(html);
        assertThat(html).contains("<h2>Root cause: <code>TLS_INTERCEPTED</code></h2>", "Websense");
        String modalities = html.substring(html.indexOf("<table class=\"modalities\""), html.indexOf("</table>",
                html.indexOf("<table class=\"modalities\"")));
        // audio's verdict is the UDP leg's, which a loaded machine can turn to silence: TCP's are asserted here
        assertThat(modalities).contains("<td>audio</td>", "<td>video</td>", "<td>app sharing</td><td>FAILS</td>",
                "<td>file transfer</td><td>FAILS</td>");
        for (LegResult l : r.legs()) {
            if (l.ran()) {
                assertThat(html).as(l.name()).contains("<svg class=\"ladder\" xmlns=\"http://www.w3.org/2000/svg\" "
                        + "data-leg=\"" + l.name() + "\"");
            } else {
                assertThat(html).doesNotContain("data-leg=\"" + l.name() + "\"");
            }
        }
        // the tcp-relay leg: the pseudo-TLS hello, then the proxy's records one per arrow, the split marked
        String tcpRelay = section(html, "leg-tcp-relay");
        assertThat(tcpRelay).contains("pseudo-TLS ClientHello, 50 bytes", "record 0: ServerHello", "record 1: Certificate")
                .contains("ServerHello and Certificate in separate records — a genuine Edge sends one 83-byte record")
                .contains("TCP connect (SYN)");
        // the certificate chain as cards: the leaf forged for the Edge's name, the product and the field that named it
        String certs = html.substring(html.indexOf("<h2>Certificates</h2>"));
        assertThat(certs).contains("class=\"cert forged\" data-index=\"0\"", "leaf 0: edge.lab.example", "SPKI pin",
                "sha256/", "Websense").containsPattern("<dt>product</dt><dd>Websense[^<]* — the issuer&#39;s O=Websense Inc\\. matched its signature");
        assertThat(html.split("class=\"chain\"", -1).length - 1)
                .as("one chain, the proxy's forged one, shown once").isEqualTo(1);
        assertThat(html).doesNotContain("password");
    }

    @Test
    void aCleanEdgePageHasNoMarkAndEveryModalityWorks() throws Exception {
        EdgeReport r;
        try (SeedTopology lab = SeedTopology.msTurnEdge(null, "clean")) {
            r = edge(lab);
        }
        String html = HtmlReport.edge(r);
        assertSelfContained(html);
        // the UDP leg can turn silent on a loaded machine (then audio is degraded): the TCP side is asserted
        assertThat(html).contains("<td>app sharing</td><td>WORKS</td>", "<td>file transfer</td><td>WORKS</td>");
        assertThat(section(html, "leg-tcp-relay")).contains("record 0: ServerHello + ServerHelloDone, 83 B")
                .contains("401 from realm").doesNotContain("class=\"mark\"").doesNotContain("class=\"step bad\"");
        assertThat(section(html, "leg-udp-relay")).contains("data-leg=\"udp-relay\"", "UDP to ");
    }

    @Test
    void aLegWithoutAnswerShowsItsRequestLostAndTheDeadline() {
        List<TimelineEvent> t = List.of(new TimelineEvent(1_000_000, "stun.request", "Allocate #1"),
                new TimelineEvent(101_000_000, "stun.retransmit", "Allocate #2"),
                new TimelineEvent(301_000_000, "stun.retransmit", "Allocate #3"),
                new TimelineEvent(1_901_000_000, "turn.failed", "TIMEOUT: no answer within 1.9 s"));
        Ladder l = Ladder.of("udp-relay", "192.0.2.1:3478", t, Optional.empty(), Ladder.Answerer.NOBODY,
                "in between: nothing answered", "no answer over UDP");
        assertThat(l.steps()).filteredOn(s -> s instanceof Ladder.Arrow a && a.lost()).hasSize(3);
        assertThat(l.steps()).filteredOn(s -> s instanceof Ladder.Note n && n.deadline()).hasSize(1);
        assertThat(l.marks()).anyMatch(m -> m.startsWith("no answer before the deadline (1901.0 ms"));
        String svg = l.svg();
        assertThat(svg).contains("retransmit: Allocate #2", "retransmit: Allocate #3", "class=\"deadline\"",
                "class=\"arrow lost\"");
    }

    @Test
    void wirePayloadsDrawTheArrowsWhenTheProbeRecordedThem() {
        InetSocketAddress me = new InetSocketAddress("127.0.0.1", 40000);
        InetSocketAddress relay = new InetSocketAddress("127.0.0.1", 3478);
        List<TimelineEvent> t = List.of(
                new TimelineEvent(1_000_000, "msturn.start", "UDP to 127.0.0.1:3478: Allocate"),
                new TimelineEvent(1_100_000, "wire", "Allocate", WirePayload.of(WirePayload.Direction.SENT,
                        WirePayload.Transport.UDP, me, relay, new byte[28], 0, 28)),
                new TimelineEvent(5_000_000, "wire", "401", WirePayload.of(WirePayload.Direction.RECEIVED,
                        WirePayload.Transport.UDP, me, relay, new byte[96], 0, 96)),
                new TimelineEvent(5_100_000, "msturn.challenge", "401 from realm \"SIP Communications Service\""));
        Ladder l = Ladder.of("udp-relay", "127.0.0.1:3478", t, Optional.empty(), Ladder.Answerer.RELAY, "x", "");
        List<Ladder.Arrow> arrows = l.steps().stream().filter(s -> s instanceof Ladder.Arrow)
                .map(s -> (Ladder.Arrow) s).toList();
        assertThat(arrows).extracting(Ladder.Arrow::label).containsExactly("wire: Allocate (28 B UDP)",
                "wire: 401 (96 B UDP)");
        assertThat(arrows.get(0).to()).isEqualTo(Ladder.RELAY);
        assertThat(arrows.get(1).from()).isEqualTo(Ladder.RELAY);
        assertThat(l.steps()).filteredOn(s -> s instanceof Ladder.Note).hasSize(2);
    }

    @Test
    void wirePayloadsAreNamedAndARepeatedUdpRequestIsARetransmission() {
        InetSocketAddress me = new InetSocketAddress("127.0.0.1", 40000);
        InetSocketAddress relay = new InetSocketAddress("127.0.0.1", 3478);
        byte[] allocate = stun(0x0003, new byte[0]);
        // 401: ERROR-CODE attribute (0x0009), class 4, number 1
        byte[] error = stun(0x0113, new byte[] {0x00, 0x09, 0x00, 0x04, 0x00, 0x00, 0x04, 0x01});
        List<TimelineEvent> t = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            t.add(new TimelineEvent(k * 100_000_000L, "bytes.sent", "28 bytes", WirePayload.of(
                    WirePayload.Direction.SENT, WirePayload.Transport.UDP, me, relay, allocate, 0, allocate.length)));
        }
        t.add(new TimelineEvent(350_000_000L, "bytes.received", "28 bytes", WirePayload.of(
                WirePayload.Direction.RECEIVED, WirePayload.Transport.UDP, me, relay, error, 0, error.length)));
        Ladder l = Ladder.of("udp-relay", "127.0.0.1:3478", t, Optional.empty(), Ladder.Answerer.RELAY, "x", "");
        assertThat(l.steps()).extracting(s -> ((Ladder.Arrow) s).label()).containsExactly(
                "STUN Allocate request (20 B UDP)", "retransmit: STUN Allocate request (20 B UDP)",
                "retransmit: STUN Allocate request (20 B UDP)", "STUN Allocate error 401 (28 B UDP)");
        byte[] hello = {22, 3, 1, 0, 45, 1};
        assertThat(WireLabel.tls(hello)).hasValue("TLS Handshake ClientHello record, 50 B");
        assertThat(WireLabel.http("HTTP/1.1 407 Proxy Authentication Required\r\n".getBytes(StandardCharsets.US_ASCII)))
                .hasValue("HTTP/1.1 407 Proxy Authentication Required");
        assertThat(WireLabel.describe(WirePayload.of(WirePayload.Direction.RECEIVED, WirePayload.Transport.TCP, me,
                relay, new byte[] {1, 2, 3}, 0, 3))).isEmpty();
    }

    /** A STUN message with the magic cookie, a zero transaction id and these attribute bytes. */
    static byte[] stun(int type, byte[] attributes) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(20 + attributes.length);
        b.putShort((short) type).putShort((short) attributes.length).putInt(0x2112A442).put(new byte[12]).put(attributes);
        return b.array();
    }

    @Test
    void theSeedLogPageHasTheModalitiesTheCandidateMatrixAndTheIceWarnBits() throws Exception {
        Diagnosis d = Analyzer.builder().build().analyze(sample("seed-alf-appsharing.log"), "seed-alf-appsharing.log");
        String html = HtmlReport.render(d);
        assertSelfContained(html);
        assertThat(html).contains("<h2>Root cause: <code>TLS_INTERCEPTED</code></h2>", "id=\"modalities\"",
                "<table class=\"matrix\">", "<th>relay</th>", "PSEUDO_TLS_FAILURE", "<code>0x800000</code>");
        String modalities = html.substring(html.indexOf("id=\"modalities\""), html.indexOf("</table>",
                html.indexOf("id=\"modalities\"")));
        assertThat(modalities).contains("<td>app sharing</td><td>FAILS</td>");
        assertThat(html.split("<section>", -1)).hasSize(2);
    }

    @Test
    void aPageOfAStreamedLogOfManyDialogsStaysBounded() throws Exception {
        String seed = sample("seed-alf-appsharing.log");
        StringBuilder log = new StringBuilder();
        for (int k = 0; k < 120; k++) {
            String suffix = String.format(java.util.Locale.ROOT, "%08x", k);
            log.append(seed.replace("8f14e45fceea167a5a36dedd4bea2543", "8f14e45fceea167a5a36dedd" + suffix)
                    .replace("c9f0f895fb98ab9159f51fd0297e236d", "c9f0f895fb98ab9159f51fd0" + suffix));
        }
        Diagnosis d = Analyzer.builder().build().analyze(new java.io.StringReader(log.toString()), "many.log");
        assertThat(d.dialogs().size()).isGreaterThan(HtmlReport.MAX_DIALOGS);
        assertThat(d.findings().size()).isGreaterThan(Html.MAX_FINDINGS);
        String html = HtmlReport.render(d);
        assertThat(html).contains((d.dialogs().size() - HtmlReport.MAX_DIALOGS) + " more dialogs not shown",
                (d.findings().size() - Html.MAX_FINDINGS) + " more findings not listed",
                "(cut here: the whole text report is what the command prints)");
        assertThat(html.split("<div class=\"dialog\">", -1)).hasSize(HtmlReport.MAX_DIALOGS + 1);
        assertThat(html.length()).as("page size").isLessThan(2_000_000);
    }

    @Test
    void hostileTextFromTheNetworkAndTheInputStaysInert() throws Exception {
        String hostile = SCRIPT + SVG_ONLOAD + "<img src=x onerror=alert(3)>";
        CertificateInfo leaf = new CertificateInfo("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----",
                "CN=" + hostile, "CN=" + SVG_ONLOAD, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-02T00:00:00Z"), "AAAA" + SCRIPT, "RSA", 3, false);
        Finding product = Finding.builder("INTERCEPTOR_PRODUCT_IDENTIFIED", Severity.ERROR)
                .summary("names " + hostile).evidence(new Evidence("probe " + SCRIPT, "certificate 0",
                        SCRIPT + " [web, high]: CN=" + SVG_ONLOAD)).remedy(hostile).build();
        Finding forged = Finding.builder("FORGED_LEAF_RSA_EXPONENT_3", Severity.ERROR).summary(hostile)
                .evidence(new Evidence("probe", "certificate 0", hostile)).remedy("").build();
        HttpAnswer page = new HttpAnswer("HTTP/1.1 403 " + hostile, 403, List.of(Map.entry("Server", hostile)),
                hostile, true);
        TlsInspection i = new TlsInspection("tls", new TransportAddress("edge.example.com", 443), "192.0.2.9",
                Verdict.INTERCEPTED, Confidence.HIGH, Optional.of(Duration.ofMillis(1)), Optional.of(Duration.ofMillis(2)),
                List.of(new FlightRead(Duration.ofMillis(2), 900)), List.of(new FlightRecord(0, 22, 0x0303, 895, 0, 0,
                        List.of("ServerHello", hostile))), List.of(), List.of(leaf), Optional.empty(), Optional.of(page),
                "", List.of(product, forged), List.of(new TimelineEvent(0, "connect.start", hostile),
                        new TimelineEvent(1, "hello.sent", hostile), new TimelineEvent(2, "bytes.received", hostile),
                        new TimelineEvent(3, hostile, hostile)), Duration.ofMillis(3));
        List<String> pages = new ArrayList<>();
        pages.add(HtmlReport.tls(i));
        LegResult leg = new LegResult(LegKind.TCP_RELAY, "tcp-relay", LegStatus.INTERCEPTED, hostile,
                new ProbeResult("pseudo-tls", i.target(), "INTERCEPTED", false, List.of(product), i.timeline(),
                        Duration.ofMillis(3)), Optional.of(hostile), List.of(), Optional.of(i));
        EdgeReport r = new EdgeReport(EdgeTarget.builder("edge.example.com").build(), List.of(leg),
                List.of(new ModalityVerdict(Modality.APPSHARING, Support.FAILS, hostile, hostile)),
                new RootCause(RootCauseCode.TLS_INTERCEPTED, hostile, hostile, Optional.of(hostile),
                        List.of(new Evidence(hostile, hostile, hostile))), List.of(product, forged), List.of(),
                Duration.ofMillis(5));
        pages.add(HtmlReport.edge(r));
        String sip = "INVITE sip:b@example.com SIP/2.0\r\nCall-ID: " + SVG_ONLOAD + "\r\nCSeq: 1 INVITE\r\n"
                + "Subject: " + SCRIPT + "\r\nms-client-diagnostics: 23;reason=\"" + SCRIPT + "\";CallerMediaDebug=\""
                + "application-sharing:ICEWarn=0x800000,LocalSite=10.1.2.3:50040,LocalMR=10.9.9.9:3478\"\r\n"
                + "Content-Length: 0\r\n\r\n";
        pages.add(HtmlReport.render(Analyzer.builder().build().analyze(sip, SCRIPT + ".log")));
        for (String html : pages) {
            assertSelfContained(html);
            assertThat(html).doesNotContain("<script", "<svg onload", "<img")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
            assertThat(tags(html)).doesNotContain("script", "img");
        }
        assertThat(pages.get(0)).contains("&quot;&gt;&lt;svg onload=alert(2)&gt;");
    }

    @Test
    void escapingCoversMarkupQuotesAndControls() {
        assertThat(Html.esc("<a href='x'>\"&\u001b[31m")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&quot;&amp;\\u001b[31m");
        assertThat(Html.esc("plain")).isEqualTo("plain");
        assertThat(Html.token("leg <x>")).isEqualTo("leg--x-");
        assertThat(CertificateCards.names("certificates 0 and 2", 2)).isTrue();
        assertThat(CertificateCards.names("certificate 10", 1)).isFalse();
    }

    private static String section(String html, String id) {
        int from = html.indexOf("id=\"" + id + "\"");
        assertThat(from).as(id).isPositive();
        return html.substring(from, html.indexOf("</section>", from));
    }

    static String sample(String name) throws Exception {
        try (InputStream in = HtmlReportTest.class.getClassLoader().getResourceAsStream("samples/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
