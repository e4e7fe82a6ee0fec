package io.mediapath.exporter;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one probe of one module against one target concluded, in the bounded vocabulary the metrics, the scan's
 * JSON Lines/CSV and the exporter's page share. Every string here except {@link #detail()} is a label value: a
 * stable code, a leg or phase name, a product from the issuer signatures, or certificate fields cut to
 * {@link Labels#MAX_LABEL} characters; never an address other than the target, never a secret.
 *
 * @param module       the module's name
 * @param target       the target as given
 * @param success      true when the path works as the module judges it (blackbox's {@code probe_success})
 * @param duration     how long the probe took
 * @param phases       timed phases, per leg
 * @param legs         each leg's verdict (one leg for the single-probe modules)
 * @param rootCause    the edge playbook's root-cause code (edge modules), if any
 * @param modalities   per modality whether it works (edge modules)
 * @param interception whether TLS on the path was found intercepted, and by which product (modules that look)
 * @param chain        the certificate chains seen, leaf first, per leg (the TLS modules; the edge modules' TLS legs
 *                     that met a chain)
 * @param failure      where and why it failed, when it did
 * @param detail       one line for people (the root cause's summary, the failing step's detail); never a label
 */
public record ProbeOutcome(String module, String target, boolean success, Duration duration, List<Phase> phases,
        List<Leg> legs, Optional<String> rootCause, List<ModalityState> modalities,
        Optional<Interception> interception, List<ChainEntry> chain, Optional<Failure> failure, String detail) {

    public ProbeOutcome {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(duration, "duration");
        phases = List.copyOf(phases);
        legs = List.copyOf(legs);
        Objects.requireNonNull(rootCause, "rootCause");
        modalities = List.copyOf(modalities);
        Objects.requireNonNull(interception, "interception");
        chain = List.copyOf(chain);
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(detail, "detail");
    }

    /** A timed phase of a leg ({@code resolve}, {@code connect}, {@code first-response}, {@code first-byte}…). */
    public record Phase(String leg, String phase, Duration elapsed) {
        public Phase {
            Objects.requireNonNull(leg, "leg");
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(elapsed, "elapsed");
        }
    }

    /** A leg's verdict: a stable code ({@code PASSED}, {@code INTERCEPTED}, {@code GENUINE_PSEUDO_TLS}, {@code CHALLENGED}…). */
    public record Leg(String leg, String verdict) {
        public Leg {
            Objects.requireNonNull(leg, "leg");
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    /** Whether a modality ({@code audio}, {@code video}, {@code appsharing}, {@code filetransfer}) works. */
    public record ModalityState(String modality, String support, boolean ok) {
        public ModalityState {
            Objects.requireNonNull(modality, "modality");
            Objects.requireNonNull(support, "support");
        }
    }

    /** Whether TLS was intercepted; {@code product} is empty when not, or when the product is unknown. */
    public record Interception(boolean intercepted, String product) {
        public Interception {
            Objects.requireNonNull(product, "product");
        }
    }

    /**
     * One certificate of a chain seen: the leg that saw it (the TLS modules' one leg, or an edge playbook leg such as
     * {@code browser-sni}), its depth (0: the leaf), subject CN, issuer DN, base64 SHA-256 of the SPKI, expiry.
     */
    public record ChainEntry(String leg, int depth, String subject, String issuer, String spkiSha256,
            Instant notAfter) {
        public ChainEntry {
            Objects.requireNonNull(leg, "leg");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(spkiSha256, "spkiSha256");
            Objects.requireNonNull(notAfter, "notAfter");
        }
    }

    /**
     * Where the probe failed.
     *
     * @param leg    the leg
     * @param phase  the phase that failed or did not finish ({@code binding}, {@code first-response}, {@code deadline}…)
     * @param reason {@code timeout}, {@code refused}, {@code intercepted}, {@code reset}, {@code http_proxy},
     *               {@code auth}, {@code error}
     */
    public record Failure(String leg, String phase, String reason) {
        public Failure {
            Objects.requireNonNull(leg, "leg");
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
