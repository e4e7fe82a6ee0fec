package io.mediapath.diagnose.playbook;

import io.mediapath.diagnose.RootCauseCode;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.ProbeResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The combiner on hand-made leg results: each rule, and the ones that must not fire. */
class RootCauseCombinerTest {
    static final EdgeTarget EDGE = EdgeTarget.builder("edge.example.com").build();

    static LegResult leg(LegKind k, LegStatus s) {
        return leg(k, s, Optional.empty());
    }

    static LegResult leg(LegKind k, LegStatus s, Optional<String> product) {
        ProbeResult r = new ProbeResult(k.label(), new TransportAddress("edge.example.com", 443), s.name(),
                s == LegStatus.PASSED, List.of(), List.of(), Duration.ZERO);
        return new LegResult(k, k.label(), s, "saw " + s, r, product,
                k == LegKind.DNS ? List.of("192.0.2.10", "192.0.2.11") : List.of());
    }

    static List<LegResult> clean() {
        List<LegResult> l = new ArrayList<>();
        for (LegKind k : List.of(LegKind.DNS, LegKind.UDP_RELAY, LegKind.TCP_CONNECT, LegKind.TCP_RELAY,
                LegKind.BROWSER_SNI, LegKind.BROWSER_NO_SNI, LegKind.HTTP)) {
            l.add(leg(k, LegStatus.PASSED));
        }
        l.add(leg(LegKind.EXPLICIT_PROXY, LegStatus.SKIPPED));
        return l;
    }

    static List<LegResult> with(List<LegResult> base, LegResult... replace) {
        List<LegResult> l = new ArrayList<>(base);
        for (LegResult r : replace) {
            l.removeIf(x -> x.kind() == r.kind());
            l.add(r);
        }
        return l;
    }

    static RootCauseCombiner.Conclusion combine(List<LegResult> legs) {
        return RootCauseCombiner.combine(EDGE, legs);
    }

    static LegResult natLeg(String verdict, String detail) {
        ProbeResult r = new ProbeResult("nat", new TransportAddress("edge.example.com", 3478), verdict, true,
                List.of(), List.of(), Duration.ZERO);
        return new LegResult(LegKind.NAT, "nat", LegStatus.PASSED, detail, r, Optional.empty(), List.of());
    }

    /** A NAT that maps per destination is context for any cause: every call relayed, no verdict changed. */
    @Test
    void aDependentMappingSaysEveryCallIsRelayedWithoutChangingTheCause() {
        List<LegResult> legs = new ArrayList<>(clean());
        legs.add(natLeg("RELAY_REQUIRED", "RFC 5780: mapping address-and-port-dependent"));
        var c = combine(legs);
        assertThat(c.rootCause().code()).isEqualTo(RootCauseCode.NONE);
        assertThat(c.modalities()).allMatch(m -> m.support() == Support.WORKS);
        assertThat(c.rootCause().summary()).endsWith("every call will be relayed.");
        assertThat(c.rootCause().evidence()).anyMatch(e -> e.location().startsWith("leg nat")
                && e.excerpt().contains("address-and-port-dependent"));

        var tls = combine(with(legs, leg(LegKind.TCP_RELAY, LegStatus.INTERCEPTED, Optional.of("Websense")),
                leg(LegKind.BROWSER_SNI, LegStatus.INTERCEPTED), leg(LegKind.BROWSER_NO_SNI, LegStatus.INTERCEPTED)));
        assertThat(tls.rootCause().code()).isEqualTo(RootCauseCode.TLS_INTERCEPTED);
        assertThat(tls.rootCause().summary()).contains("every call will be relayed");
    }

    /** Without RFC 5780 (or a NAT that does not change the path) the cause reads as before. */
    @Test
    void noRfc5780OrAnIndependentMappingAddsNoSentence() {
        var plain = combine(clean());
        List<LegResult> unsupported = new ArrayList<>(clean());
        unsupported.add(natLeg("RFC5780_UNSUPPORTED", "RFC 5780 not supported"));
        var u = combine(unsupported);
        assertThat(u.rootCause()).isEqualTo(plain.rootCause());
        List<LegResult> independent = new ArrayList<>(clean());
        independent.add(natLeg("DIRECT_AFTER_CHECKS", "RFC 5780: mapping endpoint-independent"));
        var i = combine(independent);
        assertThat(i.rootCause().summary()).isEqualTo(plain.rootCause().summary());
        assertThat(i.rootCause().evidence()).hasSize(plain.rootCause().evidence().size() + 1);
    }

    @Test
    void cleanIsNone() {
        var c = combine(clean());
        assertThat(c.rootCause().code()).isEqualTo(RootCauseCode.NONE);
        assertThat(c.modalities()).allMatch(m -> m.support() == Support.WORKS);
        assertThat(c.rootCause().remedy()).isEmpty();
    }

    @Test
    void theSeedIsTlsInterceptedWithBypassByIp() {
        var c = combine(with(clean(), leg(LegKind.TCP_RELAY, LegStatus.INTERCEPTED, Optional.of("Websense")),
                leg(LegKind.BROWSER_SNI, LegStatus.INTERCEPTED), leg(LegKind.BROWSER_NO_SNI, LegStatus.INTERCEPTED)));
        assertThat(c.rootCause().code()).isEqualTo(RootCauseCode.TLS_INTERCEPTED);
        assertThat(c.rootCause().product()).contains("Websense");
        assertThat(c.rootCause().summary()).startsWith("The firewall's web proxy (Websense) intercepts TCP 443 to the Edge")
                .contains("so app sharing and file transfer fail with external users while voice and video work over UDP 3478")
                .contains("bypass the Edge's IP addresses (192.0.2.10, 192.0.2.11, TCP 443)");
        assertThat(c.rootCause().remedy()).startsWith("Exempt 192.0.2.10, 192.0.2.11 (TCP 443) from SSL inspection "
                + "and proxying by IP address in Websense");
        assertThat(c.modalities()).extracting(ModalityVerdict::support)
                .containsExactly(Support.WORKS, Support.WORKS, Support.FAILS, Support.FAILS);
        assertThat(c.findings()).anyMatch(f -> f.code().equals("TCP_OPEN_RELAY_FAILS"));
    }

    static LegResult responderLeg(String name, LegStatus s, String detail) {
        ProbeResult r = new ProbeResult(name, new TransportAddress("responder.example.com", 443), s.name(),
                s == LegStatus.PASSED, List.of(), List.of(), Duration.ZERO);
        return new LegResult(LegKind.RESPONDER, name, s, detail, r, Optional.empty(), List.of());
    }

    @Test
    void theTwoEndedProofIsTheStrongestEvidenceAndNamesTheInterception() {
        // The relay leg only saw "something else" on TCP 443; the responder proves nobody genuine answered.
        List<LegResult> legs = with(clean(), leg(LegKind.TCP_RELAY, LegStatus.FAILED));
        legs.add(responderLeg("responder-udp", LegStatus.PASSED, "REACHED — intact"));
        legs.add(responderLeg("responder-pseudo-tls", LegStatus.INTERCEPTED,
                "INTERCEPTED — an answer came but no receipt came"));
        var c = combine(legs);
        assertThat(c.rootCause().code()).isEqualTo(RootCauseCode.TLS_INTERCEPTED);
        assertThat(c.rootCause().summary()).contains("Proven from both ends: responder-pseudo-tls INTERCEPTED");
        assertThat(c.rootCause().evidence().get(0).source()).isEqualTo("two-ended proof");
        // Without the responder the same relay legs read as "something else answers": the proof changes the cause.
        assertThat(combine(with(clean(), leg(LegKind.TCP_RELAY, LegStatus.FAILED))).rootCause().code())
                .isEqualTo(RootCauseCode.TCP_BLOCKED);
    }

    @Test
    void theInterceptorNamedOnAResponderLegNamesTheCauseWhenNoRelayLegCould() {
        List<LegResult> legs = with(clean(), leg(LegKind.TCP_RELAY, LegStatus.FAILED));
        legs.add(responderLeg("responder-udp", LegStatus.PASSED, "REACHED — intact"));
        ProbeResult r = new ProbeResult("responder-tls", new TransportAddress("responder.example.com", 443),
                "INTERCEPTED", false, List.of(), List.of(), Duration.ZERO);
        legs.add(new LegResult(LegKind.RESPONDER, "responder-tls", LegStatus.INTERCEPTED,
                "INTERCEPTED — no receipt; tls-inspect: TLS_INTERCEPTED (Websense)", r, Optional.of("Websense"),
                List.of()));
        var c = combine(legs);
        assertThat(c.rootCause().code()).isEqualTo(RootCauseCode.TLS_INTERCEPTED);
        assertThat(c.rootCause().product()).contains("Websense");
        assertThat(c.rootCause().summary()).startsWith("The firewall's web proxy (Websense) intercepts");
    }

    @Test
    void nameOnlyBypass() {
        var c = combine(with(clean(), leg(LegKind.TCP_RELAY, LegStatus.INTERCEPTED),
                leg(LegKind.BROWSER_NO_SNI, LegStatus.INTERCEPTED)));
        assertThat(c.rootCause().code()).isEqualTo(RootCauseCode.NAME_ONLY_BYPASS);
        assertThat(c.rootCause().remedy()).contains("from the name edge.example.com to the IP addresses 192.0.2.10, 192.0.2.11");
    }

    @Test
    void udpDroppedIsUdpBlockedAndAudioDegraded() {
        var c = combine(with(clean(), leg(LegKind.UDP_RELAY, LegStatus.SILENT)));
        assertThat(c.rootCause().code()).isEqualTo(RootCauseCode.UDP_BLOCKED);
        assertThat(c.rootCause().remedy()).isEqualTo("Allow UDP 3478 from this network to 192.0.2.10, 192.0.2.11 "
                + "(and the answers back).");
        assertThat(c.modalities()).extracting(ModalityVerdict::support)
                .containsExactly(Support.DEGRADED, Support.DEGRADED, Support.WORKS, Support.WORKS);
    }

    @Test
    void tcpDroppedIsTcpBlocked_bothIsUnreachable() {
        var tcp = with(clean(), leg(LegKind.TCP_CONNECT, LegStatus.SILENT), leg(LegKind.TCP_RELAY, LegStatus.SILENT),
                leg(LegKind.BROWSER_SNI, LegStatus.REFUSED), leg(LegKind.BROWSER_NO_SNI, LegStatus.REFUSED));
        assertThat(combine(tcp).rootCause().code()).isEqualTo(RootCauseCode.TCP_BLOCKED);
        assertThat(combine(with(tcp, leg(LegKind.UDP_RELAY, LegStatus.SILENT))).rootCause().code())
                .isEqualTo(RootCauseCode.RELAY_UNREACHABLE);
    }

    @Test
    void httpResetSilentDnsAuth() {
        assertThat(combine(with(clean(), leg(LegKind.TCP_RELAY, LegStatus.HTTP_PROXY))).rootCause().code())
                .isEqualTo(RootCauseCode.HTTP_PROXY);
        assertThat(combine(with(clean(), leg(LegKind.TCP_RELAY, LegStatus.RESET))).rootCause().code())
                .isEqualTo(RootCauseCode.MIDDLEBOX_RESET);
        assertThat(combine(with(clean(), leg(LegKind.TCP_RELAY, LegStatus.SILENT))).rootCause().code())
                .isEqualTo(RootCauseCode.MIDDLEBOX_SILENT);
        assertThat(combine(with(clean(), leg(LegKind.DNS, LegStatus.FAILED), leg(LegKind.UDP_RELAY, LegStatus.FAILED),
                leg(LegKind.TCP_RELAY, LegStatus.FAILED))).rootCause().code()).isEqualTo(RootCauseCode.DNS_FAILURE);
        var auth = combine(with(clean(), leg(LegKind.UDP_RELAY, LegStatus.AUTH_FAILED)));
        assertThat(auth.rootCause().code()).isEqualTo(RootCauseCode.AUTH_FAILED);
        assertThat(auth.modality(Modality.AUDIO).support()).isEqualTo(Support.FAILS);
    }

    @Test
    void aDeviceThatPassesTheRelayButInterceptsBrowsersIsNoneWithAWarning() {
        // Blue Coat "tunnel on protocol error": the relay hello gets through, real TLS is inspected.
        var c = combine(with(clean(), leg(LegKind.BROWSER_SNI, LegStatus.INTERCEPTED),
                leg(LegKind.BROWSER_NO_SNI, LegStatus.INTERCEPTED)));
        assertThat(c.rootCause().code()).isEqualTo(RootCauseCode.NONE);
        assertThat(c.findings()).anyMatch(f -> f.code().equals("BROWSER_TLS_INTERCEPTED_RELAY_PASSES"));
    }

    @Test
    void workingExplicitProxyCarriesTcpWhenDirectFails() {
        var c = combine(with(clean(), leg(LegKind.TCP_CONNECT, LegStatus.REFUSED), leg(LegKind.TCP_RELAY,
                LegStatus.REFUSED), leg(LegKind.EXPLICIT_PROXY, LegStatus.PASSED)));
        assertThat(c.rootCause().code()).isEqualTo(RootCauseCode.NONE);
        assertThat(c.modality(Modality.APPSHARING).path()).contains("through the explicit proxy");
    }

    @Test
    void noLegsIsUnknownNotNone() {
        var c = combine(List.of());
        assertThat(c.rootCause().code()).isNotEqualTo(RootCauseCode.NONE);
        assertThat(c.modalities()).allMatch(m -> m.support() == Support.UNKNOWN);
    }

    @Test
    void closedDirectPathAndAProxyDemanding407IsHttpProxy() {
        var c = combine(with(clean(), leg(LegKind.TCP_CONNECT, LegStatus.REFUSED), leg(LegKind.TCP_RELAY,
                LegStatus.REFUSED), leg(LegKind.EXPLICIT_PROXY, LegStatus.HTTP_PROXY)));
        assertThat(c.rootCause().code()).isEqualTo(RootCauseCode.HTTP_PROXY);
        assertThat(c.rootCause().remedy()).startsWith("Allow unauthenticated CONNECT to 192.0.2.10, 192.0.2.11");
    }
}
