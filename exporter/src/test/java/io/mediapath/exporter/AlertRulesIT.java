package io.mediapath.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.peers.Binaries;
import io.mediapath.lab.peers.ManagedProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The example alert rules and the Grafana dashboard the README points to, checked with the real tools: {@code promtool
 * check rules}, {@code promtool test rules} (the intercepted site alerts, naming the product; the clean one does not),
 * and the dashboard is JSON whose queries use only metrics docs/exporter.md documents. Both files live in the
 * repository's docs/ (read from the module's parent directory).
 */
class AlertRulesIT {

    static Path docs() {
        return Path.of("..", "docs").toAbsolutePath().normalize();
    }

    static Path rules() {
        return docs().resolve("prometheus/mediapath-alerts.yml");
    }

    @Test
    void promtoolChecksAndTestsTheRules() {
        Path promtool = Binaries.require("promtool", "prometheus");
        String check = ManagedProcess.run(Duration.ofSeconds(60), List.of(promtool.toString(), "check", "rules",
                rules().toString()));
        assertThat(check).contains("SUCCESS: 3 rules found");
        String test = ManagedProcess.run(Duration.ofSeconds(60), List.of(promtool.toString(), "test", "rules",
                docs().resolve("prometheus/mediapath-alerts.test.yml").toString()));
        assertThat(test).contains("SUCCESS");
    }

    @Test
    void dashboardQueriesOnlyDocumentedMetrics() throws Exception {
        JsonNode d = JsonMapper.builder().build().readTree(docs().resolve("grafana/mediapath-dashboard.json").toFile());
        String documented = Files.readString(docs().resolve("exporter.md"));
        List<String> exprs = d.get("panels").valueStream().flatMap(p -> p.path("targets").valueStream())
                .map(t -> t.get("expr").asString()).toList();
        assertThat(exprs).isNotEmpty();
        Matcher m = Pattern.compile("\\b(probe_[a-z_]+|mediapath_[a-z_]+)").matcher(String.join(" ", exprs));
        int n = 0;
        while (m.find()) {
            n++;
            assertThat(documented).as(m.group(1)).contains("`" + m.group(1) + "`");
        }
        assertThat(n).isGreaterThan(3);
        assertThat(String.join(" ", exprs)).contains("mediapath_tls_intercepted").contains("mediapath_root_cause_info");
    }
}
