package io.mediapath.diagnose.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.turn.nat.ChangeRequest;
import io.mediapath.turn.nat.Hairpinning;
import io.mediapath.turn.nat.NatBehavior;
import io.mediapath.turn.nat.NatReport;
import io.mediapath.turn.nat.NatTransaction;
import io.mediapath.turn.quality.QualityFigures;
import io.mediapath.turn.quality.QualityResult;
import io.mediapath.turn.quality.QualityThresholds;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The {@code nat} and {@code quality} pages: the page frame (self-contained, the conclusion and a modality table
 * first), the proving transactions as a ladder, the figures against the thresholds; what came from the network
 * escaped.
 */
class PathPagesTest {

    private static final InetSocketAddress LOCAL = new InetSocketAddress("10.0.0.2", 40000);
    private static final InetSocketAddress SERVER = new InetSocketAddress("198.51.100.2", 3478);
    private static final InetSocketAddress OTHER = new InetSocketAddress("198.51.100.3", 3479);
    private static final InetSocketAddress MAPPED = new InetSocketAddress("203.0.113.5", 50000);

    private static NatTransaction tx(String test, InetSocketAddress to, Optional<ChangeRequest> cr,
            Optional<InetSocketAddress> mapped, Optional<InetSocketAddress> from, String error) {
        return new NatTransaction(test, LOCAL, to, cr, "0a0b0c<script>", mapped.isPresent(), mapped, from, from,
                Optional.of(OTHER), Duration.ofMillis(mapped.isPresent() ? 12 : 2750), mapped.isPresent() ? 1 : 7,
                Optional.ofNullable(error));
    }

    @Test
    void aSymmetricNatPageSaysEveryCallIsRelayedAndDrawsTheProof() {
        InetSocketAddress otherMapped = new InetSocketAddress("203.0.113.5", 50001);
        NatReport r = new NatReport(SERVER, LOCAL, Optional.of(MAPPED), Optional.of(OTHER),
                NatBehavior.ADDRESS_AND_PORT_DEPENDENT, NatBehavior.ADDRESS_AND_PORT_DEPENDENT,
                Hairpinning.NOT_SUPPORTED, Optional.empty(), List.of(
                        tx("mapping-1", SERVER, Optional.empty(), Optional.of(MAPPED), Optional.of(SERVER), null),
                        tx("mapping-2", new InetSocketAddress("198.51.100.3", 3478), Optional.empty(),
                                Optional.of(otherMapped), Optional.of(new InetSocketAddress("198.51.100.3", 3478)), null),
                        tx("filtering-2", SERVER, Optional.of(new ChangeRequest(true, true)), Optional.empty(),
                                Optional.empty(), "\"><svg onload=alert(1)>"),
                        tx("hairpin", MAPPED, Optional.empty(), Optional.empty(), Optional.empty(), null)), 2);
        String html = HtmlReport.nat(r);
        HtmlReportTest.assertSelfContained(html);
        assertThat(html.indexOf("id=\"root-cause\"")).isLessThan(html.indexOf("id=\"modalities\""))
                .isLessThan(html.indexOf("data-leg=\"nat\""));
        assertThat(html).contains("ICE outlook: <code>RELAY_REQUIRED</code>", "<td>audio</td><td>DEGRADED</td>",
                "<td>relay only</td>", "address-and-port-dependent", "CHANGE-REQUEST[ip+port]",
                "mapping-2: mapped 203.0.113.5:50001, not 203.0.113.5:50000", "class=\"deadline\"",
                "2 datagram(s) that answered no transaction")
                .doesNotContain("<svg onload", "<script>").contains("&quot;&gt;&lt;svg onload=alert(1)&gt;");
    }

    private static QualityResult quality(double loss, double rtt, double jitter, int received) {
        QualityFigures f = new QualityFigures(500, received, 500 - received, loss, 3, 2, rtt * 0.8, rtt, rtt * 1.4,
                jitter, 1, 0, 2, 0, 0, 0.4);
        return new QualityResult(f, QualityThresholds.DEFAULT, "udp 127.0.0.1:3478 relay 127.0.0.1:50000 -> peer "
                + "127.0.0.1:<b>5000");
    }

    @Test
    void aLossyRunIsDegradedWithTheFigureThatFailedAndItsBar() {
        String html = HtmlReport.quality(quality(5.2, 40, 8, 474));
        HtmlReportTest.assertSelfContained(html);
        assertThat(html.indexOf("id=\"root-cause\"")).isLessThan(html.indexOf("id=\"modalities\""));
        assertThat(html).contains("Quality: <code>DEGRADED</code>", "<td>audio</td><td>DEGRADED</td>",
                "quality: loss 5.2 % (&gt;= 1 %)", "<rect class=\"bar bad\"", "<rect class=\"bar ok\"",
                "<td>app sharing</td><td>UNKNOWN</td>", "127.0.0.1:&lt;b&gt;5000").doesNotContain("<b>5000");
        String good = HtmlReport.quality(quality(0.2, 40, 8, 499));
        assertThat(good).contains("Quality: <code>GOOD</code>", "<td>video</td><td>WORKS</td>")
                .doesNotContain("bar bad");
        assertThat(HtmlReport.quality(quality(100, Double.NaN, Double.NaN, 0)))
                .contains("nothing came back from the echo peer", "Quality: <code>DEGRADED</code>");
    }

    @Test
    void aScanPageCountsCausesAndModalitiesAndEscapesTheTargetsText() {
        String hostile = "<script>alert(1)</script>\"><svg onload=alert(2)>";
        ScanSummary sum = new ScanSummary("list.txt", 3, 2, 0, Duration.ofSeconds(4), List.of(
                new ScanSummary.Cause("TLS_INTERCEPTED", 2, List.of("a.example:443", hostile)),
                new ScanSummary.Cause("OK", 1, List.of("b.example:443"))),
                java.util.Map.of("audio", java.util.Map.of("WORKS", 1L, "FAILS", 2L)), List.of(
                        new ScanSummary.Row(2, hostile, "edge_ms_turn", 812, "TLS_INTERCEPTED", "Websense", hostile)), 1);
        String html = HtmlReport.scan(sum);
        HtmlReportTest.assertSelfContained(html);
        assertThat(html).contains("<code>TLS_INTERCEPTED</code></td><td>2</td>", "<td class=\"FAILS\">2</td>",
                "Targets that failed (2)", "1 more failing targets not listed")
                .doesNotContain("<script>", "<svg onload").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
}
