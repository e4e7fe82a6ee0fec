package io.mediapath.diagnose;

import io.mediapath.diagnose.Diagnosis.DialogDiagnosis;
import io.mediapath.diagnose.Diagnosis.IceWarnDecode;
import io.mediapath.ice.CandidateTransport;
import io.mediapath.ice.CandidateType;
import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.FindingCodes;
import io.mediapath.ice.MediaAudit;
import io.mediapath.ice.Severity;
import io.mediapath.sdp.msdiag.Location;
import io.mediapath.sdp.msdiag.MediaDebug;
import io.mediapath.sdp.msdiag.Remedies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Names the one root cause of an offline {@link Diagnosis} (a log, a trace, an SDP) in the edge playbook's
 * vocabulary ({@link RootCauseCode}). The client's own report decides first (an ICEWarn bit names the failure it
 * saw), the candidates second (what the offer lacks says which relay path failed); offline it is a suspicion, and the
 * remedy says how to confirm it live. Every finding of the diagnosis stays as supporting evidence.
 */
final class OfflineRootCause {

    private static final int MAX_EVIDENCE = 6;

    private final Diagnosis d;
    private final List<IceWarnDecode> warns = new ArrayList<>();
    private final Set<String> codes = new LinkedHashSet<>();

    private OfflineRootCause(Diagnosis d) {
        this.d = d;
        d.dialogs().forEach(x -> warns.addAll(x.iceWarns()));
        d.findings().forEach(f -> codes.add(f.code()));
    }

    static RootCause of(Diagnosis d) {
        return new OfflineRootCause(d).decide();
    }

    private RootCause decide() {
        if (d.findings().stream().noneMatch(f -> f.severity().atLeast(Severity.WARNING))) {
            return RootCause.none("Nothing in " + d.source() + " stops media: every finding is informational.");
        }
        if (anyBit("PSEUDO_TLS_FAILURE")) {
            return tlsIntercepted();
        }
        if (anyBit("HTTP_PROXY_AUTH_FAILED")) {
            return simple(RootCauseCode.HTTP_PROXY, "HTTP_PROXY_AUTH_FAILED",
                    "The client's HTTP proxy refused its authentication (ICEWarn 0x2000000), so the client could not "
                            + "reach the media relay" + relaysText(" ") + " through it on TCP 443; media that needs TCP "
                            + "(application sharing, file transfer) fails with external users.",
                    "Exempt the media relay" + relaysText(" ") + " from the proxy (by IP address), or fix the proxy "
                            + "authentication for the client. Confirm live with `mediapath edge " + relayOr() + "`.");
        }
        if (anyBit("TURN_CREDENTIALS_EXPIRED")) {
            return simple(RootCauseCode.AUTH_FAILED, "TURN_CREDENTIALS_EXPIRED",
                    "The media relay" + relaysText(" ") + " refused the client's credentials (ICEWarn 0x4000: expired "
                            + "or unknown): the relay is reachable, but the client gets no relay candidate.",
                    "Check the A/V Edge authentication service (MRAS on the Front End, port 5062 to the Edge) and the "
                            + "clocks; sign the client in again for fresh credentials.");
        }
        if (anyBit("NO_TURN_SERVER_CONFIGURED")) {
            return simple(RootCauseCode.NO_RELAY_CONFIGURED, "NO_TURN_SERVER_CONFIGURED",
                    "The client had no media relay to use (ICEWarn 0x80000): calls with peers on other networks have "
                            + "no relay candidate.",
                    "Check the relay settings the client receives (MRAS mediaRelayList, the Edge's internal FQDN in "
                            + "DNS), then probe the relay with `mediapath edge <relay>`.");
        }
        if (codes.contains("RELAY_DNS_FAILURE")) {
            return fromFinding(RootCauseCode.DNS_FAILURE, "RELAY_DNS_FAILURE",
                    "The media relay's name did not resolve for the client, so it had no relay candidate.",
                    "Check split DNS for the Edge's internal FQDN from the client's network; then `mediapath edge "
                            + relayOr() + "`.");
        }
        if (anyBit("TURN_UNREACHABLE")) {
            return simple(RootCauseCode.RELAY_UNREACHABLE, "TURN_UNREACHABLE",
                    "The client could not reach the media relay" + relaysText(" ") + " at all (ICEWarn 0x1): neither "
                            + "UDP 3478 nor TCP 443 answered.",
                    "Allow UDP 3478 and TCP 443 from the clients to " + relayOr() + "; confirm with `mediapath edge "
                            + relayOr() + "`.");
        }
        if (anyBit("TCP_ALLOCATE_FAILED") || codes.contains("NO_TCP_RELAY_CANDIDATE")
                || codes.contains("NO_TCP_RELAY_ALLOCATION")) {
            return tcpBlocked();
        }
        if ((anyBit("UDP_ALLOCATE_FAILED") || anyBit("UDP_TURN_CONNECTIVITY_FAILED")) && offered(true)) {
            return simple(RootCauseCode.UDP_BLOCKED, anyBit("UDP_ALLOCATE_FAILED") ? "UDP_ALLOCATE_FAILED"
                            : "UDP_TURN_CONNECTIVITY_FAILED",
                    "UDP to the media relay" + relaysText(" ") + " fails while its TCP relay works: audio and video "
                            + "fall back to TCP (degraded quality).",
                    "Allow UDP 3478 to " + relayOr() + " (and UDP 50000-59999 on the Edge's external side); confirm "
                            + "with `mediapath edge " + relayOr() + "`.");
        }
        List<Finding> notGathered = d.findings().stream()
                .filter(f -> FindingCodes.NO_CANDIDATES.covers(f.code()) || FindingCodes.CANDIDATES_TRICKLED.covers(f.code()))
                .toList();
        if (!notGathered.isEmpty()) {
            Finding f = notGathered.get(0);
            return RootCause.of(RootCauseCode.CANDIDATES_NOT_GATHERED, f.summary(), f.remedy(), f.evidence());
        }
        Finding worst = d.findings().get(0);
        return RootCause.of(RootCauseCode.UNDETERMINED, "No single cause stands out; the worst finding is "
                + worst.code() + ": " + worst.summary(), worst.remedy(), worst.evidence());
    }

    /** ICEWarn 0x800000: the client itself saw the pseudo-TLS exchange fail on TCP 443. */
    private RootCause tlsIntercepted() {
        List<Evidence> ev = new ArrayList<>();
        warns.stream().filter(w -> w.has("PSEUDO_TLS_FAILURE")).map(IceWarnDecode::evidence).distinct()
                .forEach(ev::add);
        addFindingEvidence(ev, "NO_TCP_RELAY_CANDIDATE", "NO_TCP_RELAY_ALLOCATION", "NO_FEASIBLE_PAIR");
        String relays = relaysText(" ");
        String hex = warns.stream().filter(w -> w.has("PSEUDO_TLS_FAILURE")).map(IceWarnDecode::hex).distinct()
                .reduce((a, b) -> a + ", " + b).orElse("");
        String summary = "TLS inspection suspected on TCP " + tcpPort() + " to the Edge" + relays + ": "
                + who() + " reported a pseudo-TLS failure in " + headerKind() + " (ICEWarn " + hex
                + ", bit 0x800000 set)" + (codes.contains("NO_TCP_RELAY_CANDIDATE") || codes.contains("NO_TCP_RELAY_ALLOCATION")
                        ? " and got no TCP relay allocation" : "")
                + ": an HTTP proxy or firewall terminates TLS on that port, so the MS-TURN hello never reaches the Edge. "
                + impact();
        String remedy = Remedies.bypassInspectionByIp(String.join(", ", relayHosts()), tcpPort(), true)
                + " Confirm live from the client's network with `mediapath edge " + relayOr() + "` (names the "
                + "interception product and checks a bypass by name against one by IP).";
        return RootCause.of(RootCauseCode.TLS_INTERCEPTED, summary, remedy, cap(ev));
    }

    /** No TCP relay, without the pseudo-TLS bit: TCP 443 to the Edge fails, blocked or intercepted. */
    private RootCause tcpBlocked() {
        List<Evidence> ev = new ArrayList<>();
        warns.stream().filter(w -> w.has("TCP_ALLOCATE_FAILED")).map(IceWarnDecode::evidence).distinct()
                .forEach(ev::add);
        addFindingEvidence(ev, "NO_TCP_RELAY_CANDIDATE", "NO_TCP_RELAY_ALLOCATION", "NO_FEASIBLE_PAIR");
        String summary = "The TCP " + tcpPort() + " relay path to the Edge" + relaysText(" ") + " fails: "
                + (anyBit("TCP_ALLOCATE_FAILED") ? "the client reported a failed TCP allocation (ICEWarn 0x8)"
                        : "the offer has no TCP relay candidate")
                + ". A firewall blocks TCP " + tcpPort() + " to the Edge, or a proxy intercepts it. " + impact();
        String remedy = "Allow TCP " + tcpPort() + " from the clients to " + relayOr() + ". If a proxy or firewall "
                + "inspects it: " + Remedies.bypassInspectionByIp(String.join(", ", relayHosts()), tcpPort(), true)
                + " `mediapath edge " + relayOr() + "` tells a block from an interception.";
        return RootCause.of(RootCauseCode.TCP_BLOCKED, summary, remedy, cap(ev));
    }

    private RootCause simple(RootCauseCode code, String bit, String summary, String remedy) {
        List<Evidence> ev = new ArrayList<>();
        warns.stream().filter(w -> w.has(bit)).map(IceWarnDecode::evidence).distinct().forEach(ev::add);
        addFindingEvidence(ev, "NO_RELAY_CANDIDATE", "NO_FEASIBLE_PAIR");
        return RootCause.of(code, summary, remedy, cap(ev));
    }

    private RootCause fromFinding(RootCauseCode code, String findingCode, String summary, String remedy) {
        List<Evidence> ev = new ArrayList<>();
        addFindingEvidence(ev, findingCode, "NO_RELAY_CANDIDATE");
        return RootCause.of(code, summary, remedy, cap(ev));
    }

    /** What breaks and what keeps working, from what the offers and reports show. */
    private String impact() {
        boolean udpRelay = offered(true);
        boolean sharingFailed = warns.stream().anyMatch(w -> isTcpOnly(w.mediaType()))
                || d.dialogs().stream().anyMatch(this::tcpOnlyMediaFailed);
        StringBuilder sb = new StringBuilder();
        if (udpRelay) {
            sb.append("Voice and video work over UDP (the relay answers on UDP 3478); ");
        } else {
            sb.append("Media that can use UDP may still work; ");
        }
        sb.append("application sharing and file transfer, which use TCP only, ")
                .append(sharingFailed ? "fail" : "have no relay path")
                .append(" with external and federated users.");
        return sb.toString();
    }

    private boolean tcpOnlyMediaFailed(DialogDiagnosis dd) {
        return dd.audit().map(a -> a.media().stream().anyMatch(m -> isTcpOnly(m.mediaType()))).orElse(false)
                && dd.findings().stream().anyMatch(f -> f.severity().atLeast(Severity.ERROR));
    }

    private static boolean isTcpOnly(String mediaType) {
        String t = mediaType.toLowerCase(Locale.ROOT);
        return t.contains("applicationsharing") || t.contains("application-sharing") || t.contains("data")
                || t.contains("file");
    }

    /** True when some offer carries a relay candidate on UDP ({@code udp}) or on TCP. */
    private boolean offered(boolean udp) {
        for (DialogDiagnosis dd : d.dialogs()) {
            if (dd.audit().isEmpty()) {
                continue;
            }
            for (MediaAudit m : dd.audit().get().media()) {
                int n = udp ? m.offerMatrix().count(CandidateType.RELAYED, CandidateTransport.UDP)
                        : m.offerMatrix().countTcp(CandidateType.RELAYED);
                if (n > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean anyBit(String flag) {
        return warns.stream().anyMatch(w -> w.has(flag));
    }

    /** Who reported it: "the internal client" when the reporting side sat on the intranet. */
    private String who() {
        for (IceWarnDecode w : warns) {
            if (w.has("PSEUDO_TLS_FAILURE") && w.debug().localLocation().orElse(Location.UNKNOWN) == Location.INTRANET) {
                return "the internal client";
            }
        }
        return "the client";
    }

    private String headerKind() {
        for (IceWarnDecode w : warns) {
            String x = w.evidence().excerpt().toLowerCase(Locale.ROOT);
            if (x.startsWith("ms-client-diagnostics")) {
                return "its ms-client-diagnostics";
            }
        }
        return "its ms-diagnostics";
    }

    /** The relays the reporting clients used (LocalMR host, MrDnsU name), in order. */
    private List<String> relayHosts() {
        Set<String> hosts = new LinkedHashSet<>();
        for (IceWarnDecode w : warns) {
            w.debug().localMr().ifPresent(e -> hosts.add(e.host()));
        }
        return List.copyOf(hosts);
    }

    private String relaysText(String prefix) {
        Map<String, String> names = new LinkedHashMap<>();
        for (IceWarnDecode w : warns) {
            MediaDebug m = w.debug();
            m.localMr().ifPresent(e -> names.merge(e.host(), m.mrDnsU().orElse(""), (a, b) -> a.isEmpty() ? b : a));
        }
        List<String> parts = new ArrayList<>();
        names.forEach((host, name) -> parts.add(host + (name.isEmpty() ? "" : " (" + name + ")")));
        return parts.isEmpty() ? "" : prefix + String.join(", ", parts);
    }

    private String relayOr() {
        List<String> hosts = relayHosts();
        return hosts.isEmpty() ? "<relay>" : hosts.get(0);
    }

    /**
     * The relay's TCP port: 443, where the Edge's internal interface takes MS-TURN over TCP. (LocalMRTCPPort is the
     * port allocated on the relay, not the one the client connects to.)
     */
    private static int tcpPort() {
        return 443;
    }

    private void addFindingEvidence(List<Evidence> ev, String... findingCodes) {
        for (String code : findingCodes) {
            d.findings().stream().filter(f -> f.code().equals(code)).findFirst()
                    .ifPresent(f -> f.evidence().stream().limit(2).filter(e -> !ev.contains(e)).forEach(ev::add));
        }
    }

    private static List<Evidence> cap(List<Evidence> ev) {
        return ev.size() <= MAX_EVIDENCE ? ev : ev.subList(0, MAX_EVIDENCE);
    }
}
