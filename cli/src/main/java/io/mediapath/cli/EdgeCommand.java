package io.mediapath.cli;

import io.mediapath.diagnose.playbook.ClientLocation;
import io.mediapath.diagnose.playbook.Dialect;
import io.mediapath.diagnose.playbook.EdgePlaybook;
import io.mediapath.diagnose.playbook.EdgeReport;
import io.mediapath.diagnose.playbook.EdgeTarget;
import io.mediapath.diagnose.playbook.PlaybookOptions;
import io.mediapath.diagnose.report.EdgeReports;
import io.mediapath.diagnose.report.HtmlReport;
import io.mediapath.ice.TransportAddress;
import io.mediapath.lab.SeedTopology;
import io.mediapath.lab.proxy.InterceptingProxy;
import io.mediapath.lab.proxy.InterceptingProxy.Mode;
import io.mediapath.tls.InspectOptions;

import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mediapath edge HOST}: the edge playbook. Per modality what works and what does not, the one root cause,
 * its remedy, then every leg. {@code --lab SCENARIO} starts a seed topology in this process and diagnoses it
 * through the same code path ({@code --lab websense} is the seed: the web-security proxy in front of TCP 443).
 * Exit 0 when every modality works, 1 otherwise, 2 on bad usage.
 */
@Command(name = "edge", mixinStandardHelpOptions = true,
        description = {"Diagnoses a media relay (Lync/SfB Edge or TURN server) from here: per modality what works, "
                + "the root cause, the exact fix.",
            "Try it on the bundled seed: mediapath edge --lab websense"})
final class EdgeCommand implements Callable<Integer> {

    /** The lab scenarios {@code --lab} runs in process. */
    enum LabScenario {
        /** The seed: a genuine Edge, and a Websense-named web proxy answering TCP 443 one record per packet. */
        websense,
        /** A genuine Edge on UDP and TCP, nothing in between. */
        clean,
        /** A web proxy answering the hello with HTTP 407. */
        http407,
        /** A gateway answering the hello with an HTTP 302 to a login portal. */
        portal,
        /** A middlebox resetting the connection after the hello. */
        reset,
        /** A genuine Edge whose UDP port is silent (dropped). */
        udpdropped
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST", description = "The relay's name or IP address.")
    String host;

    @Option(names = "--lab", paramLabel = "SCENARIO", description = "Run against a lab topology started in process: "
            + "${COMPLETION-CANDIDATES}.")
    LabScenario lab;

    @Option(names = "--udp-port", paramLabel = "PORT", defaultValue = "3478", description = "UDP port (default ${DEFAULT-VALUE}).")
    int udpPort;

    @Option(names = "--tcp-port", paramLabel = "PORT", defaultValue = "443", description = "TCP port (default ${DEFAULT-VALUE}).")
    int tcpPort;

    @Option(names = "--dialect", paramLabel = "ms-turn|turn", defaultValue = "ms-turn",
            description = "ms-turn (Lync/SfB Edge, default) or turn (RFC relays: Teams, coturn, WebRTC).")
    String dialect;

    @Option(names = "--username", paramLabel = "USER", description = "Credentials for a full Allocate (optional: the 401 already proves the path).")
    String username;

    @Mixin
    PasswordOptions passwordOptions;

    /** The password the options gave, once resolved (null: none). */
    private String password;




    @Option(names = "--peer", paramLabel = "HOST:PORT", description = "UDP echo peer for a relayed echo (turn, with credentials).")
    String peer;

    @Option(names = "--quality", paramLabel = "SECONDS", arity = "0..1", fallbackValue = "10",
            description = "After the legs, a quality run through the UDP relay (RFC TURN with credentials): 20 ms "
                    + "packets for SECONDS (default 10) to --peer, or between two allocations; audio and video that "
                    + "work become DEGRADED when loss >= 1 %%, RTT >= 100 ms or jitter >= 30 ms.")
    Integer quality;

    @Option(names = "--sni", paramLabel = "NAME", description = "Name for the TLS legs' SNI (default: HOST when it is a name).")
    String sni;

    @Option(names = "--proxy", paramLabel = "HOST:PORT", description = "Explicit HTTP proxy to probe through (default: HTTPS_PROXY / the JVM's).")
    String proxy;

    @Option(names = "--proxy-user", paramLabel = "USER", description = "Basic authentication to --proxy for the "
            + "proxy-relay leg (TURN over TCP through the proxy).")
    String proxyUser;

    @Option(names = "--proxy-password", paramLabel = "PASSWORD|-", arity = "0..1",
            fallbackValue = SecretInput.PROMPT, description = "Password for --proxy-user; never printed. Alone, asks "
                    + "on the terminal; - reads one line from stdin. Prefer --proxy-password-file or --proxy-password-env.")
    String proxyPassword;

    @Option(names = "--proxy-password-file", paramLabel = "FILE", description = "Read the proxy password from the "
            + "first line of FILE.")
    Path proxyPasswordFile;

    @Option(names = "--proxy-password-env", paramLabel = "VAR", description = "Read the proxy password from the "
            + "environment variable VAR.")
    String proxyPasswordEnv;

    @Option(names = "--location", paramLabel = "intranet|internet", description = "Where this machine sits.")
    String location;

    @Option(names = "--trust", paramLabel = "PEMFILE", description = "The relay's private CA (PEM), for TURNS and the browser legs.")
    Path trust;

    @Option(names = "--pcap", paramLabel = "FILE", description = "Also write every leg's traffic as the client saw it "
            + "(pcapng, rebuilt from the probes' own sockets, for Wireshark).")
    java.nio.file.Path pcap;

    @Option(names = "--json", description = "Print JSON (schema mediapath.edge/1).")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as one self-contained HTML "
            + "page to FILE (ladder diagrams per leg, the certificate chain).")
    Path html;

    @Option(names = "--rfc-timers", description = "RFC 8489 timers and a 45 s deadline instead of the fast diagnostic profile.")
    boolean rfcTimers;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Deadline of the whole run (default: 5 s, 45 s with --rfc-timers).")
    Double timeoutSeconds;

    @Option(names = "--send-credentials-anyway", description = "Send credentials even over a TCP path judged intercepted.")
    boolean credentialsAnyway;

    @Option(names = "--responder", paramLabel = "RHOST[:TCPPORT]", description = "A `mediapath responder` beside the "
            + "relay: every leg's hello is sent there too and proven from both ends by signed receipts (TCP port "
            + "default 443).")
    String responder;

    @Option(names = "--responder-udp-port", paramLabel = "PORT", defaultValue = "3478",
            description = "The responder's UDP port (default ${DEFAULT-VALUE}).")
    int responderUdpPort;

    @Option(names = "--receipt-instead", description = "Ask the responder for each leg's receipt in place of the "
            + "relay protocol's answer (default: after it). Only with --responder.")
    boolean receiptInstead;

    @Mixin
    TokenOptions tokenOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if ((host == null) == (lab == null)) {
            // "--password HOST" takes HOST as the password: say so without echoing the value.
            boolean swallowed = host == null && lab == null && passwordOptions.password != null
                    && !passwordOptions.password.equals(SecretInput.PROMPT);
            err.println("mediapath edge: give a HOST, or --lab SCENARIO (e.g. mediapath edge --lab websense)"
                    + (swallowed ? "; --password took the word after it as its value: write HOST first, or use "
                            + "--password-file or --password-env" : ""));
            return MediapathCli.USAGE;
        }
        if (!HtmlFile.usable("edge", html, err)) {
            return MediapathCli.USAGE;
        }
        PlaybookOptions options;
        try {
            password = passwordOptions.resolve(System.console(), "Password for " + username + " at " + host + ": ");
            proxyPassword = SecretInput.resolve("--proxy-password", proxyPassword, proxyPasswordFile,
                    proxyPasswordEnv, System::getenv, System.console(), System.in, "Proxy password for " + proxyUser
                            + " at " + proxy + ": ");
            if ((proxyUser == null) != (proxyPassword == null)) {
                throw new IllegalArgumentException("--proxy-user and --proxy-password go together");
            }
            if (proxyUser != null && proxy == null) {
                throw new IllegalArgumentException("--proxy-user needs --proxy");
            }
            if ((username == null) != (password == null)) {
                throw new IllegalArgumentException("--username and --password go together");
            }
            PlaybookOptions.Builder o = PlaybookOptions.builder()
                    .profile(rfcTimers ? PlaybookOptions.Profile.RFC : PlaybookOptions.Profile.DIAGNOSTIC)
                    .credentialsOnInterceptedPath(credentialsAnyway);
            if (timeoutSeconds == null && !rfcTimers) {
                // The command runs in a fresh JVM: loading the TLS, STUN and Netty classes takes a second or two of
                // the run on a busy machine, so the diagnostic 3 s get 2 s more here (the library keeps 3 s).
                o.deadline(PlaybookOptions.Profile.DIAGNOSTIC.deadline().plusSeconds(2));
            }
            if (timeoutSeconds != null) {
                if (!(timeoutSeconds > 0 && timeoutSeconds <= 600)) {
                    throw new IllegalArgumentException("--timeout: " + timeoutSeconds + " (expected: 0 < seconds <= 600)");
                }
                o.deadline(java.time.Duration.ofMillis((long) (timeoutSeconds * 1000)));
            }
            if (trust != null) {
                o.trust(InspectOptions.readCertificates(trust));
            }
            if (lab != null) {
                // The lab is self-contained: this machine's proxy settings would only send probes elsewhere.
                o.environment(java.util.Map.of()).proxySelector(null);
            }
            String secret = tokenOptions.resolve();
            if (responder != null) {
                if (secret == null) {
                    throw new IllegalArgumentException("--responder needs the shared token: --token-file FILE, "
                            + "--token-env VAR or --token");
                }
                io.mediapath.ice.TransportAddress r = io.mediapath.ice.TransportAddress.parseTarget(responder, 443);
                new io.mediapath.ice.TransportAddress(r.host(), responderUdpPort);
                PlaybookOptions.ResponderCheck check = new PlaybookOptions.ResponderCheck(r.host(), responderUdpPort,
                        r.port(), io.mediapath.ice.receipt.ReceiptToken.fromText(secret),
                        java.util.Optional.ofNullable(sni));
                o.responder(receiptInstead
                        ? check.withReceiptMode(io.mediapath.ice.receipt.ReceiptRequest.Mode.INSTEAD_OF_ANSWER)
                        : check);
            } else if (secret != null) {
                throw new IllegalArgumentException("--token is for --responder RHOST");
            } else if (receiptInstead) {
                throw new IllegalArgumentException("--receipt-instead is for --responder RHOST");
            }
            options = o.build();
            if (quality != null && (lab != null || !"turn".equalsIgnoreCase(dialect))) {
                throw new IllegalArgumentException("--quality with an MS-TURN Edge" + (lab != null ? " (--lab)" : "")
                        + ": " + QualityCommand.MS_TURN_NO_MEDIA + "; with --dialect turn it runs through the RFC "
                        + "TURN relay");
            }
            if (quality != null && (username == null
                    || quality < 1 || quality > 600)) {
                throw new IllegalArgumentException("--quality runs through an RFC TURN relay: it needs --dialect turn,"
                        + " --username and a password, a HOST (not --lab), and 1 ~ 600 seconds");
            }
            String pcapProblem = pcap != null ? PcapFile.unwritable(pcap) : null;
            if (pcapProblem != null) {
                throw new IllegalArgumentException("--pcap " + pcap + ": " + pcapProblem);
            }
            if (lab == null) {
                return run(target(host, udpPort, tcpPort), options, out, err);
            }
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            err.println("mediapath edge: " + e.getMessage());
            return MediapathCli.USAGE;
        }
        return runLab(options, out, err);
    }

    // The quality run needs an RFC TURN allocation: MS-TURN Edges are refused up front (see call()).
    private EdgeReport withQuality(EdgeReport r, EdgeTarget target, PrintWriter err) throws Exception {
        io.mediapath.turn.quality.QualityOptions o = io.mediapath.turn.quality.QualityOptions.builder()
                .duration(java.time.Duration.ofSeconds(quality)).build();
        java.net.InetSocketAddress server = new java.net.InetSocketAddress(
                java.net.InetAddress.getByName(target.host()), target.udpPort());
        io.mediapath.turn.TurnCredentials cred = new io.mediapath.turn.TurnCredentials(target.username().orElseThrow(),
                target.password().orElseThrow());
        try (io.mediapath.turn.TurnClient client = io.mediapath.turn.TurnClient.create(
                io.mediapath.turn.TurnClientOptions.builder().timers(io.mediapath.turn.StunTimers.FAST).build())) {
            var run = target.peer().isPresent()
                    ? io.mediapath.turn.quality.QualityRun.run(client, server, io.mediapath.turn.StunTransport.UDP,
                            target.host(), cred, new java.net.InetSocketAddress(java.net.InetAddress.getByName(
                                    target.peer().get().host()), target.peer().get().port()), o)
                    : io.mediapath.turn.quality.QualityRun.runSelfEcho(client, server,
                            io.mediapath.turn.StunTransport.UDP, target.host(), cred, o);
            return io.mediapath.diagnose.playbook.QualityOverlay.apply(r, run.get(quality + 30L, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            err.println("mediapath edge: the quality run could not run over the UDP relay: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            return r;
        }
    }

    private EdgeTarget target(String h, int udp, int tcp) {
        EdgeTarget.Builder b = EdgeTarget.builder(TransportAddress.checkHost(h)).udpPort(udp).tcpPort(tcp).dialect(switch (dialect.toLowerCase(Locale.ROOT)) {
            case "ms-turn", "msturn" -> Dialect.MS_TURN;
            case "turn" -> Dialect.TURN;
            default -> throw new IllegalArgumentException("--dialect: " + dialect + " (expected: ms-turn or turn)");
        });
        if (username != null) {
            b.credentials(username, password);
        }
        if (peer != null) {
            b.peer(TransportAddress.parseTarget(peer, 0));
        }
        if (sni != null) {
            b.sni(sni);
        }
        if (proxy != null) {
            b.proxy(TransportAddress.parseTarget(proxy, 8080));
            if (proxyUser != null) {
                b.proxyCredentials(proxyUser, proxyPassword);
            }
        }
        if (location != null) {
            b.location(switch (location.toLowerCase(Locale.ROOT)) {
                case "intranet", "internal" -> ClientLocation.INTRANET;
                case "internet", "external" -> ClientLocation.INTERNET;
                default -> throw new IllegalArgumentException("--location: " + location + " (expected: intranet or internet)");
            });
        }
        return b.build();
    }

    private int run(EdgeTarget target, PlaybookOptions options, PrintWriter out, PrintWriter err) throws Exception {
        java.time.Instant started = java.time.Instant.now();
        EdgeReport r = EdgePlaybook.create(options).run(target).toCompletableFuture()
                .get(options.deadline().toMillis() + 10_000, TimeUnit.MILLISECONDS);
        if (pcap != null) {
            PcapFile.write(pcap, io.mediapath.diagnose.report.PcapExport.of(started, r), "edge", err);
        }
        if (quality != null) {
            r = withQuality(r, target, err);
        }
        out.print(json ? EdgeReports.json(r) + "\n" : EdgeReports.text(r));
        out.flush();
        if (html != null && !HtmlFile.write("edge", html, HtmlReport.edge(r), err)) {
            return MediapathCli.USAGE;
        }
        return r.allWork() ? MediapathCli.OK : MediapathCli.FOUND;
    }

    private int runLab(PlaybookOptions options, PrintWriter out, PrintWriter err) throws Exception {
        if (!"ms-turn".equalsIgnoreCase(dialect)) {
            err.println("mediapath edge: --lab runs the emulated Lync Edge (ms-turn dialect)");
            return MediapathCli.USAGE;
        }
        SeedTopology topology = switch (lab) {
            case websense -> SeedTopology.websense();
            case clean, udpdropped -> SeedTopology.msTurnEdge(null, lab.name());
            case http407 -> SeedTopology.msTurnEdge(InterceptingProxy.builder().mode(Mode.HTTP_407), lab.name());
            case portal -> SeedTopology.msTurnEdge(InterceptingProxy.builder().mode(Mode.HTTP_302_PORTAL), lab.name());
            case reset -> SeedTopology.msTurnEdge(InterceptingProxy.builder().mode(Mode.RESET), lab.name());
        };
        try (SeedTopology t = topology;
                DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            int udp = lab == LabScenario.udpdropped ? silent.getLocalPort() : t.udpAddress().orElseThrow().port();
            if (!json) {
                out.println("lab " + lab + ": emulated Lync Edge on UDP " + t.udpAddress().orElseThrow() + " and TCP "
                        + t.edgeAddress() + (t.isIntercepted() ? ", " + t.proxy().orElseThrow().mode()
                        + " middlebox on " + t.clientTarget() : "") + (lab == LabScenario.udpdropped
                        ? ", UDP probed on the silent port " + udp : "") + "; the name edge.lab.example is sent as SNI");
                out.println();
            }
            if (sni == null) {
                sni = "edge.lab.example";
            }
            return run(target(t.clientTarget().host(), udp, t.clientTarget().port()), options, out, err);
        }
    }
}
