/**
 * mediapath exporter: the probe-module registry (built-in and config-file modules over the edge playbook, the
 * relay probes and the TLS probes) and a Prometheus exporter in blackbox_exporter's multi-target pattern that a
 * product can embed. The command line's {@code exporter} and {@code scan} commands use it.
 */
module io.mediapath.exporter {
    requires transitive io.mediapath.diagnose;
    requires io.mediapath.turn;
    requires io.mediapath.tls;
    requires jdk.httpserver;
    requires io.prometheus.metrics.core;
    requires io.prometheus.metrics.model;
    requires io.prometheus.writer.text;
    requires tools.jackson.databind;
    requires tools.jackson.dataformat.yaml;

    exports io.mediapath.exporter;
}
