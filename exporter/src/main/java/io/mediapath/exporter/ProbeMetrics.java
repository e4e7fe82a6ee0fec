package io.mediapath.exporter;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One probe's outcome as Prometheus metrics, written by the Prometheus Java client's text-format writer (no
 * exposition written by hand). Every name and label is listed in docs/exporter.md; label values come from
 * {@link ProbeOutcome}'s bounded vocabulary.
 */
public final class ProbeMetrics {
    /** The exposition's content type ({@code text/plain; version=0.0.4; charset=utf-8}). */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

    private ProbeMetrics() {
    }

    /** The outcome in the text exposition format. */
    public static byte[] text(ProbeOutcome o) {
        PrometheusRegistry r = registry(o);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try {
            WRITER.write(out, r.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static PrometheusRegistry registry(ProbeOutcome o) {
        PrometheusRegistry r = new PrometheusRegistry();
        Gauge.builder().name("probe_success").help("1 when the module judged the path working, else 0")
                .register(r).set(o.success() ? 1 : 0);
        Gauge.builder().name("probe_duration_seconds").help("How long the probe took").register(r)
                .set(seconds(o.duration()));
        if (!o.phases().isEmpty()) {
            Gauge phases = Gauge.builder().name("mediapath_phase_duration_seconds")
                    .help("Duration of each timed phase of each leg").labelNames("leg", "phase").register(r);
            for (ProbeOutcome.Phase p : o.phases()) {
                phases.labelValues(p.leg(), p.phase()).set(seconds(p.elapsed()));
            }
        }
        if (!o.legs().isEmpty()) {
            Info verdicts = Info.builder().name("mediapath_verdict").help("Each leg's verdict")
                    .labelNames("leg", "verdict").register(r);
            for (ProbeOutcome.Leg l : o.legs()) {
                verdicts.addLabelValues(l.leg(), l.verdict());
            }
        }
        o.rootCause().ifPresent(c -> Info.builder().name("mediapath_root_cause")
                .help("The edge playbook's root cause (NONE when every modality works)").labelNames("code")
                .register(r).addLabelValues(c));
        if (!o.modalities().isEmpty()) {
            Gauge m = Gauge.builder().name("mediapath_modality_ok")
                    .help("1 when the modality works through the relay (over its preferred or fallback path)")
                    .labelNames("modality").register(r);
            for (ProbeOutcome.ModalityState s : o.modalities()) {
                m.labelValues(s.modality()).set(s.ok() ? 1 : 0);
            }
        }
        o.interception().ifPresent(i -> Gauge.builder().name("mediapath_tls_intercepted")
                .help("1 when TLS on the path was intercepted; product names the interceptor when its signature is known")
                .labelNames("product").register(r).labelValues(i.product()).set(i.intercepted() ? 1 : 0));
        if (!o.chain().isEmpty()) {
            Info chain = Info.builder().name("mediapath_tls_chain")
                    .help("Each certificate presented to each TLS leg, leaf first: subject CN, issuer DN, base64 "
                            + "SHA-256 of the SPKI")
                    .labelNames("leg", "depth", "subject_cn", "issuer", "spki_sha256").register(r);
            Gauge expiry = Gauge.builder().name("mediapath_tls_cert_not_after_seconds")
                    .help("Each certificate's notAfter, Unix seconds").labelNames("leg", "depth").register(r);
            for (ProbeOutcome.ChainEntry c : o.chain()) {
                chain.addLabelValues(c.leg(), Integer.toString(c.depth()), c.subject(), c.issuer(), c.spkiSha256());
                expiry.labelValues(c.leg(), Integer.toString(c.depth())).set(c.notAfter().getEpochSecond());
            }
        }
        o.failure().ifPresent(f -> Info.builder().name("mediapath_failed_phase")
                .help("Where a failed probe stopped: the leg, the phase, and why (timeout, refused, intercepted, …)")
                .labelNames("leg", "phase", "reason").register(r).addLabelValues(f.leg(), f.phase(), f.reason()));
        return r;
    }

    static double seconds(java.time.Duration d) {
        return d.toNanos() / 1e9;
    }
}
