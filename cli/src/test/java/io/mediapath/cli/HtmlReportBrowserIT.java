package io.mediapath.cli;

import static io.mediapath.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.peers.Chromium;
import io.mediapath.lab.peers.OpensslServer;
import io.mediapath.lab.pki.IssuedCertificate;
import io.mediapath.lab.pki.LabCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTML reports in a real browser: headless Chromium (Debian {@code chromium}, the lab's {@link Chromium} launcher)
 * opens the page {@code --html} wrote for the seed demo ({@code edge --lab websense}: TLS interception), a clean path
 * ({@code edge --lab clean}), the seed log ({@code analyze --sample seed-alf}), and three pages made from hostile
 * text: a certificate presented by a real {@code openssl s_server} whose subject holds markup, a web page served by a
 * real nginx whose title holds markup, and a SIP message whose headers hold markup. Each page: no console message (a script that ran or was blocked by the page's CSP, a resource
 * fetched, would each log one), the modality table and every leg's SVG ladder in the rendered DOM, hostile text as
 * text (no element made from it), and a screenshot kept in {@code target/html-report-it/} as a build artefact (the
 * README's picture is {@code edge-websense.png} from here).
 */
class HtmlReportBrowserIT {

    static final Path OUT = Path.of("target", "html-report-it");
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String SVG_ONLOAD = "\"><svg onload=alert(2)>";

    @BeforeAll
    static void outputDirectory() throws Exception {
        Files.createDirectories(OUT);
    }

    /** Renders the page in Chromium and checks what every page must be: clean console, a PNG, no script element. */
    static Chromium.Rendering browse(Path page, String name, int height) throws Exception {
        Chromium.Rendering r = Chromium.render(page, OUT.resolve(name + ".png"), 1100, height, Duration.ofSeconds(60));
        assertThat(r.console()).as("console messages of " + name).isEmpty();
        byte[] png = Files.readAllBytes(r.screenshot());
        assertThat(png).hasSizeGreaterThan(10_000);
        assertThat(java.util.Arrays.copyOf(png, 8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        assertThat(r.dom()).contains("<html").doesNotContainPattern("(?i)<script").doesNotContainPattern("(?i)<iframe")
                .doesNotContainPattern("(?i)<[a-z][^>]*\\son[a-z]+=");
        Files.writeString(OUT.resolve(name + ".dom.html"), r.dom());
        return r;
    }

    /** The legs the JSON report says ran, each of which must have its ladder in the DOM. */
    static List<String> ranLegs(String json) {
        JsonNode n = JsonMapper.builder().build().readTree(json);
        List<String> legs = new ArrayList<>();
        for (JsonNode l : n.get("legs")) {
            if (!l.get("status").asString().equals("SKIPPED")) {
                legs.add(l.get("name").asString());
            }
        }
        return legs;
    }

    static void assertLadders(String dom, List<String> legs) {
        assertThat(legs).isNotEmpty();
        for (String leg : legs) {
            Matcher m = Pattern.compile("<svg [^>]*class=\"ladder\"[^>]*data-leg=\"" + Pattern.quote(leg) + "\"[^>]*>"
                    + "(.*?)</svg>", Pattern.DOTALL).matcher(dom);
            assertThat(m.find()).as("ladder of " + leg).isTrue();
            assertThat(m.group(1)).as("ladder of " + leg).contains("<line class=\"life\"", "client (this machine)");
        }
    }

    static void assertModalities(String dom, String... rows) {
        Matcher m = Pattern.compile("<table class=\"modalities\" id=\"modalities\">(.*?)</table>", Pattern.DOTALL)
                .matcher(dom);
        assertThat(m.find()).as("modality table").isTrue();
        assertThat(m.group(1)).contains(rows);
    }

    @Test
    void theSeedDemoPageRendersWithItsLaddersAndTheForgedChain() throws Exception {
        Path page = OUT.resolve("edge-websense.html");
        Path pcap = OUT.resolve("edge-websense.pcapng");
        CliRun r = run("edge", "--lab", "websense", "--timeout", "15", "--json", "--html", page.toString(), "--pcap",
                pcap.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(MediapathCli.FOUND);
        Chromium.Rendering b = browse(page, "edge-websense", 2000);
        // audio's verdict is the UDP leg's, which a loaded machine can turn to silence: only TCP's is asserted here
        assertModalities(b.dom(), "<td>audio</td>", "<td>video</td>", "<td>app sharing</td><td>FAILS</td>",
                "<td>file transfer</td><td>FAILS</td>");
        assertLadders(b.dom(), ranLegs(r.out()));
        assertThat(b.dom()).contains("TLS_INTERCEPTED", "ServerHello and Certificate in separate records — a genuine "
                + "Edge sends one 83-byte record", "class=\"cert forged\"", "Websense");

        // The run's own traffic, read back by analyze: the capture's page (its cause, table, each TLS flow's ladder).
        Path capturePage = OUT.resolve("analyze-capture-websense.html");
        CliRun a = run("analyze", pcap.toString(), "--html", capturePage.toString());
        assertThat(a.exit()).as(a.out() + a.err()).isEqualTo(MediapathCli.FOUND);
        Chromium.Rendering c = browse(capturePage, "analyze-capture-websense", 1500);
        assertModalities(c.dom(), "<td>app sharing</td><td>FAILS</td>");
        assertThat(c.dom()).contains("Root cause: <code>TLS_INTERCEPTED</code>", "id=\"flows\"")
                .containsPattern("<svg [^>]*class=\"ladder\"[^>]*data-leg=\"frame-[0-9]+\"");
    }

    /** The page of turn --ms-turn against the lab's emulated Edge: the one leg's table and its ladder. */
    @Test
    void anMsTurnPageRendersWithItsLadder() throws Exception {
        Path page = OUT.resolve("turn-ms-turn.html");
        try (io.mediapath.lab.edge.EmulatedEdge edge = io.mediapath.lab.edge.EmulatedEdge.builder()
                .msTurn("alice", "s3cret").start()) {
            CliRun r = run("turn", "--ms-turn", "turn:127.0.0.1:" + edge.address().port() + "?transport=tcp",
                    "--username", "alice", "--password", "s3cret", "--timeout", "10", "--html", page.toString());
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
        }
        Chromium.Rendering b = browse(page, "turn-ms-turn", 1200);
        assertModalities(b.dom(), "<td>app sharing</td><td>WORKS</td>", "<td>audio</td><td>UNKNOWN</td>");
        assertLadders(b.dom(), List.of("ms-turn"));
        assertThat(b.dom()).doesNotContain("s3cret");
    }

    @Test
    void aCleanPathRendersWithEveryModalityWorking() throws Exception {
        Path page = OUT.resolve("edge-clean.html");
        CliRun r = run("edge", "--lab", "clean", "--timeout", "15", "--json", "--html", page.toString());
        assertThat(r.exit()).as(r.err()).isIn(MediapathCli.OK, MediapathCli.FOUND);
        Chromium.Rendering b = browse(page, "edge-clean", 1500);
        // the UDP leg can turn silent on a loaded machine (audio and video degraded, exit 1): TCP's are asserted
        assertModalities(b.dom(), "<td>audio</td>", "<td>video</td>", "<td>app sharing</td><td>WORKS</td>",
                "<td>file transfer</td><td>WORKS</td>");
        assertLadders(b.dom(), ranLegs(r.out()));
        assertThat(b.dom()).doesNotContain("TLS_INTERCEPTED");
    }

    @Test
    void theSeedLogAnalysisRendersWithItsMatrixAndIceWarnBits() throws Exception {
        Path page = OUT.resolve("analyze-seed-alf.html");
        CliRun r = run("analyze", "--sample", "seed-alf", "--html", page.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(MediapathCli.FOUND);
        Chromium.Rendering b = browse(page, "analyze-seed-alf", 1500);
        assertModalities(b.dom(), "<td>app sharing</td><td>FAILS</td>");
        assertThat(b.dom()).contains("Root cause: <code>TLS_INTERCEPTED</code>", "<table class=\"matrix\">",
                "PSEUDO_TLS_FAILURE", "<code>0x800000</code>");
    }

    @Test
    void aCertificateSubjectHoldingMarkupStaysText() throws Exception {
        LabCa ca = LabCa.create();
        X500Principal subject = new X500Principal(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, SCRIPT)
                .addRDN(BCStyle.O, SVG_ONLOAD).build().getEncoded());
        IssuedCertificate cert = ca.issue(subject, Duration.ofDays(30), "relay.lync.test");
        Path page = OUT.resolve("tls-hostile-certificate.html");
        try (OpensslServer server = OpensslServer.builder().certificate(cert).start()) {
            CliRun r = run("tls", server.address().toString(), "--sni", "relay.lync.test", "--html", page.toString());
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(MediapathCli.FOUND);
        }
        Chromium.Rendering b = browse(page, "tls-hostile-certificate", 1200);
        // the subject as Bouncy Castle writes it (RFC 4514: "<", ">", "=" and quotes backslash-escaped), as text
        assertThat(b.dom()).containsPattern("\\\\?&lt;script\\\\?&gt;alert\\(1\\)")
                .containsPattern("\\\\?&lt;svg onload\\\\?=alert\\(2\\)")
                .doesNotContainPattern("<svg[^>]*onload").contains("data-leg=\"tls\"", "class=\"cert");
    }

    @Test
    void sipHeadersHoldingMarkupStayText() throws Exception {
        Path log = OUT.resolve("hostile.log");
        Files.writeString(log, "INVITE sip:b@example.com SIP/2.0\r\nCall-ID: " + SVG_ONLOAD + "\r\nCSeq: 1 INVITE\r\n"
                + "Subject: " + SCRIPT + "\r\nms-client-diagnostics: 23;reason=\"" + SCRIPT + "'><svg onload=alert(2)>\";"
                + "CallerMediaDebug=\""
                + "application-sharing:ICEWarn=0x800000,LocalSite=10.1.2.3:50040,LocalMR=10.9.9.9:3478\"\r\n"
                + "Content-Length: 0\r\n\r\n");
        Path page = OUT.resolve("analyze-hostile.html");
        CliRun r = run("analyze", "--html", page.toString(), log.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(MediapathCli.FOUND);
        Chromium.Rendering b = browse(page, "analyze-hostile", 1200);
        assertThat(b.dom()).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;svg onload=alert(2)&gt;")
                .doesNotContainPattern("<svg[^>]*onload");
    }

    /**
     * A web page whose title holds markup, served by a real nginx where the relay should be: the edge run's HTTP leg
     * reads the title and the page shows it as text in Chromium (no script ran, no element made from it). The TURN
     * page of the same server and the ms-turn and nat pages render too (no console message), each with its modality
     * table.
     */
    @Test
    void aWebPageTitleHoldingMarkupStaysText() throws Exception {
        String title = SCRIPT + SVG_ONLOAD;
        Path page = OUT.resolve("edge-hostile-title.html");
        try (io.mediapath.lab.peers.Nginx nginx = io.mediapath.lab.peers.Nginx.builder()
                .page("<html><head><title>" + title + "</title></head><body><h1>blocked</h1></body></html>").start();
                java.net.DatagramSocket silent = new java.net.DatagramSocket(0,
                        java.net.InetAddress.getLoopbackAddress())) {
            CliRun r = run("edge", nginx.address().host(), "--tcp-port", Integer.toString(nginx.address().port()),
                    "--udp-port", Integer.toString(silent.getLocalPort()), "--dialect", "turn", "--timeout", "8",
                    "--html", page.toString());
            assertThat(r.exit()).as(r.out() + r.err()).isIn(MediapathCli.OK, MediapathCli.FOUND);
            assertThat(Files.readString(page)).as("the title reached the page").contains("alert(1)");
        }
        Chromium.Rendering b = browse(page, "edge-hostile-title", 1500);
        assertModalities(b.dom(), "<td>audio</td>", "<td>file transfer</td>");
        assertThat(b.dom()).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;svg onload=alert(2)&gt;")
                .doesNotContainPattern("<svg[^>]*onload");
    }
}
