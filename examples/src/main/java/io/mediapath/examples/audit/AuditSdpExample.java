package io.mediapath.examples.audit;

import io.mediapath.ice.AuditReport;
import io.mediapath.ice.CandidateAudit;
import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.MediaAudit;
import io.mediapath.ice.SdpSource;
import io.mediapath.sdp.SessionDescription;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Audits the candidates of one SDP: prints the type × transport matrix of each media section and every finding
 * with its evidence. Usage: {@code AuditSdpExample [file.sdp]} (without a file: a built-in application-sharing
 * offer that has only host candidates, as in the field reports).
 */
public final class AuditSdpExample {

    /** The built-in offer: desktop sharing from an intranet client whose TCP 443 path to the relay is broken. */
    static final String OFFER = String.join("\r\n",
            "v=0", "o=- 0 0 IN IP4 10.20.30.40", "s=session", "c=IN IP4 10.20.30.40", "t=0 0",
            "m=applicationsharing 50040 TCP/RTP/AVP 127",
            "a=candidate:1 1 TCP-ACT 2020212991 10.20.30.40 50040 typ host",
            "a=candidate:2 1 TCP-PASS 2019819775 10.20.30.40 50040 typ host",
            "a=rtpmap:127 x-data/90000", "");

    private AuditSdpExample() {
    }

    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "offer.sdp";
        String text = args.length > 0 ? Files.readString(Path.of(args[0])) : OFFER;
        AuditReport report = CandidateAudit.audit(SdpSource.of(SessionDescription.parse(text), name));
        for (MediaAudit m : report.media()) {
            System.out.println("m=" + m.mediaType() + " " + m.protocol());
            System.out.print(m.offerMatrix().render());
        }
        for (Finding f : report.findings()) {
            System.out.println(f.severity() + " " + f.code() + ": " + f.summary());
            for (Evidence e : f.evidence()) {
                System.out.println("    " + e.source() + " " + e.location() + ": " + e.excerpt());
            }
        }
        System.out.println("worst: " + report.worstSeverity());
    }
}
