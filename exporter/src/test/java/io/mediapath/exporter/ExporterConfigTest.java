package io.mediapath.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The config file (YAML and JSON), the allowlist and the query parser: what is accepted and every refusal's reason. */
class ExporterConfigTest {

    @Test
    void yamlAddsModulesAllowlistAndLimits() throws Exception {
        ExporterConfig c = ExporterConfig.parse("""
                allow: [10.0.0.0/8, "*.example.com", relay.example.net]
                max_concurrent: 4
                modules:
                  site_edge:
                    prober: edge_ms_turn
                    udp_port: 3479
                    sni: edge.example.com
                    timeout: 1500ms
                    credentials: {username: alice, password_env: EDGE_PW}
                  teams: {prober: turn_udp, port: 3478, timeout: 2}
                """);
        assertThat(c.allow()).containsExactly("10.0.0.0/8", "*.example.com", "relay.example.net");
        assertThat(c.maxConcurrent()).isEqualTo(4);
        ProbeModule edge = c.modules().get(0);
        assertThat(edge.name()).isEqualTo("site_edge");
        assertThat(edge.kind()).isEqualTo(ProberKind.EDGE_MS_TURN);
        assertThat(edge.settings().udpPort()).hasValue(3479);
        assertThat(edge.settings().timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(edge.settings().credentials().orElseThrow().password(Map.of("EDGE_PW", "s3cret"))).isEqualTo("s3cret");
        assertThat(edge.settings().credentials().orElseThrow().toString()).doesNotContain("s3cret").contains("$EDGE_PW");
        assertThat(c.modules().get(1).defaultPort()).isEqualTo(3478);
        assertThat(c.modules().get(1).settings().timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void jsonIsReadToo() throws Exception {
        ExporterConfig c = ExporterConfig.parse("{\"allow\": [\"127.0.0.1\"], \"modules\": {\"x\": {\"prober\": \"pseudo_tls\"}}}");
        assertThat(c.allow()).containsExactly("127.0.0.1");
        assertThat(c.modules()).extracting(ProbeModule::kind).containsExactly(ProberKind.PSEUDO_TLS);
    }

    @Test
    void refusalsNameTheKey() {
        assertThatThrownBy(() -> ExporterConfig.parse("alow: [1.2.3.4]")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("alow: unknown key");
        assertThatThrownBy(() -> ExporterConfig.parse("modules: {a: {prober: http_2xx}}"))
                .hasMessageContaining("modules.a.prober: http_2xx");
        assertThatThrownBy(() -> ExporterConfig.parse("modules: {A-B: {prober: stun_udp}}"))
                .hasMessageContaining("module name");
        assertThatThrownBy(() -> ExporterConfig.parse("modules: {a: {prober: stun_udp, timeout: forever}}"))
                .hasMessageContaining("modules.a.timeout");
        assertThatThrownBy(() -> ExporterConfig.parse("modules: {a: {prober: stun_udp, timeout: 600s}}"))
                .hasMessageContaining("modules.a.timeout");
        assertThatThrownBy(() -> ExporterConfig.parse("modules: {a: {prober: stun_udp, port: 0}}"))
                .hasMessageContaining("modules.a.port");
        assertThatThrownBy(() -> ExporterConfig.parse("allow: [10.0.0.0/33]")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> ExporterConfig.parse("allow: [not_a host]")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> ExporterConfig.parse("[1, 2]")).hasMessageContaining("mapping");
        assertThatThrownBy(() -> ExporterConfig.parse("a: [")).hasMessageContaining("not YAML or JSON");
        assertThatThrownBy(() -> ExporterConfig.parse("max_concurrent: 0")).hasMessageContaining("max_concurrent");
    }

    @Test
    void aPasswordWrittenInTheConfigIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> ExporterConfig.parse(
                "modules: {a: {prober: turn_udp, credentials: {username: u, password: hunter2}}}"))
                .hasMessageContaining("never written in the config").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ExporterConfig.parse(
                "modules: {a: {prober: turn_udp, credentials: {username: u, password_env: A, password_file: /x}}}"))
                .hasMessageContaining("exactly one");
    }

    @Test
    void aMissingPasswordSourceNamesTheSourceNotAValue() {
        CredentialSource s = new CredentialSource("u", java.util.Optional.of("NOPE"), java.util.Optional.empty());
        assertThatThrownBy(() -> s.password(Map.of())).hasMessageContaining("NOPE is not set");
    }

    @Test
    void allowlistMatchesCidrsNamesAndSuffixes() {
        Allowlist a = Allowlist.of(List.of("10.1.0.0/16", "192.0.2.7", "2001:db8::/32", "relay.example.net",
                "*.example.com"));
        assertThat(a.allows("10.1.200.3")).isTrue();
        assertThat(a.allows("10.2.0.1")).isFalse();
        assertThat(a.allows("192.0.2.7")).isTrue();
        assertThat(a.allows("192.0.2.8")).isFalse();
        assertThat(a.allows("2001:db8::1")).isTrue();
        assertThat(a.allows("2001:db9::1")).isFalse();
        assertThat(a.allows("RELAY.example.net.")).isTrue();
        assertThat(a.allows("edge.site1.example.com")).isTrue();
        assertThat(a.allows("example.com")).isFalse();
        assertThat(a.allows("evil-example.com")).isFalse();
        assertThat(a.allows("relay.example.net.evil.org")).isFalse();
        assertThat(Allowlist.of(List.of()).allows("127.0.0.1")).isFalse();
        assertThat(Allowlist.of(List.of("10.0.0.0/9")).allows("10.127.255.255")).isTrue();
        assertThat(Allowlist.of(List.of("10.0.0.0/9")).allows("10.128.0.0")).isFalse();
        assertThat(Allowlist.of(List.of("0.0.0.0/0")).allows("203.0.113.9")).isTrue();
        assertThat(Allowlist.of(List.of("0.0.0.0/0")).allows("::1")).isFalse();
    }

    @Test
    void queryParsing() throws Exception {
        ProbeQuery q = ProbeQuery.parse("target=edge.example.com%3A443&module=edge_ms_turn", "10");
        assertThat(q.target().host()).isEqualTo("edge.example.com");
        assertThat(q.target().port()).hasValue(443);
        assertThat(q.module()).isEqualTo("edge_ms_turn");
        assertThat(q.budget()).isEqualTo(Duration.ofMillis(9500));
        assertThat(ProbeQuery.parse("module=stun_udp&target=[2001:db8::1]:3478", "0.6").budget())
                .isEqualTo(Duration.ofMillis(300));
        assertThat(ProbeQuery.parse("module=stun_udp&target=2001:db8::1", null).target().port()).isEmpty();
        assertThat(ProbeQuery.parse("module=stun_udp&target=relay", null).budget()).isEqualTo(ProbeQuery.NO_HEADER);
    }

    @Test
    void queryRefusals() {
        assertThatThrownBy(() -> ProbeQuery.parse(null, null)).hasMessageContaining("missing target");
        assertThatThrownBy(() -> ProbeQuery.parse("target=a.example", null)).hasMessageContaining("missing module");
        assertThatThrownBy(() -> ProbeQuery.parse("module=x", null)).hasMessageContaining("missing target");
        assertThatThrownBy(() -> ProbeQuery.parse("target=http://a.example/&module=x", null))
                .hasMessageContaining("a URL");
        assertThatThrownBy(() -> ProbeQuery.parse("target=a.example:0&module=x", null)).hasMessageContaining("port 0");
        assertThatThrownBy(() -> ProbeQuery.parse("target=999.1.1.1&module=x", null))
                .isInstanceOf(ProbeQuery.BadQueryException.class);
        assertThatThrownBy(() -> ProbeQuery.parse("target=a&target=b&module=x", null)).hasMessageContaining("twice");
        assertThatThrownBy(() -> ProbeQuery.parse("target=a&module=x&debug=true", null))
                .hasMessageContaining("unknown parameter debug");
        assertThatThrownBy(() -> ProbeQuery.parse("target=a&module=x&password=hunter2", null))
                .hasMessageContaining("never taken from the URL").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ProbeQuery.parse("target=%zz&module=x", null)).hasMessageContaining("percent");
        assertThatThrownBy(() -> ProbeQuery.parse("target=a&module=x", "-1")).hasMessageContaining("Timeout");
        assertThatThrownBy(() -> ProbeQuery.parse("target=a&module=x", "0")).hasMessageContaining("more than 0");
        assertThatThrownBy(() -> ProbeQuery.parse("target=a&module=x", "NaN")).hasMessageContaining("Timeout");
        assertThatThrownBy(() -> ProbeQuery.parse("target=" + "a".repeat(3000) + "&module=x", null))
                .hasMessageContaining("longer than");
    }
}
