package io.mediapath.diagnose.playbook;

import io.mediapath.ice.probe.ProbeResult;

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
 */
public record LegResult(LegKind kind, String name, LegStatus status, String detail, ProbeResult result,
        Optional<String> product, List<String> addresses) {
    public LegResult {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(product, "product");
        addresses = List.copyOf(addresses);
    }

    /** True when the leg ran and concluded (anything but {@link LegStatus#SKIPPED}). */
    public boolean ran() {
        return status != LegStatus.SKIPPED;
    }
}
