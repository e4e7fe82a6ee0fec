package io.mediapath.diagnose.playbook;

import java.util.Objects;

/**
 * What one modality gets through the relay.
 *
 * @param modality the modality
 * @param support  works, degraded, fails or unknown
 * @param path     the path it would take, e.g. {@code UDP 3478 relay}, or {@code none}
 * @param why      one sentence of reason
 */
public record ModalityVerdict(Modality modality, Support support, String path, String why) {
    public ModalityVerdict {
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(support, "support");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(why, "why");
    }
}
