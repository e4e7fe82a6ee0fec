package io.mediapath.diagnose.playbook;

import io.mediapath.ice.probe.ProbeResult;
import io.mediapath.tls.TlsInspection;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One leg of an edge run: the probe's own result, and what the playbook read from it.
 *
 * @param kind      which leg
 * @param name      its name in reports ({@link LegKind#label()}, or the caller's name for a custom probe)
 * @param status    the leg's conclusion in the combiner's words
 * @param detail    one line: what was seen
 * @param result    the probe's result (verdict, findings, timeline, elapsed)
 * @param product   the interception product the leg identified (certificate issuer, page, Via/Server), if any
 * @param addresses the IP addresses the leg found or used (DNS: every A/AAAA record)
 * @param inspection the TLS inspection behind a TLS leg (its records, reads and certificate chain, for the HTML
 *                   report's ladder and certificate cards); empty for legs that spoke no TLS
 */
public record LegResult(LegKind kind, String name, LegStatus status, String detail, ProbeResult result,
        Optional<String> product, List<String> addresses, Optional<TlsInspection> inspection) {
    public LegResult {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(product, "product");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(inspection, "inspection");
    }

    /** A leg without a TLS inspection. */
    public LegResult(LegKind kind, String name, LegStatus status, String detail, ProbeResult result,
            Optional<String> product, List<String> addresses) {
        this(kind, name, status, detail, result, product, addresses, Optional.empty());
    }

    /** True when the leg ran and concluded (anything but {@link LegStatus#SKIPPED}). */
    public boolean ran() {
        return status != LegStatus.SKIPPED;
    }
}
