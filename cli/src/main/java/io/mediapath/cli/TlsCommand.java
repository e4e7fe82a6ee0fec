package io.mediapath.cli;

import io.mediapath.diagnose.report.HtmlReport;
import io.mediapath.diagnose.report.JsonOutput;
import io.mediapath.diagnose.report.TextReport;
import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.TransportAddress;
import io.mediapath.tls.CertificateInfo;
import io.mediapath.tls.FlightRecord;
import io.mediapath.tls.InspectOptions;
import io.mediapath.tls.IssuerSignatures;
import io.mediapath.tls.PseudoTlsProbe;
import io.mediapath.tls.ServerHello;
import io.mediapath.tls.TlsInspection;
import io.mediapath.tls.TlsProbe;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mediapath tls HOST[:PORT]}: who answers on the port — the genuine relay or server, an intercepting proxy,
 * or something else. Exit 0 for a genuine answer, 1 for any other verdict, 2 on bad usage.
 */
@Command(name = "tls", mixinStandardHelpOptions = true,
        description = "Names who answers on TCP 443: the genuine relay/server, an intercepting proxy, or something else.")
final class TlsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST[:PORT]", description = "The relay or server (default port 443).")
    String target;

    @Option(names = "--pseudo-tls", description = "Send the MS-TURN pseudo-TLS hello (Lync/SfB relays) instead of a real TLS handshake.")
    boolean pseudoTls;

    @Option(names = "--sni", paramLabel = "NAME", description = "Server name to send (default: the host when it is a name).")
    String sni;

    @Option(names = "--pin", paramLabel = "sha256/BASE64", description = "Expected SPKI pin; repeatable.")
    List<String> pins = new ArrayList<>();

    @Option(names = "--trust", paramLabel = "PEMFILE", description = "Trust anchors of the genuine server (PEM).")
    Path trust;

    @Option(names = "--signatures", paramLabel = "JSONFILE", description = "Extra issuer signatures of interception products.")
    Path signatures;

    @Option(names = "--proxy", paramLabel = "HOST:PORT", description = "Probe through this explicit HTTP proxy (CONNECT).")
    String proxy;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5", description = "Deadline for the whole probe (default ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as one self-contained HTML "
            + "page to FILE (the exchange as a ladder diagram, the certificate chain).")
    Path html;

    @Option(names = "--pcap", paramLabel = "FILE", description = "Also write the probe's traffic as the client saw it "
            + "(pcapng, rebuilt from the probe's own socket, for Wireshark).")
    java.nio.file.Path pcap;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        TransportAddress address;
        InspectOptions options;
        try {
            address = TransportAddress.parseTarget(target, 443);
            if (!(timeoutSeconds > 0 && timeoutSeconds <= 600)) {
                throw new IllegalArgumentException("--timeout: " + timeoutSeconds + " (expected: 0 < seconds <= 600)");
            }
            InspectOptions.Builder b = InspectOptions.builder().sni(sni);
            for (String p : pins) {
                b.pin(p);
            }
            if (trust != null) {
                b.trust(InspectOptions.readCertificates(trust));
            }
            if (signatures != null) {
                b.signatures(IssuerSignatures.builtIn().plus(IssuerSignatures.load(signatures)));
            }
            if (proxy != null) {
                b.httpProxy(TransportAddress.parseTarget(proxy, 8080));
            }
            options = b.build();
            String pcapProblem = pcap != null ? PcapFile.unwritable(pcap) : null;
            if (pcapProblem != null) {
                throw new IllegalArgumentException("--pcap " + pcap + ": " + pcapProblem);
            }
        } catch (RuntimeException e) {
            err.println("mediapath tls: " + e.getMessage());
            return MediapathCli.USAGE;
        }
        if (!HtmlFile.usable("tls", html, err)) {
            return MediapathCli.USAGE;
        }
        Duration timeout = Duration.ofMillis((long) (timeoutSeconds * 1000));
        java.time.Instant started = java.time.Instant.now();
        TlsInspection i = (pseudoTls ? PseudoTlsProbe.create(options).inspect(address, timeout)
                : TlsProbe.create(options).inspect(address, timeout)).toCompletableFuture().join();
        if (pcap != null) {
            PcapFile.write(pcap, io.mediapath.diagnose.report.PcapExport.of(started, i.timeline()), "tls", err);
        }
        if (json) {
            out.println(JsonOutput.write(toJson(i)));
        } else {
            text(i, out);
        }
        out.flush();
        if (html != null && !HtmlFile.write("tls", html, HtmlReport.tls(i), err)) {
            return MediapathCli.USAGE;
        }
        return i.genuine() ? MediapathCli.OK : MediapathCli.FOUND;
    }

    private static void text(TlsInspection i, PrintWriter out) {
        out.println(i.verdict() + " (" + i.confidence().name().toLowerCase(java.util.Locale.ROOT) + " confidence) — "
                + i.probe() + " " + i.target() + (i.remoteAddress().isEmpty() ? "" : " [" + i.remoteAddress() + "]"));
        i.connectTime().ifPresent(c -> out.println("  tcp connect " + ms(c) + i.firstByteLatency()
                .map(f -> ", first answer byte " + ms(f) + " after the hello").orElse("")));
        i.serverHello().ifPresent(sh -> out.println("  server hello: " + sh
                + (i.serverHellos().size() > 1 ? " (after HelloRetryRequest)" : "")));
        for (FlightRecord r : i.records()) {
            out.println("  " + r);
        }
        for (int k = 0; k < i.chain().size(); k++) {
            CertificateInfo c = i.chain().get(k);
            out.println("  cert " + k + ": " + c);
        }
        i.http().ifPresent(h -> out.println("  http: " + h.describe()));
        timeline(i, out);
        for (Finding f : i.findings()) {
            out.println(f.severity() + " " + f.code() + ": " + f.summary());
            for (Evidence e : f.evidence()) {
                out.println("    - " + e.location() + ": " + e.excerpt());
            }
            if (!f.remedy().isEmpty()) {
                out.println("    remedy: " + f.remedy());
            }
        }
    }

    private static void timeline(TlsInspection i, PrintWriter out) {
        if (!i.timeline().isEmpty()) {
            out.println("  timeline:");
            out.print(TextReport.timeline(i.timeline(), "    "));
        }
    }

    private static String ms(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.2f ms", d.toNanos() / 1e6);
    }

    /** Schema {@value JsonOutput#TLS}, see docs/json-report.md. */
    static Map<String, Object> toJson(TlsInspection i) {
        Map<String, Object> m = JsonOutput.document(JsonOutput.TLS);
        m.put("probe", i.probe());
        m.put("target", i.target().toString());
        m.put("remoteAddress", i.remoteAddress());
        m.put("verdict", i.verdict().name());
        m.put("genuine", i.genuine());
        m.put("confidence", i.confidence().name());
        m.put("connectMillis", i.connectTime().map(d -> d.toNanos() / 1e6).orElse(null));
        m.put("firstByteMillis", i.firstByteLatency().map(d -> d.toNanos() / 1e6).orElse(null));
        List<Map<String, Object>> reads = new ArrayList<>();
        i.reads().forEach(r -> reads.add(Map.of("afterHelloMillis", r.afterHello().toNanos() / 1e6, "bytes", r.length())));
        m.put("reads", reads);
        List<Map<String, Object>> recs = new ArrayList<>();
        i.records().forEach(r -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("contentType", r.contentType());
            x.put("version", String.format("0x%04x", r.version()));
            x.put("length", r.length());
            x.put("firstRead", r.firstRead());
            x.put("lastRead", r.lastRead());
            x.put("contents", r.contents());
            recs.add(x);
        });
        m.put("records", recs);
        List<Map<String, Object>> hellos = new ArrayList<>();
        i.serverHellos().forEach(s -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("version", ServerHello.versionName(s.selectedVersion()));
            x.put("cipherSuite", String.format("0x%04x", s.cipherSuite()));
            x.put("extensions", s.extensions());
            x.put("helloRetryRequest", s.helloRetryRequest());
            x.put("keyShareGroup", s.keyShareGroup());
            x.put("alpn", s.alpn());
            x.put("fingerprint", s.fingerprint());
            hellos.add(x);
        });
        m.put("serverHellos", hellos);
        List<Map<String, Object>> chain = new ArrayList<>();
        i.chain().forEach(c -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("subject", c.subject());
            x.put("issuer", c.issuer());
            x.put("notBefore", c.notBefore().toString());
            x.put("notAfter", c.notAfter().toString());
            x.put("spkiSha256", c.spkiSha256());
            x.put("keyAlgorithm", c.keyAlgorithm());
            x.put("pem", c.pem());
            chain.add(x);
        });
        m.put("chain", chain);
        i.alert().ifPresent(a -> m.put("alert", Map.of("level", a.levelName(), "description", a.descriptionName(),
                "code", a.description())));
        i.http().ifPresent(http -> {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("statusLine", http.statusLine());
            h.put("status", http.status());
            Map<String, String> headers = new LinkedHashMap<>();
            http.headers().forEach(e -> headers.putIfAbsent(e.getKey(), e.getValue()));
            h.put("headers", headers);
            h.put("title", http.title());
            m.put("http", h);
        });
        m.put("findings", JsonOutput.findings(i.findings()));
        m.put("timeline", JsonOutput.timeline(i.timeline()));
        m.put("answerHex", i.answerHex());
        m.put("elapsedMillis", i.elapsed().toNanos() / 1e6);
        return m;
    }
}
