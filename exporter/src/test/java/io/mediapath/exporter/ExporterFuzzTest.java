package io.mediapath.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.List;

/**
 * The exporter's parsers on any input: a config text (YAML/JSON), a query string with a timeout header, a scan line, allowlist
 * entries. Each either gives a valid value or refuses with its typed error and a one-line reason; nothing else
 * escapes, nothing hangs.
 */
class ExporterFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void config(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            ExporterConfig c = ExporterConfig.parse(text);
            assertThat(c.maxConcurrent()).isBetween(1, ExporterConfig.MAX_CONCURRENT);
            Allowlist.of(c.allow());
            ModuleRegistry.Builder b = ModuleRegistry.builder();
            c.modules().forEach(b::add);
            assertThat(b.build().modules()).hasSizeGreaterThanOrEqualTo(ProberKind.values().length);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }

    @FuzzTest(maxDuration = "10s")
    void query(FuzzedDataProvider data) {
        String header = data.consumeBoolean() ? data.consumeString(20) : null;
        String query = data.consumeRemainingAsString();
        try {
            ProbeQuery q = ProbeQuery.parse(query, header);
            assertThat(q.budget()).isPositive();
            assertThat(q.target().host()).isNotEmpty();
            assertThat(ProbeTarget.parse(q.target().toString())).isEqualTo(q.target());
        } catch (ProbeQuery.BadQueryException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @FuzzTest(maxDuration = "10s")
    void allowlist(FuzzedDataProvider data) {
        List<String> entries = List.of(data.consumeString(60), data.consumeString(60));
        String host = data.consumeRemainingAsString();
        try {
            Allowlist a = Allowlist.of(entries);
            a.allows(ProbeTarget.parse(host).host());
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "10s")
    void targetLine(FuzzedDataProvider data) {
        String line = data.consumeRemainingAsString();
        try {
            TargetLine.parse(line).ifPresent(t -> {
                assertThat(TargetLine.parse(t.target() + t.module().map(m -> " " + m).orElse(""))).hasValue(t);
            });
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotNull();
        }
    }
}
