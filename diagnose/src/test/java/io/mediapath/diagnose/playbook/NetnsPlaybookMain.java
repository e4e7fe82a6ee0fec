package io.mediapath.diagnose.playbook;

import io.mediapath.tls.InspectOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs the edge playbook from inside the client namespace (started by
 * {@link io.mediapath.lab.netns.NetnsSeedTopology#runJavaInClient}, as tls-inspect's {@code NetnsProbeMain}):
 * {@code ms-turn|turn[/rfc] HOST UDP_PORT TCP_PORT SNI [TRUST_PEM [USER PASSWORD]]} ({@code /rfc}: the RFC
 * timer profile, 10 s TCP/TLS connect timeouts and a 30 s deadline instead of 2 s and 10 s). It prints {@code key=value} lines
 * for the parent test: {@code rootCause}, {@code product}, one line per modality, one {@code leg.<name>=STATUS
 * verdict} per leg, and {@code findings} (codes, comma-separated). The password is never printed.
 */
public final class NetnsPlaybookMain {

    private NetnsPlaybookMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean rfc = args[0].endsWith("/rfc");
        Dialect dialect = args[0].startsWith("turn") ? Dialect.TURN : Dialect.MS_TURN;
        EdgeTarget.Builder t = EdgeTarget.builder(args[1]).dialect(dialect).udpPort(Integer.parseInt(args[2]))
                .tcpPort(Integer.parseInt(args[3])).sni(args[4]);
        // 10 s instead of the diagnostic 3 s: a fresh JVM on a loaded machine loads its TLS and Netty classes slowly
        PlaybookOptions.Builder o = PlaybookOptions.builder().environment(Map.of()).proxySelector(null)
                .deadline(Duration.ofSeconds(rfc ? 30 : 10));
        if (rfc) {
            o.profile(PlaybookOptions.Profile.RFC);
        }
        if (args.length > 5) {
            o.trust(InspectOptions.readCertificates(Path.of(args[5])));
        }
        if (args.length > 7) {
            t.credentials(args[6], args[7]);
        }
        EdgeReport r = EdgePlaybook.create(o.build()).run(t.build()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        StringBuilder out = new StringBuilder();
        out.append("rootCause=").append(r.rootCause().code()).append('\n');
        out.append("product=").append(r.rootCause().product().orElse("")).append('\n');
        for (ModalityVerdict m : r.modalities()) {
            out.append("modality.").append(m.modality().label()).append('=').append(m.support()).append(' ')
                    .append(m.path()).append('\n');
        }
        for (LegResult l : r.legs()) {
            out.append("leg.").append(l.name()).append('=').append(l.status()).append(' ')
                    .append(l.result().verdict()).append('\n');
        }
        out.append("findings=").append(r.findings().stream().map(f -> f.code()).distinct()
                .collect(Collectors.joining(","))).append('\n');
        out.append("summary=").append(r.rootCause().summary().replace('\n', ' ')).append('\n');
        out.append("remedy=").append(r.rootCause().remedy().replace('\n', ' ')).append('\n');
        out.append("report=").append(r.toString().replace('\n', ' ')).append('\n');
        System.out.print(out);
        System.out.flush();
        System.exit(0);
    }
}
