package io.mediapath.ice;

import io.mediapath.sdp.msdiag.DiagnosticCode;
import io.mediapath.sdp.msdiag.IceWarnFlag;
import io.mediapath.sdp.msdiag.Location;
import io.mediapath.sdp.msdiag.MediaDebug;
import io.mediapath.sdp.msdiag.MediaEndpoint;
import io.mediapath.sdp.msdiag.MsDiagnostics;
import io.mediapath.sdp.msdiag.Remedies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a parsed {@code ms-diagnostics}/{@code ms-client-diagnostics} header (sdp-model's {@link MsDiagnostics})
 * into findings: one per meaningful ICEWarn bit ({@code ICEWARN_<FLAG>}, e.g. {@code ICEWARN_PSEUDO_TLS_FAILURE}),
 * the media-connectivity failure codes 22–25, a missing TCP relay allocation, a relay name that did not resolve.
 * Also reads where each side was (LocalLocation/RemoteLocation) for the feasibility estimate.
 */
public final class DiagnosticsAudit {

    /** Bits that break the TCP 443 relay path through a proxy: findings say "by IP" and name the relay. */
    private static final Map<String, Severity> SEVERITIES = Map.ofEntries(
            Map.entry("PSEUDO_TLS_FAILURE", Severity.CRITICAL),
            Map.entry("HTTP_PROXY_AUTH_FAILED", Severity.ERROR),
            Map.entry("TCP_ALLOCATE_FAILED", Severity.ERROR),
            Map.entry("TCP_SEND_FAILED", Severity.ERROR),
            Map.entry("TURN_UNREACHABLE", Severity.ERROR),
            Map.entry("NO_TURN_SERVER_CONFIGURED", Severity.ERROR),
            Map.entry("TURN_CREDENTIALS_EXPIRED", Severity.ERROR),
            Map.entry("TCP_TCP_TURN_CHECKS_FAILED", Severity.ERROR),
            Map.entry("PORT_RANGE_EXHAUSTED", Severity.ERROR),
            Map.entry("MESSAGE_INTEGRITY_FAILED", Severity.ERROR),
            Map.entry("BANDWIDTH_POLICY_ALLOCATION_FAILED", Severity.ERROR),
            // The table calls these expected when another path works; they matter only next to the bits above.
            Map.entry("LOCAL_CONNECTIVITY_FAILED", Severity.INFO),
            Map.entry("UDP_NAT_CONNECTIVITY_FAILED", Severity.INFO),
            Map.entry("TCP_NAT_CONNECTIVITY_FAILED", Severity.INFO));

    private DiagnosticsAudit() {
    }

    /**
     * Where caller and callee sit, as far as the reports say.
     *
     * @param caller the INVITE sender (the offerer)
     * @param callee the INVITE receiver (the answerer)
     */
    public record Locations(Location caller, Location callee) {
        public Locations {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(callee, "callee");
        }

        /** Both unknown. */
        public static final Locations UNKNOWN = new Locations(Location.UNKNOWN, Location.UNKNOWN);

        /** This, with unknown sides filled from {@code other}. */
        public Locations orElse(Locations other) {
            return new Locations(caller != Location.UNKNOWN ? caller : other.caller,
                    callee != Location.UNKNOWN ? callee : other.callee);
        }
    }

    /**
     * Caller and callee locations from the media debug sections ({@code CallerMediaDebug}: Local is the caller;
     * {@code CalleeMediaDebug}: Local is the callee). Sections of an unstated side are ignored.
     */
    public static Locations locations(MsDiagnostics d) {
        Location caller = Location.UNKNOWN;
        Location callee = Location.UNKNOWN;
        for (MediaDebug m : d.mediaDebug()) {
            Location local = m.localLocation().orElse(Location.UNKNOWN);
            Location remote = m.remoteLocation().orElse(Location.UNKNOWN);
            if (m.side() == MediaDebug.Side.CALLER) {
                caller = caller == Location.UNKNOWN ? local : caller;
                callee = callee == Location.UNKNOWN ? remote : callee;
            } else if (m.side() == MediaDebug.Side.CALLEE) {
                callee = callee == Location.UNKNOWN ? local : callee;
                caller = caller == Location.UNKNOWN ? remote : caller;
            }
        }
        return new Locations(caller, callee);
    }

    /**
     * The findings of one header.
     *
     * @param d        the parsed header
     * @param evidence where the header is (e.g. {@code Evidence.line("client.log", 120, "ms-client-diagnostics: …")})
     */
    public static List<Finding> audit(MsDiagnostics d, Evidence evidence) {
        Objects.requireNonNull(d, "diagnostics");
        Objects.requireNonNull(evidence, "evidence");
        List<Finding> out = new ArrayList<>();
        Optional<DiagnosticCode> known = d.known();
        if (known.isPresent() && known.get().failure()) {
            DiagnosticCode k = known.get();
            boolean media = DiagnosticCode.isMediaConnectivityFailure(d.code());
            out.add((media ? FindingCodes.MS_DIAG_MEDIA_CONNECTIVITY_FAILURE : FindingCodes.MS_DIAG_FAILURE).builder()
                    .summary("diagnostic " + d.code() + ": " + k.meaning())
                    .evidence(evidence)
                    .remedy((k.likelyCause().isEmpty() ? "" : "Usual cause: " + k.likelyCause() + " ") + k.remedy())
                    .build());
        }
        for (MediaDebug m : d.mediaDebug()) {
            String who = (m.side() == MediaDebug.Side.UNKNOWN ? "" : m.side().name().toLowerCase(java.util.Locale.ROOT) + " ")
                    + m.mediaType();
            String relay = m.localMr().map(DiagnosticsAudit::host).orElse("");
            String relayName = m.mrDnsU().orElse("");
            String relayText = relay.isEmpty() ? (relayName.isEmpty() ? "the Edge/TURN relay" : relayName)
                    : relay + (relayName.isEmpty() ? "" : " (" + relayName + ")");
            long warn = m.iceWarn().orElse(0L);
            for (IceWarnFlag f : m.iceWarnFlags()) {
                Severity sev = SEVERITIES.getOrDefault(f.name(), f.informational() ? Severity.INFO : Severity.WARNING);
                String remedy = f.remedy();
                if (f.name().equals("PSEUDO_TLS_FAILURE")) {
                    remedy = "An HTTP proxy or firewall performs deep SSL/TLS inspection on TCP 443 and fails the MS-TURN "
                            + "pseudo-TLS connection to " + relayText + " (not supported by Microsoft). "
                            + Remedies.bypassInspectionByIp(relay, 443, true) + " Confirm live from the client's network "
                            + "with `mediapath edge " + (relay.isEmpty() ? "<relay>" : relay)
                            + "` (pseudo-TLS and MS-TURN on TCP 443, UDP 3478).";
                } else if (f.name().equals("TCP_ALLOCATE_FAILED") && !relay.isEmpty()) {
                    remedy = remedy + " Relay: " + relayText + ".";
                }
                out.add(FindingCodes.ICEWARN.builder(f.name(), sev)
                        .summary(who + " ICEWarn=0x" + Long.toHexString(warn) + " has " + f.hex() + ": " + f.meaning())
                        .evidence(evidence)
                        .remedy(remedy)
                        .build());
            }
            boolean tcpTrouble = m.isApplicationSharing() || (warn & (0x8L | 0x10L | 0x200L | 0x800000L | 0x4000000L)) != 0;
            if (m.localMr().isPresent() && m.localMrTcpPort().isEmpty() && tcpTrouble) {
                out.add(FindingCodes.NO_TCP_RELAY_ALLOCATION.builder()
                        .summary(who + ": a media relay (LocalMR=" + m.localMr().get() + ") but no LocalMRTCPPort: no TCP "
                                + "allocation on the relay")
                        .evidence(evidence)
                        .build());
            }
            Optional<String> res = m.mrResU();
            if (res.isPresent() && !res.get().isBlank() && !res.get().strip().equals("0")) {
                out.add(FindingCodes.RELAY_DNS_FAILURE.builder()
                        .summary(who + ": the media relay name " + (relayName.isEmpty() ? "" : relayName + " ")
                                + "reports resolution result MrResU=" + res.get().strip() + " (0 is success)")
                        .evidence(evidence)
                        .build());
            }
        }
        return out;
    }

    private static String host(MediaEndpoint e) {
        return e.host();
    }
}
