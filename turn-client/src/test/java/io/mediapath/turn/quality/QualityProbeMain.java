package io.mediapath.turn.quality;

import io.mediapath.turn.StunTransport;
import io.mediapath.turn.TurnClient;
import io.mediapath.turn.TurnClientOptions;
import io.mediapath.turn.TurnCredentials;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link QualityRun} inside a test's client namespace ({@code NetnsNatTopology.runJavaInClient}):
 * {@code SERVER PORT USER PASSWORD PEER PEER_PORT SECONDS} prints {@code sent=}, {@code lost=}, {@code lossPercent=},
 * {@code rttMedian=}, {@code rttP95=}, {@code jitter=}, {@code reordered=}, {@code passed=}, {@code findings=}.
 */
public final class QualityProbeMain {
    private QualityProbeMain() {
    }

    public static void main(String[] a) throws Exception {
        QualityOptions o = QualityOptions.builder().duration(Duration.ofSeconds(Integer.parseInt(a[6]))).build();
        try (TurnClient c = TurnClient.create(TurnClientOptions.defaults())) {
            QualityResult r = QualityRun.run(c, new InetSocketAddress(InetAddress.getByName(a[0]), Integer.parseInt(a[1])),
                    StunTransport.UDP, a[0], new TurnCredentials(a[2], a[3]),
                    new InetSocketAddress(InetAddress.getByName(a[4]), Integer.parseInt(a[5])), o)
                    .get(60, TimeUnit.SECONDS);
            QualityFigures f = r.figures();
            System.out.println("describe=" + f.describe());
            System.out.println("sent=" + f.sent());
            System.out.println("lost=" + f.lost());
            System.out.println(String.format(Locale.ROOT, "lossPercent=%.3f", f.lossPercent()));
            System.out.println(String.format(Locale.ROOT, "rttMedian=%.3f", f.rttMedianMs()));
            System.out.println(String.format(Locale.ROOT, "rttP95=%.3f", f.rttP95Ms()));
            System.out.println(String.format(Locale.ROOT, "jitter=%.3f", f.jitterMs()));
            System.out.println("reordered=" + f.reordered());
            System.out.println("passed=" + r.passed());
            System.out.println("findings=" + String.join(",", r.findings().stream().map(x -> x.code()).toList()));
        }
    }
}
