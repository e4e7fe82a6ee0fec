package io.mediapath.cli;

import io.mediapath.diagnose.report.HtmlReport;
import io.mediapath.diagnose.report.JsonOutput;
import io.mediapath.diagnose.report.PathReports;
import io.mediapath.ice.Severity;
import io.mediapath.ice.TransportAddress;
import io.mediapath.turn.StunTimers;
import io.mediapath.turn.StunTransport;
import io.mediapath.turn.StunUri;
import io.mediapath.turn.nat.NatDiscovery;
import io.mediapath.turn.nat.NatReport;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mediapath nat stun:HOST[:PORT]}: RFC 5780 NAT behaviour discovery over UDP (mapping, filtering, hairpinning,
 * optionally the binding lifetime), each result with the transactions that prove it, and what it means for ICE.
 * Exit 0 when nothing of warning or worse was found, 1 otherwise (a symmetric NAT, no hairpinning, no answer), 2 on
 * bad usage.
 */
@Command(name = "nat", mixinStandardHelpOptions = true,
        description = "Classify the NAT between here and an RFC 5780 STUN server (mapping, filtering, hairpinning, "
                + "binding lifetime) and say whether direct media can work or every call is relayed.")
final class NatCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "URI", description = "stun:HOST[:PORT] (UDP; default port 3478) of a server "
            + "with two addresses (RFC 5780)")
    String uri;

    @Option(names = "--lifetime", paramLabel = "SECONDS", description = "also search the binding lifetime, with "
            + "silences up to SECONDS (at most 4 probes after a control probe: the search may take 4 x SECONDS)")
    Integer lifetime;

    @Option(names = "--no-hairpin", description = "skip the hairpinning test")
    boolean noHairpin;

    @Option(names = "--rfc-timers", description = "RFC 8489 transaction timers (39.5 s per unanswered test) instead of "
            + "the diagnostic ones (2.75 s)")
    boolean rfcTimers;

    @Option(names = "--local", paramLabel = "IP", description = "send from this local address")
    String local;

    @Option(names = "--json", description = "print the report as JSON (schema " + JsonOutput.NAT + ")")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "also write the report as one self-contained HTML "
            + "page to FILE (the transactions that prove each result as a ladder, the ICE outlook)")
    java.nio.file.Path html;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InetSocketAddress server;
        NatDiscovery.Builder b = NatDiscovery.builder().timers(rfcTimers ? StunTimers.RFC8489 : StunTimers.FAST)
                .hairpinning(!noHairpin);
        try {
            StunUri u = StunUri.parse(uri);
            if (u.isTurn() || u.transport() != StunTransport.UDP) {
                throw new IllegalArgumentException("NAT behaviour discovery runs over UDP: give stun:HOST[:PORT]");
            }
            String host = u.host().startsWith("[") ? u.host().substring(1, u.host().length() - 1) : u.host();
            server = new InetSocketAddress(InetAddress.getByName(host), u.port());
            if (lifetime != null) {
                if (lifetime < 1 || lifetime > 600) {
                    throw new IllegalArgumentException("--lifetime " + lifetime + " (expected: 1 ~ 600 seconds)");
                }
                b.lifetimeSearch(Duration.ofSeconds(lifetime), 4, Duration.ofSeconds(1));
            }
            if (local != null) {
                if (!TransportAddress.isIpLiteral(local)) {
                    throw new IllegalArgumentException("--local " + local + ": expected an IP address of this host");
                }
                b.localAddress(InetAddress.getByName(local));
            }
        } catch (java.net.UnknownHostException e) {
            err.println("mediapath nat: cannot resolve " + e.getMessage());
            err.flush();
            return MediapathCli.FOUND;
        } catch (Exception e) {
            err.println("mediapath nat: " + e.getMessage());
            err.flush();
            return MediapathCli.USAGE;
        }
        if (!HtmlFile.usable("nat", html, err)) {
            return MediapathCli.USAGE;
        }
        NatReport r;
        try {
            r = b.build().discover(server);
        } catch (java.io.UncheckedIOException e) {
            err.println("mediapath nat: " + e.getMessage());
            err.flush();
            return MediapathCli.FOUND;
        }
        out.print(json ? JsonOutput.write(PathReports.natJson(r)) + "\n" : PathReports.natText(r));
        out.flush();
        if (html != null && !HtmlFile.write("nat", html, HtmlReport.nat(r), err)) {
            return MediapathCli.USAGE;
        }
        return r.worst().compareTo(Severity.WARNING) >= 0 ? MediapathCli.FOUND : MediapathCli.OK;
    }
}
