package io.mediapath.sdp.msdiag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a diagnostic code of {@code ms-diagnostics}/{@code ms-client-diagnostics}/{@code ms-diagnostics-public}
 * means, why it usually happens and what to do. Only codes with a published meaning are listed (see
 * {@code domain.md} §2.2 and the corpus sources); {@link #component(int)} names the component range of any code.
 *
 * @param code        the numeric code
 * @param reason      the reason text the products send with it
 * @param meaning     what it means, in plain words
 * @param likelyCause the usual cause
 * @param remedy      what to do (empty when nothing is wrong)
 * @param failure     whether the code reports a failure (51004/51007 are informational)
 */
public record DiagnosticCode(int code, String reason, String meaning, String likelyCause, String remedy,
        boolean failure) {

    public DiagnosticCode {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(meaning, "meaning");
        Objects.requireNonNull(likelyCause, "likelyCause");
        Objects.requireNonNull(remedy, "remedy");
    }

    private static final String MEDIA_REMEDY = "Decode the ICEWarn value of the same header; check that each client "
            + "can reach the A/V Edge on UDP 3478 and TCP 443 and the Edge's external side on 50000-59999; if a "
            + "proxy or firewall inspects TLS on TCP 443: " + Remedies.bypassInspectionByIp("", 443, true);

    private static final Map<Integer, DiagnosticCode> KNOWN = new LinkedHashMap<>();

    static {
        add(22, "Call failed to establish due to a media connectivity failure when both endpoints are internal",
                "The call was set up in SIP but no media path was found between two internal endpoints.",
                "Firewalls or host firewalls between internal subnets block the media ports, or the clients cannot "
                        + "reach the Edge's internal side for a relay.",
                MEDIA_REMEDY, true);
        add(23, "Call failed to establish due to a media connectivity failure when one endpoint is internal and the "
                        + "other is remote",
                "No media path between an internal and an external endpoint: the call needs the A/V Edge relay.",
                "The internal client could not allocate or use a relay on the Edge's internal side (UDP 3478 or "
                        + "TCP 443 blocked, or TLS inspection breaking the pseudo-TLS connection on TCP 443), or the "
                        + "Edge's external side is unreachable for the remote client.",
                MEDIA_REMEDY, true);
        add(24, "Call failed to establish due to a media connectivity failure when both endpoints are remote",
                "No media path between two external endpoints.",
                "Both clients depend on the Edge's external side; their relay allocations or the TCP path failed "
                        + "(application sharing uses TCP only).",
                MEDIA_REMEDY, true);
        add(25, "A federated call failed to establish due to a media connectivity failure where both endpoints are "
                        + "internal",
                "No media path between two internal endpoints of federated organisations: the media must cross "
                        + "both Edges.",
                "One of the Edges' relay paths (internal UDP 3478/TCP 443, external 50000-59999) is blocked or "
                        + "intercepted.",
                MEDIA_REMEDY, true);
        add(51004, "Action initiated by user", "The call was ended normally by the user (a BYE).",
                "Normal hang-up; the attached media debug still tells whether media had trouble.", "", false);
        add(51007, "Callee media connectivity diagnosis info",
                "The callee's media connectivity report, sent in the final response.",
                "Informational; read the ICEWarn bits in CalleeMediaDebug.", "", false);
        add(21002, "Attendees cannot share in this conference",
                "The conferencing server refused sharing by an attendee (ms-diagnostics-public from the ASMCU).",
                "Meeting policy allows only presenters to share.",
                "Make the user a presenter or change the meeting's sharing policy.", true);
    }

    private static void add(int code, String reason, String meaning, String cause, String remedy, boolean failure) {
        KNOWN.put(code, new DiagnosticCode(code, reason, meaning, cause, remedy, failure));
    }

    /** The entry for {@code code}, if its meaning is known. */
    public static Optional<DiagnosticCode> lookup(int code) {
        return Optional.ofNullable(KNOWN.get(code));
    }

    /** Every known code, in table order. */
    public static List<DiagnosticCode> known() {
        return List.copyOf(KNOWN.values());
    }

    /** Whether {@code code} is one of the media connectivity failures 22–25. */
    public static boolean isMediaConnectivityFailure(int code) {
        return code >= 22 && code <= 25;
    }

    /**
     * The server component a code range belongs to, per the Office Communications Server 2007 ms-diagnostics range
     * table (later products kept these ranges and added others, e.g. 2xxxx conferencing and 5xxxx client codes,
     * which are reported as {@code "unlisted range"}).
     */
    public static String component(int code) {
        if (code >= 22 && code <= 25) {
            return "client media connectivity";
        }
        if (code >= 51000 && code <= 51999 && KNOWN.containsKey(code)) {
            return "client";
        }
        int[][] ranges = {
            {0, 999}, {1000, 1999}, {2000, 2999}, {3000, 3999}, {4000, 4999}, {5000, 5999}, {6000, 6999},
            {7000, 7999}, {8000, 8999}, {9000, 9999}, {10000, 10999}, {11000, 11999}, {12000, 12999},
            {13000, 13999}, {14000, 14999}, {15000, 15999}, {16000, 16999}, {17000, 17999}, {90000, 90999}};
        String[] names = {
            "common", "SIP stack", "User Services (presence)", "User Services (conferencing focus)",
            "User Services (other)", "API applications", "IM conferencing server", "A/V conferencing server",
            "telephony conferencing server", "MRAS (media relay authentication)", "Mediation Server",
            "Metrics server", "VoIP outbound routing", "VoIP inbound routing", "VoIP translation (dial plans)",
            "Exchange UM", "Intelligent IM filter", "Client version filter", "PIC (public IM connectivity)"};
        for (int i = 0; i < ranges.length; i++) {
            if (code >= ranges[i][0] && code <= ranges[i][1]) {
                return names[i];
            }
        }
        return code == 21002 ? "conferencing (ASMCU)" : "unlisted range";
    }
}
