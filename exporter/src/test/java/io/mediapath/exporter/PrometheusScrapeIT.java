package io.mediapath.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.SeedTopology;
import io.mediapath.lab.coturn.Coturn;
import io.mediapath.lab.peers.Binaries;
import io.mediapath.lab.peers.FreePorts;
import io.mediapath.lab.peers.ManagedProcess;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus (Debian {@code prometheus}) on loopback scrapes the exporter with a blackbox-style config
 * ({@code metrics_path: /probe}, {@code __param_target} relabelling) while the exporter probes real peers: the lab's
 * genuine emulated Edge, the same kind of Edge behind the lab's intercepting proxy (Websense-named CA), and a coturn.
 * The assertions go through Prometheus' HTTP query API, so they hold for what Prometheus actually ingested; the
 * repository's alert rule is loaded too and must fire for the intercepted site only.
 */
class PrometheusScrapeIT {

    @Test
    void prometheusSeesSuccessFailureRootCauseAndProduct() throws Exception {
        Path prometheus = Binaries.require("prometheus", "prometheus");
        try (SeedTopology clean = SeedTopology.msTurnEdge(null, "clean");
                SeedTopology websense = SeedTopology.websense();
                Coturn coturn = Coturn.builder().start()) {
            ExporterConfig config = ExporterConfig.parse("""
                    allow: [127.0.0.0/8]
                    modules:
                      clean_edge: {prober: edge_ms_turn, udp_port: %d, sni: edge.lab.example, timeout: 8s}
                      websense_edge: {prober: edge_ms_turn, udp_port: %d, sni: edge.lab.example, timeout: 8s}
                      coturn_auth:
                        prober: turn_udp
                        credentials: {username: %s, password_env: LAB_TURN_PASSWORD}
                    """.formatted(clean.udpAddress().orElseThrow().port(), websense.udpAddress().orElseThrow().port(),
                    coturn.username()));
            try (MediapathExporter exporter = MediapathExporter.builder()
                    .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).config(config, List.of())
                    .environment(Map.of("LAB_TURN_PASSWORD", coturn.password())).start()) {
                Path dir = ManagedProcess.createWorkDir("prometheus");
                int webPort = FreePorts.tcp();
                String exporterAddress = "127.0.0.1:" + exporter.address().getPort();
                Files.writeString(dir.resolve("prometheus.yml"), """
                        global: {scrape_interval: 3s, scrape_timeout: 3s, evaluation_interval: 1s}
                        rule_files: [alerts.yml]
                        scrape_configs:
                          - job_name: edge_clean
                            metrics_path: /probe
                            params: {module: [clean_edge]}
                            static_configs: [{targets: ["%s"], labels: {site: clean}}]
                            relabel_configs: &relabel
                              - {source_labels: [__address__], target_label: __param_target}
                              - {source_labels: [__param_target], target_label: instance}
                              - {target_label: __address__, replacement: "%s"}
                          - job_name: edge_websense
                            metrics_path: /probe
                            params: {module: [websense_edge]}
                            static_configs: [{targets: ["%s"], labels: {site: branch_websense}}]
                            relabel_configs: *relabel
                          - job_name: coturn
                            metrics_path: /probe
                            params: {module: [coturn_auth]}
                            static_configs: [{targets: ["127.0.0.1:%d"], labels: {site: relay}}]
                            relabel_configs: *relabel
                        """.formatted(clean.clientTarget(), exporterAddress, websense.clientTarget(),
                        coturn.port()));
                // The documented rule, with `for:` shortened so it can fire within the test.
                Files.writeString(dir.resolve("alerts.yml"), Files.readString(AlertRulesIT.rules())
                        .replaceAll("for: [0-9]+m", "for: 0s"));
                try (ManagedProcess p = ManagedProcess.start("prometheus", List.of(prometheus.toString(),
                        "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + webPort, "--log.level=warn"), dir, true)) {
                    String api = "http://127.0.0.1:" + webPort;
                    Map<String, Double> success = new HashMap<>();
                    long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                    while (System.nanoTime() < until && (success.size() < 3 || !alerting(api))) {
                        Thread.sleep(1000);
                        assertThat(p.isAlive()).as("prometheus: " + p.logTail(2000)).isTrue();
                        success.clear();
                        for (JsonNode r : query(api, "probe_success")) {
                            success.put(r.get("metric").get("job").asString(),
                                    Double.parseDouble(r.get("value").get(1).asString()));
                        }
                    }
                    assertThat(success).as("probe_success per job; prometheus log: " + p.logTail(2000))
                            .containsEntry("edge_clean", 1.0).containsEntry("edge_websense", 0.0)
                            .containsEntry("coturn", 1.0);
                    assertThat(query(api, "mediapath_root_cause_info{job=\"edge_websense\",code=\"TLS_INTERCEPTED\"}"))
                            .hasSize(1);
                    assertThat(query(api, "mediapath_root_cause_info{job=\"edge_clean\",code=\"NONE\"}")).hasSize(1);
                    List<JsonNode> product = query(api, "mediapath_tls_intercepted{job=\"edge_websense\"} == 1");
                    assertThat(product).hasSize(1);
                    assertThat(product.get(0).get("metric").get("product").asString()).contains("Websense");
                    assertThat(query(api, "mediapath_tls_intercepted{job=\"edge_clean\"} == 0")).hasSize(1);
                    // The edge module's chain series: the proxy's forged leaf to the relay's hello, none on the clean path.
                    List<JsonNode> leaf = query(api,
                            "mediapath_tls_chain_info{job=\"edge_websense\",leg=\"tcp-relay\",depth=\"0\"}");
                    assertThat(leaf).hasSize(1);
                    assertThat(leaf.get(0).get("metric").get("issuer").asString()).contains("Websense");
                    assertThat(leaf.get(0).get("metric").get("spki_sha256").asString()).hasSize(44);
                    assertThat(query(api, "mediapath_tls_chain_info{job=\"edge_clean\"}")).isEmpty();
                    assertThat(query(api, "mediapath_modality_ok{job=\"edge_websense\",modality=\"appsharing\"} == 0"))
                            .hasSize(1);
                    assertThat(query(api, "mediapath_modality_ok{job=\"edge_websense\",modality=\"audio\"} == 1"))
                            .hasSize(1);
                    assertThat(query(api, "mediapath_verdict_info{job=\"coturn\",verdict=\"ALLOCATED\"}")).hasSize(1);
                    List<JsonNode> alerts = query(api, "ALERTS{alertname=\"MediapathRelayPathIntercepted\",alertstate=\"firing\"}");
                    assertThat(alerts).extracting(a -> a.get("metric").get("site").asString())
                            .containsExactly("branch_websense");
                    assertThat(clean.edge().usernamesSeen()).isZero();
                }
            }
        }
    }

    private static boolean alerting(String api) throws Exception {
        return !query(api, "ALERTS{alertname=\"MediapathRelayPathIntercepted\",alertstate=\"firing\"}").isEmpty();
    }

    /** The result vector of an instant query. */
    static List<JsonNode> query(String api, String promql) throws Exception {
        URL url = new URL(api + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(10_000);
        try {
            if (c.getResponseCode() != 200) {
                return List.of();
            }
            try (InputStream in = c.getInputStream()) {
                JsonNode root = JsonMapper.builder().build().readTree(in);
                return root.get("data").get("result").valueStream().toList();
            }
        } catch (java.io.IOException e) {
            return List.of(); // not up yet
        } finally {
            c.disconnect();
        }
    }
}
