package io.mediapath.turn;

import io.mediapath.ice.Finding;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.ProbeResult;
import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.sdp.Candidate;
import io.mediapath.turn.stun.PasswordAlgorithm;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link TurnProbe} run found: its steps with timings, the relay (as an ICE relay candidate), the
 * findings in ice-core's vocabulary, and the timeline. {@link #toProbeResult()} gives the generic SPI view.
 *
 * @param uri              the probed server as a URI
 * @param target           the probed server
 * @param verdict          {@code ALLOCATED}, {@code RELAY_ECHO_OK}, {@code BINDING_OK}, {@code CHALLENGED} or the failing code
 * @param passed           true when every step that ran passed
 * @param steps            the steps in order
 * @param mappedAddress    the server-reflexive address, when learnt
 * @param relayedAddress   the relayed address, when allocated
 * @param relayCandidate   the relay candidate (RFC 8839 form, typ relay, raddr = mapped address)
 * @param passwordAlgorithm the long-term key algorithm used, when authenticated
 * @param peerCertificates the TLS server chain (turns:/stuns:)
 * @param findings         findings, worst first
 * @param timeline         the timeline
 * @param elapsed          total time
 */
public record TurnProbeReport(StunUri uri, TransportAddress target, String verdict, boolean passed,
        List<ProbeStep> steps, Optional<InetSocketAddress> mappedAddress, Optional<InetSocketAddress> relayedAddress,
        Optional<Candidate> relayCandidate, Optional<PasswordAlgorithm> passwordAlgorithm,
        List<X509Certificate> peerCertificates, List<Finding> findings, List<TimelineEvent> timeline,
        Duration elapsed) {

    public TurnProbeReport {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(verdict, "verdict");
        steps = List.copyOf(steps);
        Objects.requireNonNull(mappedAddress, "mappedAddress");
        Objects.requireNonNull(relayedAddress, "relayedAddress");
        Objects.requireNonNull(relayCandidate, "relayCandidate");
        Objects.requireNonNull(passwordAlgorithm, "passwordAlgorithm");
        peerCertificates = List.copyOf(peerCertificates);
        findings = List.copyOf(findings);
        timeline = List.copyOf(timeline);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** The first failed step, if any. */
    public Optional<ProbeStep> failedStep() {
        return steps.stream().filter(s -> s.status() == ProbeStep.Status.FAILED).findFirst();
    }

    /** The probe SPI's view of this report. */
    public ProbeResult toProbeResult() {
        return new ProbeResult("turn", target, verdict, passed, findings, timeline, elapsed);
    }
}
