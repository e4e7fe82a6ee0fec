package io.mediapath.examples.diagnostics;

import io.mediapath.ice.DiagnosticsAudit;
import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.sdp.msdiag.IceWarnFlag;
import io.mediapath.sdp.msdiag.MediaDebug;
import io.mediapath.sdp.msdiag.MsDiagnostics;

/**
 * Decodes one {@code ms-client-diagnostics} header value: the code, each ICEWarn bit, where each side sits, and the
 * findings with their remedies. Usage: {@code DecodeMsDiagnosticsExample ['<header value>']} (without an argument:
 * a failed desktop-sharing session with ICEWarn 0x800328).
 */
public final class DecodeMsDiagnosticsExample {

    static final String HEADER = "23;reason=\"Call failed to establish due to a media connectivity failure when one endpoint "
            + "is internal and the other is remote\";CallerMediaDebug=\"application-sharing:ICEWarn=0x800328,"
            + "LocalSite=10.20.30.40:50040,LocalMR=10.20.1.10:3478,RemoteSite=203.0.113.45:50020,PortRange=50040:50059,"
            + "LocalLocation=2,RemoteLocation=1,MrDnsU=edgepool-int.example.com,MrResU=0\"";

    private DecodeMsDiagnosticsExample() {
    }

    public static void main(String[] args) {
        String value = args.length > 0 ? args[0] : HEADER;
        MsDiagnostics d = MsDiagnostics.parse(value);
        System.out.println("code " + d.code() + ": " + d.reason());
        for (MediaDebug m : d.mediaDebug()) {
            System.out.println(m.side() + " " + m.mediaType() + " ICEWarn=0x" + Long.toHexString(m.iceWarn().orElse(0)));
            for (IceWarnFlag f : m.iceWarnFlags()) {
                System.out.println("  " + f.hex() + " " + f.name() + ": " + f.meaning());
            }
        }
        DiagnosticsAudit.Locations l = DiagnosticsAudit.locations(d);
        System.out.println("caller " + l.caller() + ", callee " + l.callee());
        for (Finding f : DiagnosticsAudit.audit(d, Evidence.line("header", 1, "ms-client-diagnostics"))) {
            System.out.println(f.severity() + " " + f.code() + " -> " + f.remedy());
        }
    }
}
