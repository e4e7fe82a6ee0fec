package io.mediapath.diagnose.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.capture.CaptureReader;
import io.mediapath.capture.FlowTable;
import io.mediapath.capture.TcpFlow;
import io.mediapath.testing.TestData;
import io.mediapath.tls.ObservedExchange;
import io.mediapath.tls.Verdict;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The third-party captures ({@code captures/*.pcap} under {@code -Dmediapath.interop.dir}: lab peers, genuine and
 * intercepted pseudo-TLS, sslsplit, squid/mitmproxy): every TCP flow that opens with a TLS-looking hello gets one of
 * the engine's verdicts, none is dropped, nothing crashes. Runs only in the interop profile.
 */
class CaptureInteropIT {

    @Test
    void everyTlsLookingFlowGetsAVerdict() throws Exception {
        Path dir = TestData.interopDir("captures");
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.pcap")) {
            s.forEach(files::add);
        }
        assertThat(files).as("captures in %s", dir).isNotEmpty();
        Set<String> verdicts = java.util.Arrays.stream(Verdict.values()).map(Enum::name).collect(Collectors.toSet());
        int judged = 0;
        for (Path f : files) {
            // Count the TLS-looking flows independently of the analyzer, straight from the flow table.
            List<TcpFlow> tlsLooking = new ArrayList<>();
            try (CaptureReader r = CaptureReader.open(f)) {
                FlowTable.scan(r, FlowTable.builder(), fl -> {
                    if (fl instanceof TcpFlow t && ObservedExchange.looksLikeTlsHello(t.toServer().head())) {
                        tlsLooking.add(t);
                    }
                });
            }
            CaptureDiagnosis d = CaptureAnalyzer.builder().build().analyze(f);
            List<RelayFlow> tls = d.flows().stream()
                    .filter(x -> x.kind() == RelayFlow.Kind.TLS || x.kind() == RelayFlow.Kind.PSEUDO_TLS).toList();
            assertThat(tls).as("TLS-looking flows judged in %s", f.getFileName()).hasSize(tlsLooking.size());
            for (RelayFlow x : tls) {
                assertThat(verdicts).as("%s %s", f.getFileName(), x.describe()).contains(x.verdict());
                assertThat(x.inspection()).isPresent();
                assertThat(x.findings()).as("%s %s", f.getFileName(), x.describe()).isNotEmpty();
            }
            assertThat(CaptureText.render(d)).contains(f.getFileName().toString());
            judged += tls.size();
        }
        assertThat(judged).isPositive();
    }
}
