package io.mediapath.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.SeedTopology;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exporter over HTTP on loopback: refusals (403 outside the allowlist, 400 with the reason for a bad query,
 * never a stack trace), a probe past its deadline ({@code probe_success 0} naming the phase that timed out), a
 * genuine probe against the lab's emulated Edge (a real MS-TURN pseudo-TLS peer in process), own metrics and the
 * escaped page.
 */
class MediapathExporterTest {
    private MediapathExporter exporter;

    @BeforeEach
    void start() throws Exception {
        exporter = MediapathExporter.builder().listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .allow(Allowlist.of(List.of("127.0.0.0/8", "localhost"))).environment(Map.of()).start();
    }

    @AfterEach
    void stop() {
        exporter.close();
    }

    /** An HTTP answer: status, content type, body. */
    record Answer(int statusCode, String contentType, String body) {
    }

    Answer get(String pathAndQuery, String scrapeTimeout) throws Exception {
        return get(exporter.address().getPort(), pathAndQuery, scrapeTimeout);
    }

    static Answer get(int port, String pathAndQuery, String scrapeTimeout) throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL("http", "127.0.0.1", port, pathAndQuery)
                .openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(30_000);
        if (scrapeTimeout != null) {
            c.setRequestProperty("X-Prometheus-Scrape-Timeout-Seconds", scrapeTimeout);
        }
        try {
            int status = c.getResponseCode();
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new Answer(status, c.getContentType(), body);
            }
        } finally {
            c.disconnect();
        }
    }

    /** The server's connections run without Nagle's algorithm (a value the JVM was given is kept). */
    @Test
    void scrapeConnectionsRunWithoutNagle() {
        assertThat(System.getProperty(MediapathExporter.NODELAY)).isEqualTo("true");
    }

    @Test
    void listensOnLoopbackByDefault() {
        assertThat(exporter.address().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void targetOutsideTheAllowlistIs403() throws Exception {
        Answer r = get("/probe?target=192.0.2.1:3478&module=stun_udp", "5");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("192.0.2.1").contains("not in the allowlist");
        Answer name = get("/probe?target=relay.example.net&module=stun_udp", "5");
        assertThat(name.statusCode()).isEqualTo(403);
    }

    @Test
    void badQueriesAre400WithTheReasonAndNoStackTrace() throws Exception {
        Map<String, String> cases = Map.of(
                "/probe", "missing target",
                "/probe?target=127.0.0.1", "missing module",
                "/probe?target=http://127.0.0.1/&module=stun_udp", "a URL",
                "/probe?target=127.0.0.1:0&module=stun_udp", "port 0",
                "/probe?target=127.0.0.1&module=http_2xx", "unknown module http_2xx",
                "/probe?target=127.0.0.1&module=turn_udp&password=hunter2", "never taken from the URL");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Answer r = get(c.getKey(), "5");
            assertThat(r.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(r.body()).as(c.getKey()).contains(c.getValue()).doesNotContain("Exception")
                    .doesNotContain("\tat ").doesNotContain("hunter2");
        }
        Answer badHeader = get("/probe?target=127.0.0.1&module=stun_udp", "soon");
        assertThat(badHeader.statusCode()).isEqualTo(400);
        assertThat(badHeader.body()).contains("X-Prometheus-Scrape-Timeout-Seconds");
        assertThat(get("/nothing", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aProbePastTheDeadlineIsProbeSuccess0WithTheTimedOutPhase() throws Exception {
        // A UDP socket that never answers: the STUN Binding waits until the scrape's budget is spent.
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Answer r = get("/probe?target=127.0.0.1:" + silent.getLocalPort() + "&module=stun_udp", "1.5");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.contentType()).startsWith("text/plain; version=0.0.4");
            assertThat(r.body()).contains("\nprobe_success 0.0\n").containsPattern(
                    "mediapath_failed_phase_info\\{leg=\"stun_udp\",phase=\"[a-z-]+\",reason=\"timeout\"} 1");
            assertThat(r.body()).doesNotContain("phase=\"resolve\",reason");
            double seconds = Double.parseDouble(r.body().replaceAll("(?s).*\nprobe_duration_seconds ([0-9.Ee-]+)\n.*", "$1"));
            assertThat(seconds).isLessThan(1.5);
        }
    }

    @Test
    void genuineEdgeIsProbeSuccess1AndTheVerdictIsALabel() throws Exception {
        try (SeedTopology lab = SeedTopology.msTurnEdge(null, "clean")) {
            Answer r = get("/probe?target=" + lab.clientTarget() + "&module=pseudo_tls", "8");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\nprobe_success 1.0\n")
                    .contains("mediapath_verdict_info{leg=\"pseudo_tls\",verdict=\"GENUINE_PSEUDO_TLS\"} 1")
                    .contains("mediapath_tls_intercepted{product=\"\"} 0.0")
                    .contains("mediapath_phase_duration_seconds{leg=\"pseudo_tls\",phase=\"connect\"}")
                    .doesNotContain("mediapath_failed_phase_info");
        }
    }

    @Test
    void edgeModuleExportsRootCauseModalitiesAndLegPhases() throws Exception {
        try (SeedTopology lab = SeedTopology.msTurnEdge(null, "clean")) {
            ExporterConfig c = ExporterConfig.parse("allow: [127.0.0.1]\nmodules:\n  lab_edge: {prober: edge_ms_turn, udp_port: "
                    + lab.udpAddress().orElseThrow().port() + ", sni: edge.lab.example, timeout: 8s}\n");
            try (MediapathExporter e = MediapathExporter.builder()
                    .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).config(c, List.of())
                    .environment(Map.of()).start()) {
                Answer r = get(e.address().getPort(), "/probe?target=" + lab.clientTarget() + "&module=lab_edge", "9");
                assertThat(r.body()).contains("\nprobe_success 1.0\n").contains("mediapath_root_cause_info{code=\"NONE\"} 1")
                        .contains("mediapath_modality_ok{modality=\"appsharing\"} 1.0")
                        .contains("mediapath_verdict_info{leg=\"tcp-relay\",verdict=\"PASSED\"} 1")
                        .contains("mediapath_phase_duration_seconds{leg=\"tcp-relay\",phase=\"connect\"}")
                        .contains("mediapath_phase_duration_seconds{leg=\"tcp-relay\",phase=\"first-byte\"}")
                        .contains("mediapath_tls_intercepted{product=\"\"} 0.0");
            }
        }
    }

    /**
     * The edge modules export the chain each TLS leg met, as the TLS modules do: behind the seed's Websense proxy the
     * relay's pseudo-TLS hello meets its forged chain (leg label, depth, issuer, SPKI); the genuine Edge presents
     * none, so no chain series appear.
     */
    @Test
    void edgeModuleExportsTheChainEachTlsLegMet() throws Exception {
        try (SeedTopology lab = SeedTopology.websense(); SeedTopology clean = SeedTopology.msTurnEdge(null, "clean")) {
            ExporterConfig c = ExporterConfig.parse("allow: [127.0.0.1]\nmodules:\n"
                    + "  seed: {prober: edge_ms_turn, udp_port: " + lab.udpAddress().orElseThrow().port()
                    + ", sni: edge.lab.example, timeout: 8s}\n"
                    + "  clean: {prober: edge_ms_turn, udp_port: " + clean.udpAddress().orElseThrow().port()
                    + ", sni: edge.lab.example, timeout: 8s}\n");
            try (MediapathExporter e = MediapathExporter.builder()
                    .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).config(c, List.of())
                    .environment(Map.of()).start()) {
                Answer r = get(e.address().getPort(), "/probe?target=" + lab.clientTarget() + "&module=seed", "9");
                assertThat(r.body()).contains("\nprobe_success 0.0\n")
                        .contains("mediapath_root_cause_info{code=\"TLS_INTERCEPTED\"} 1");
                List<String> chain = r.body().lines().filter(l -> l.startsWith("mediapath_tls_chain_info{")).toList();
                // The seed's proxy forges a chain to the relay's own hello (the browser legs' handshakes stop before
                // a certificate is parsed): leaf for the Edge's name, then its Websense CA.
                assertThat(chain).anySatisfy(l -> assertThat(l).contains("leg=\"tcp-relay\"").contains("depth=\"0\"")
                        .contains("subject_cn=\"edge.lab.example\"").contains("issuer=\"O=Websense Inc.")
                        .containsPattern("spki_sha256=\"[A-Za-z0-9+/]{43}=\""));
                assertThat(chain).anySatisfy(l -> assertThat(l).contains("leg=\"tcp-relay\"").contains("depth=\"1\"")
                        .contains("subject_cn=\"Websense Content Gateway Root CA\""));
                // Bounded: legs × at most TlsProber.MAX_CHAIN certificates.
                assertThat(chain).hasSizeLessThanOrEqualTo(5 * TlsProber.MAX_CHAIN);
                assertThat(r.body()).contains("mediapath_tls_cert_not_after_seconds{depth=\"0\",leg=\"tcp-relay\"}");
                Answer ok = get(e.address().getPort(), "/probe?target=" + clean.clientTarget() + "&module=clean", "9");
                assertThat(ok.body()).contains("\nprobe_success 1.0\n").doesNotContain("mediapath_tls_chain_info");
            }
        }
    }

    @Test
    void ownMetricsCountProbesAndRefusals() throws Exception {
        get("/probe?target=192.0.2.1&module=stun_udp", "5");
        get("/probe?target=127.0.0.1", "5");
        Answer m = get("/metrics", null);
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.body()).contains("mediapath_exporter_requests_rejected_total{reason=\"forbidden\"} 1.0")
                .contains("mediapath_exporter_requests_rejected_total{reason=\"bad_request\"} 1.0")
                .contains("mediapath_exporter_probes_in_flight 0.0");
    }

    @Test
    void aConfiguredPasswordNeverAppearsInAnyAnswer() throws Exception {
        String secret = "pw-" + Long.toHexString(System.nanoTime());
        ExporterConfig c = ExporterConfig.parse("allow: [127.0.0.1]\nmodules:\n"
                + "  relay_auth: {prober: turn_udp, credentials: {username: alice, password_env: RELAY_PW}}\n");
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                MediapathExporter e = MediapathExporter.builder()
                        .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).config(c, List.of())
                        .environment(Map.of("RELAY_PW", secret)).start()) {
            int port = e.address().getPort();
            Answer probe = get(port, "/probe?target=127.0.0.1:" + silent.getLocalPort() + "&module=relay_auth", "1.2");
            assertThat(probe.statusCode()).isEqualTo(200);
            assertThat(probe.body()).contains("probe_success 0.0").doesNotContain(secret);
            assertThat(get(port, "/", null).body()).contains("relay_auth").doesNotContain(secret);
            assertThat(get(port, "/metrics", null).body()).doesNotContain(secret);
            assertThat(c.toString()).doesNotContain(secret);
        }
    }

    @Test
    void pageListsModulesAndEscapes() throws Exception {
        Answer r = get("/", null);
        assertThat(r.statusCode()).isEqualTo(200);
        for (ProberKind k : ProberKind.values()) {
            assertThat(r.body()).contains("<td>" + k.id() + "</td>");
        }
        assertThat(MediapathExporter.esc("<script>alert('x')&\"</script>\u001b"))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&amp;&quot;&lt;/script&gt;?");
        assertThat(get("/probe?target=127.0.0.1&module=stun_udp", "5").statusCode()).isEqualTo(200);
        assertThat(get("/", null).body()).contains("<td>127.0.0.1</td>");
    }
}
