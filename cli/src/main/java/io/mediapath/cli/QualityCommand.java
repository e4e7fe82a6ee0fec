package io.mediapath.cli;

import io.mediapath.diagnose.report.HtmlReport;
import io.mediapath.diagnose.report.JsonOutput;
import io.mediapath.diagnose.report.PathReports;
import io.mediapath.ice.TransportAddress;
import io.mediapath.turn.StunTimers;
import io.mediapath.turn.StunUri;
import io.mediapath.turn.TurnClient;
import io.mediapath.turn.TurnClientOptions;
import io.mediapath.turn.TurnCredentials;
import io.mediapath.turn.quality.QualityOptions;
import io.mediapath.turn.quality.QualityResult;
import io.mediapath.turn.quality.QualityRun;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mediapath quality turn:HOST[:PORT][?transport=tcp] --peer HOST:PORT}: allocates a relay and sends RTP-sized
 * packets every 20 ms through it to an echo peer for {@code --duration} (10 s), then reports loss with bursts, RTT,
 * RFC 3550 jitter, reordering and duplicates, judged against loss &lt; 1 %, RTT &lt; 100 ms, jitter &lt; 30 ms. Exit 0
 * when they pass, 1 when a figure fails or the run cannot start, 2 on bad usage.
 */
@Command(name = "quality", mixinStandardHelpOptions = true,
        description = "Measure media quality through a TURN relay: loss (with bursts), RTT, RFC 3550 jitter, "
                + "reordering and duplicates to an echo peer, judged against loss < 1 %%, RTT < 100 ms, jitter < 30 ms.")
final class QualityCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "URI", description = "turn:HOST[:PORT] (UDP) or "
            + "turn:HOST[:PORT]?transport=tcp, or turns:")
    String uri;

    @Option(names = "--peer", required = true, paramLabel = "HOST:PORT", description = "UDP echo peer (coturn's "
            + "turnutils_peer, or any responder that sends each datagram back)")
    String peer;

    @Option(names = "--username", required = true, description = "long-term username")
    String username;

    @Mixin
    PasswordOptions passwordOptions;




    @Option(names = "--duration", paramLabel = "SECONDS", description = "how long to send (default: 10)")
    int duration = 10;

    @Option(names = "--size", paramLabel = "BYTES", description = "datagram size, 36 to 1200 (default: 172, an RTP "
            + "header and a 20 ms G.711 frame)")
    int size = 172;

    @Option(names = "--ms-turn", description = "refused, with the reason: a quality run over an MS-TURN (Lync/Skype "
            + "for Business Edge) allocation is not available yet, as the MS-TURN client does not carry media")
    boolean msTurn;

    /**
     * Why {@code --ms-turn} (here and in {@code edge --quality}) is refused: what a run would need and what exists.
     * One sentence for both commands.
     */
    static final String MS_TURN_NO_MEDIA = "a quality run over MS-TURN is not available: after the Allocate the Edge "
            + "carries media in Send requests (0x0004, never answered) and Data indications (0x0115), which "
            + "mediapath's MS-TURN client does not send or read yet (it allocates: try mediapath turn --ms-turn), "
            + "and the lab's emulated Edge answers Allocate only, so there is no Edge here to measure it against. "
            + "Measure through an RFC TURN relay instead (turn:HOST)";

    @Option(names = "--json", description = "print the report as JSON (schema " + JsonOutput.QUALITY + ")")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "also write the report as one self-contained HTML "
            + "page to FILE (the figures against the thresholds, as a table and a chart)")
    java.nio.file.Path html;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StunUri u;
        InetSocketAddress server;
        InetSocketAddress echo;
        QualityOptions o;
        TurnCredentials cred;
        if (msTurn) {
            err.println("mediapath quality: --ms-turn: " + MS_TURN_NO_MEDIA + ".");
            err.flush();
            return MediapathCli.USAGE;
        }
        try {
            u = StunUri.parse(uri);
            if (!u.isTurn()) {
                throw new IllegalArgumentException("a quality run needs a relay: give turn: or turns:");
            }
            if (duration < 1 || duration > 600) {
                throw new IllegalArgumentException("--duration " + duration + " (expected: 1 ~ 600 seconds)");
            }
            o = QualityOptions.builder().duration(Duration.ofSeconds(duration)).size(size).build();
            TransportAddress p = TransportAddress.parseTarget(peer, 0);
            echo = new InetSocketAddress(InetAddress.getByName(p.host()), p.port());
            String pw = passwordOptions.resolve(System.console(), "TURN password for " + username + " at " + u + ": ");
            if (pw == null) {
                throw new IllegalArgumentException("--password (or --password-file, --password-env) is required");
            }
            cred = new TurnCredentials(username, pw);
            String host = u.host().startsWith("[") ? u.host().substring(1, u.host().length() - 1) : u.host();
            server = new InetSocketAddress(InetAddress.getByName(host), u.port());
        } catch (java.net.UnknownHostException e) {
            err.println("mediapath quality: cannot resolve " + e.getMessage());
            err.flush();
            return MediapathCli.FOUND;
        } catch (Exception e) {
            err.println("mediapath quality: " + e.getMessage());
            err.flush();
            return MediapathCli.USAGE;
        }
        if (!HtmlFile.usable("quality", html, err)) {
            return MediapathCli.USAGE;
        }
        QualityResult r;
        try (TurnClient client = TurnClient.create(TurnClientOptions.builder().timers(StunTimers.FAST).build())) {
            r = QualityRun.run(client, server, u.transport(), u.host(), cred, echo, o)
                    .get(duration + 30L, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            err.println("mediapath quality: the relay could not be used: " + e.getCause().getMessage());
            err.flush();
            return MediapathCli.FOUND;
        } catch (java.util.concurrent.TimeoutException e) {
            err.println("mediapath quality: no result within " + (duration + 30) + " s");
            err.flush();
            return MediapathCli.FOUND;
        }
        out.print(json ? JsonOutput.write(PathReports.qualityJson(r)) + "\n" : PathReports.qualityText(r));
        out.flush();
        if (html != null && !HtmlFile.write("quality", html, HtmlReport.quality(r), err)) {
            return MediapathCli.USAGE;
        }
        return r.passed() ? MediapathCli.OK : MediapathCli.FOUND;
    }
}
