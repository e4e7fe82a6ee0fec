package io.mediapath.tls;

import io.mediapath.ice.Finding;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.ProbeResult;
import io.mediapath.ice.probe.TimelineEvent;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one probe saw and concluded about who answered on a TCP port.
 *
 * @param probe            {@code pseudo-tls} or {@code tls}
 * @param target           where it connected (the relay, not the proxy, when a CONNECT proxy was used)
 * @param remoteAddress    the IP address actually connected to (the proxy's when one was used), or empty
 * @param verdict          the conclusion
 * @param confidence       how strong the signals behind the verdict are
 * @param connectTime      TCP connect duration (≈ one RTT); empty when the connect failed
 * @param firstByteLatency hello written → first byte of the answer; empty when nothing came back
 * @param reads            the reads that carried the answer, with timings
 * @param records          the answer's TLS records and what each held (empty when the answer was not TLS)
 * @param serverHellos     ServerHellos parsed from the raw bytes (a HelloRetryRequest first when there was one)
 * @param chain            the certificates presented, leaf first (from the raw Certificate message in TLS 1.0–1.2,
 *                         from the TLS library for TLS 1.3, where the message is encrypted)
 * @param alert            the alert received instead of an answer, if any
 * @param http             the HTTP answer received instead of TLS (or in answer to CONNECT), if any
 * @param answerHex        the first bytes of the answer, hex (at most 512 bytes)
 * @param findings         what was found, worst first
 * @param timeline         what happened, in order
 * @param elapsed          how long the probe took
 */
public record TlsInspection(String probe, TransportAddress target, String remoteAddress, Verdict verdict,
        Confidence confidence, Optional<Duration> connectTime, Optional<Duration> firstByteLatency,
        List<FlightRead> reads, List<FlightRecord> records, List<ServerHello> serverHellos, List<CertificateInfo> chain,
        Optional<TlsAlert> alert, Optional<HttpAnswer> http, String answerHex, List<Finding> findings, List<TimelineEvent> timeline, Duration elapsed) {

    public TlsInspection {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(connectTime, "connectTime");
        Objects.requireNonNull(firstByteLatency, "firstByteLatency");
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(http, "http");
        reads = List.copyOf(reads);
        records = List.copyOf(records);
        serverHellos = List.copyOf(serverHellos);
        chain = List.copyOf(chain);
        Objects.requireNonNull(answerHex, "answerHex");
        findings = List.copyOf(findings);
        timeline = List.copyOf(timeline);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** True when the real server answered ({@link Verdict#genuine()}). */
    public boolean genuine() {
        return verdict.genuine();
    }

    /** The final ServerHello (after any HelloRetryRequest), if one came. */
    public Optional<ServerHello> serverHello() {
        return serverHellos.isEmpty() ? Optional.empty() : Optional.of(serverHellos.get(serverHellos.size() - 1));
    }

    /** True when a finding with this code is present. */
    public boolean has(String code) {
        return findings.stream().anyMatch(f -> f.code().equals(code));
    }

    /** This inspection in ice-core's probe vocabulary. */
    public ProbeResult toProbeResult() {
        return new ProbeResult(probe, target, verdict.name(), genuine(), findings, timeline, elapsed);
    }
}
