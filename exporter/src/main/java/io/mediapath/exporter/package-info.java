/**
 * The probe-module registry and the Prometheus exporter.
 *
 * <p>{@link io.mediapath.exporter.ModuleRegistry} names what can be probed: the built-in modules (one per
 * {@link io.mediapath.exporter.ProberKind}) and the modules of a config file ({@link io.mediapath.exporter.ExporterConfig}).
 * {@link io.mediapath.exporter.ProbeRunner} runs one module against one target under a deadline and a concurrency
 * limit and always returns a {@link io.mediapath.exporter.ProbeOutcome}; {@link io.mediapath.exporter.MediapathExporter}
 * serves outcomes in the Prometheus text exposition format ({@code GET /probe?target=HOST[:PORT]&module=NAME}).
 */
package io.mediapath.exporter;
