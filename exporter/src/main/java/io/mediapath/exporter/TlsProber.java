package io.mediapath.exporter;

import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Deadline;
import io.mediapath.ice.probe.ProbeListener;
import io.mediapath.tls.CertificateInfo;
import io.mediapath.tls.InspectOptions;
import io.mediapath.tls.IssuerSignatures;
import io.mediapath.tls.PseudoTlsProbe;
import io.mediapath.tls.TlsInspection;
import io.mediapath.tls.TlsProbe;
import io.mediapath.tls.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * tls-inspect's probes as modules: the MS-TURN pseudo-TLS hello, or a real TLS ClientHello. Phases are the TCP
 * connect and hello → first byte; the chain (leaf first) and the issuer product from the built-in signatures are
 * reported. Success is a genuine verdict.
 */
final class TlsProber implements Prober {
    /** The chain entries reported: a longer chain is cut (a label set per certificate). */
    static final int MAX_CHAIN = 8;

    private final boolean pseudo;
    private final IssuerSignatures signatures = IssuerSignatures.builtIn();

    TlsProber(boolean pseudo) {
        this.pseudo = pseudo;
    }

    @Override
    public CompletionStage<ProbeOutcome> probe(ProbeModule module, ProbeTarget target, Deadline deadline,
            Map<String, String> environment) {
        // No proxy context (the exporter probes direct; the JVM's proxy settings are not the site's) and, for the
        // pseudo-TLS hello, no JDK trust store: its answer is judged by its bytes, never by a chain.
        InspectOptions.Builder o = InspectOptions.builder().proxyContext(false);
        if (pseudo) {
            o.useJdkTrustStore(false);
        }
        module.settings().sni().ifPresent(o::sni);
        module.settings().pins().forEach(o::pin);
        TransportAddress a = target.address(module.defaultPort());
        CompletionStage<TlsInspection> run = pseudo
                ? PseudoTlsProbe.create(o.build()).inspect(a, deadline, ProbeListener.NONE)
                : TlsProbe.create(o.build()).inspect(a, deadline, ProbeListener.NONE);
        return run.thenApply(i -> outcome(module, target, i));
    }

    ProbeOutcome outcome(ProbeModule module, ProbeTarget target, TlsInspection i) {
        String leg = module.kind().id();
        List<ProbeOutcome.Phase> phases = new ArrayList<>();
        i.connectTime().ifPresent(d -> phases.add(new ProbeOutcome.Phase(leg, "connect", d)));
        i.firstByteLatency().ifPresent(d -> phases.add(new ProbeOutcome.Phase(leg, "first-byte", d)));
        List<ProbeOutcome.ChainEntry> chain = chain(leg, i.chain());
        String product = signatures.match(i.chain()).stream().map(m -> m.signature().product()).findFirst()
                .orElse("");
        boolean intercepted = i.verdict() == Verdict.INTERCEPTED;
        boolean ok = i.verdict().genuine();
        Optional<ProbeOutcome.Failure> failure = ok ? Optional.empty()
                : Optional.of(new ProbeOutcome.Failure(leg, failedPhase(i), reason(i.verdict())));
        String detail = i.verdict() + (product.isEmpty() ? "" : " (" + product + ")")
                + i.findings().stream().findFirst().map(f -> ": " + f.summary()).orElse("");
        return new ProbeOutcome(module.name(), target.toString(), ok, i.elapsed(), phases,
                List.of(new ProbeOutcome.Leg(leg, i.verdict().name())), Optional.empty(), List.of(),
                Optional.of(new ProbeOutcome.Interception(intercepted, intercepted ? Labels.bound(product) : "")),
                chain, failure, detail);
    }

    /** A chain as bounded entries: at most {@link #MAX_CHAIN} certificates, label values cut by {@link Labels}. */
    static List<ProbeOutcome.ChainEntry> chain(String leg, List<CertificateInfo> certificates) {
        List<ProbeOutcome.ChainEntry> chain = new ArrayList<>(Math.min(certificates.size(), MAX_CHAIN));
        for (int n = 0; n < certificates.size() && n < MAX_CHAIN; n++) {
            CertificateInfo c = certificates.get(n);
            chain.add(new ProbeOutcome.ChainEntry(leg, n, Labels.bound(c.commonName()), Labels.bound(c.issuer()),
                    Labels.bound(c.spkiSha256()), c.notAfter()));
        }
        return chain;
    }

    static String failedPhase(TlsInspection i) {
        if (i.connectTime().isEmpty()) {
            return "connect";
        }
        return i.firstByteLatency().isEmpty() ? "first-byte" : "answer";
    }

    static String reason(Verdict v) {
        return switch (v) {
            case SILENT_AFTER_HELLO -> "timeout";
            case CONNECT_FAILED -> "refused";
            case INTERCEPTED -> "intercepted";
            case HTTP_PROXY_RESPONSE -> "http_proxy";
            case RESET_AFTER_HELLO, CLOSED_AFTER_HELLO -> "reset";
            default -> "error";
        };
    }
}
