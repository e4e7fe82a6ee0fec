package io.mediapath.cli;

import io.mediapath.diagnose.report.HtmlReport;
import io.mediapath.diagnose.report.JsonOutput;
import io.mediapath.diagnose.report.TextReport;
import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.turn.ProbeStep;
import io.mediapath.turn.StunTimers;
import io.mediapath.turn.StunUri;
import io.mediapath.turn.HttpProxy;
import io.mediapath.turn.TurnClientOptions;
import io.mediapath.turn.TurnCredentials;
import io.mediapath.turn.TurnProbe;
import io.mediapath.turn.TurnProbeOptions;
import io.mediapath.turn.TurnProbeReport;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mediapath turn URI}: runs the relay probe against a {@code stun:}, {@code stuns:}, {@code turn:} or
 * {@code turns:} URI and prints each step with its time. Exit 0 when every step passed, 1 when one failed (the
 * failing step and the STUN error code are printed), 2 on bad usage.
 */
@Command(name = "turn", mixinStandardHelpOptions = true,
        description = "Probe a STUN/TURN server step by step: resolve, connect, TLS, 401 challenge, Allocate, "
                + "permission, relayed echo.")
final class TurnCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "URI", arity = "0..1",
            description = "stun:, stuns:, turn: or turns: URI (RFC 7064/7065), e.g. turns:turn.example.org:443?transport=tcp")
    String uri;

    @Option(names = "--username", description = "long-term username")
    String username;

    @Mixin
    PasswordOptions passwordOptions;




    @Option(names = "--secret-file", paramLabel = "FILE", description = "read the TURN REST shared secret from the "
            + "first line of FILE")
    Path secretFile;

    @Option(names = "--secret-env", paramLabel = "VAR", description = "read the TURN REST shared secret from the "
            + "environment variable VAR")
    String secretEnv;

    @Option(names = "--secret", paramLabel = "SECRET|-", arity = "0..1", fallbackValue = SecretInput.PROMPT,
            description = "TURN REST API shared secret: ephemeral credentials (username = expiry[:user], password = "
                    + "base64(HMAC-SHA1(secret, username))). Alone, asks on the terminal; - reads stdin; or "
                    + "--secret-file, --secret-env")
    String secret;

    @Option(names = "--peer", paramLabel = "HOST:PORT", description = "UDP echo peer for the relayed-echo step")
    String peer;

    @Option(names = "--tcp-peer", paramLabel = "HOST:PORT", description = "TCP echo peer for an RFC 6062 TCP relay "
            + "step (tcp-relay-echo; needs ?transport=tcp or turns:)")
    String tcpPeer;

    @Option(names = "--fast", description = "diagnostic timers for every wait of both dialects: a STUN "
            + "transaction (RTO 250 ms, 4 requests), the TCP connect, the TLS or pseudo-TLS handshake each give up "
            + "after 2.75 s, instead of RFC 8489's 39.5 s and 10 s")
    boolean fast;

    @Option(names = "--ca", paramLabel = "PEM", description = "trust this CA/server certificate for turns:/stuns:")
    Path ca;

    @Option(names = "--insecure-no-hostname-check", description = "do not check the certificate's name")
    boolean noHostnameCheck;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "overall deadline (default: 20, or 60 without --fast)")
    Integer timeout;

    @Option(names = "--local", paramLabel = "IP", description = "connect from this local address (the interface "
            + "to probe from on a multi-homed host)")
    String local;

    @Option(names = "--html", paramLabel = "FILE", description = "also write the report as one self-contained HTML "
            + "page to FILE (the exchange as a ladder diagram, the relay's certificates)")
    Path html;

    @Option(names = "--pcap", paramLabel = "FILE", description = "also write the probe's traffic as the client saw it "
            + "(pcapng, rebuilt from the probe's own sockets, for Wireshark)")
    java.nio.file.Path pcap;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Option(names = "--proxy", paramLabel = "HOST:PORT", description = "reach the server over TCP/TLS through this "
            + "explicit HTTP proxy with CONNECT (UDP never goes through it; with --ms-turn the pseudo-TLS hello and the "
            + "Allocates go through it); a 407 is reported as the proxy's refusal (TURN_PROXY_AUTH_REQUIRED), not the "
            + "server's")
    String proxy;

    @Option(names = "--proxy-user", paramLabel = "USER", description = "Basic authentication to the proxy")
    String proxyUser;

    @Option(names = "--proxy-password", paramLabel = "PASSWORD|-", arity = "0..1",
            fallbackValue = SecretInput.PROMPT, description = "the proxy password. Alone, asks on the terminal; - "
                    + "reads one line from stdin; prefer --proxy-password-file or --proxy-password-env")
    String proxyPassword;

    @Option(names = "--proxy-password-file", paramLabel = "FILE", description = "read the proxy password from the "
            + "first line of FILE")
    Path proxyPasswordFile;

    @Option(names = "--proxy-password-env", paramLabel = "VAR", description = "read the proxy password from the "
            + "environment variable VAR")
    String proxyPasswordEnv;

    @Option(names = "--ms-turn", description = "speak Lync/Skype for Business MS-TURN instead of RFC TURN: over "
            + "?transport=tcp the pseudo-TLS exchange first (an interceptor is named before any credential is sent), "
            + "then a framed Allocate; over UDP a plain Allocate. The Edge's 401 challenge alone proves the path.")
    boolean msTurn;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StunUri u;
        Optional<TurnCredentials> cred;
        Optional<InetSocketAddress> echo = Optional.empty();
        InetSocketAddress tcpEcho = null;
        InetAddress localIp = null;
        TurnClientOptions.Builder ob = TurnClientOptions.builder()
                .timers(fast ? StunTimers.FAST : StunTimers.RFC8489)
                .hostnameVerification(!noHostnameCheck);
        try {
            if (uri == null) {
                if (passwordOptions.password == null || !passwordOptions.password.matches("(?i)(stuns?|turns?):.*")) {
                    throw new IllegalArgumentException("a URI is required (stun:, stuns:, turn: or turns:)");
                }
                // "--password turn:…": the option took the URI as its value; the password is to be asked for.
                uri = passwordOptions.password;
                passwordOptions.password = SecretInput.PROMPT;
            }
            u = StunUri.parse(uri);
            java.io.Console console = System.console();
            String password = passwordOptions.resolve(console, "TURN password for " + (username == null ? "" : username + " at ") + u + ": ");
            secret = SecretInput.resolve("--secret", secret, secretFile, secretEnv, System::getenv, console, System.in,
                    "TURN REST shared secret for " + u + ": ");
            if (secret != null && password != null) {
                throw new IllegalArgumentException("--secret and --password exclude each other");
            }
            if (secret != null) {
                cred = Optional.of(TurnCredentials.restApi(secret, username == null ? "" : username, Instant.now(),
                        Duration.ofHours(1)));
            } else if (username != null || password != null) {
                if (username == null || password == null) {
                    throw new IllegalArgumentException("--username and --password go together");
                }
                cred = Optional.of(new TurnCredentials(username, password));
            } else {
                cred = Optional.empty();
            }
            if (peer != null) {
                TransportAddress p = target("--peer", peer);
                echo = Optional.of(new InetSocketAddress(InetAddress.getByName(p.host()), p.port()));
            }
            if (tcpPeer != null) {
                TransportAddress p = target("--tcp-peer", tcpPeer);
                tcpEcho = new InetSocketAddress(InetAddress.getByName(p.host()), p.port());
            }
            if (ca != null) {
                ob.trust(trust(ca));
            }
            HttpProxy httpProxy = proxy(console);
            if (httpProxy != null) {
                if (u.transport() == io.mediapath.turn.StunTransport.UDP) {
                    throw new IllegalArgumentException("--proxy carries TCP and TLS only: use "
                            + "turn:HOST:PORT?transport=tcp or turns:HOST:PORT");
                }
                ob.proxy(httpProxy); // --ms-turn: the same proxy carries the pseudo-TLS hello and the Allocates
            }
            if (local != null) {
                localIp = localAddress(local);
                ob.localAddress(localIp);
                // A literal server of the other family can never be reached from this address: a usage error, told
                // before anything is sent (a name is checked by the probe once resolved: TURN_LOCAL_ADDRESS_UNUSABLE).
                String h = u.host().startsWith("[") ? u.host().substring(1, u.host().length() - 1) : u.host();
                if (TransportAddress.isIpLiteral(h) && !localIp.isAnyLocalAddress()
                        && (InetAddress.getByName(h) instanceof java.net.Inet6Address)
                        != (localIp instanceof java.net.Inet6Address)) {
                    throw new IllegalArgumentException("--local " + local + " is "
                            + (localIp instanceof java.net.Inet6Address ? "IPv6" : "IPv4") + " but the server " + h
                            + " is " + (localIp instanceof java.net.Inet6Address ? "IPv4" : "IPv6")
                            + ": choose a local address of the server's family");
                }
            }
        } catch (Exception e) {
            err.println("mediapath turn: " + e.getMessage());
            err.flush();
            return MediapathCli.USAGE;
        }
        int seconds = timeout != null ? timeout : fast ? 20 : 60;
        if (!HtmlFile.usable("turn", html, err)) {
            return MediapathCli.USAGE;
        }
        String pcapProblem = pcap != null ? PcapFile.unwritable(pcap) : null;
        if (pcapProblem != null) {
            err.println("mediapath turn: --pcap " + pcap + ": " + pcapProblem);
            err.flush();
            return MediapathCli.USAGE;
        }
        if (msTurn) {
            if (u.transport() == io.mediapath.turn.StunTransport.TLS || secret != null) {
                err.println("mediapath turn: --ms-turn speaks UDP or pseudo-TLS over TCP (turn:HOST:PORT?transport=tcp),"
                        + " with --username/--password (no turns:, no --secret)");
                err.flush();
                return MediapathCli.USAGE;
            }
            List<io.mediapath.diagnose.report.PcapExport.Payload> wire = new java.util.concurrent.CopyOnWriteArrayList<>();
            int code = MsTurnRun.run(out, u, cred, localIp, ob.build().proxy().orElse(null),
                    fast ? StunTimers.FAST : StunTimers.RFC8489, Duration.ofSeconds(seconds), json,
                    pcap == null ? null : wire::add, html, err);
            if (pcap != null) {
                PcapFile.write(pcap, wire, "turn", err);
            }
            return code;
        }
        TurnProbe probe = TurnProbe.create(TurnProbeOptions.builder().client(ob.build()).credentials(cred.orElse(null))
                .peer(echo.orElse(null)).tcpPeer(tcpEcho).build(), u.transport());
        Instant started = Instant.now();
        TurnProbeReport r = probe.probe(u, ProbeContext.withTimeout(Duration.ofSeconds(seconds)))
                .get(seconds + 10L, TimeUnit.SECONDS);
        if (pcap != null) {
            PcapFile.write(pcap, io.mediapath.diagnose.report.PcapExport.of(started, r.timeline()), "turn", err);
        }
        if (json) {
            out.println(JsonOutput.write(toJson(r)));
        } else {
            text(out, r);
        }
        out.flush();
        if (html != null && !HtmlFile.write("turn", html, HtmlReport.turn(r), err)) {
            return MediapathCli.USAGE;
        }
        return r.passed() ? MediapathCli.OK : MediapathCli.FOUND;
    }

    /** The explicit proxy of --proxy, with Basic auth when --proxy-user is given; null without --proxy. */
    private HttpProxy proxy(java.io.Console console) {
        String pw = SecretInput.resolve("--proxy-password", proxyPassword, proxyPasswordFile, proxyPasswordEnv,
                System::getenv, console, System.in, "proxy password for " + (proxyUser == null ? "" : proxyUser
                        + " at ") + proxy + ": ");
        if (proxy == null) {
            if (proxyUser != null || pw != null) {
                throw new IllegalArgumentException("--proxy-user and --proxy-password need --proxy");
            }
            return null;
        }
        HttpProxy p = HttpProxy.parse(proxy);
        if (proxyUser == null && pw != null) {
            throw new IllegalArgumentException("--proxy-password needs --proxy-user");
        }
        if (proxyUser != null) {
            if (pw == null) {
                throw new IllegalArgumentException("--proxy-user needs --proxy-password-file, --proxy-password-env or "
                        + "--proxy-password");
            }
            p = p.withBasicAuth(proxyUser, pw);
        }
        return p;
    }

    // An IP literal of this host: a name could resolve to an address of another host, and binding to it fails
    // only later with a less clear error.
    private static InetAddress localAddress(String ip) throws java.io.IOException {
        if (!TransportAddress.isIpLiteral(ip)) {
            throw new IllegalArgumentException("--local " + ip + ": expected an IP address of this host");
        }
        InetAddress a = InetAddress.getByName(ip.startsWith("[") ? ip.substring(1, ip.length() - 1) : ip);
        // All of 127.0.0.0/8 is this host's on Linux although the interface lists only 127.0.0.1.
        if (!a.isLoopbackAddress() && java.net.NetworkInterface.getByInetAddress(a) == null) {
            throw new IllegalArgumentException("--local " + ip + ": not an address of this host");
        }
        return a;
    }

    private static TransportAddress target(String option, String text) {
        try {
            return TransportAddress.parseTarget(text, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " needs HOST:PORT: " + e.getMessage());
        }
    }

    private static TrustManagerFactory trust(Path pem) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        // One bounded reader for --ca and tls --trust (a /dev/zero or a log given by mistake must not hang the run).
        for (Certificate c : io.mediapath.tls.InspectOptions.readCertificates(pem)) {
            ks.setCertificateEntry("ca" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf;
    }

    private static void text(PrintWriter out, TurnProbeReport r) {
        out.println("mediapath turn " + r.uri());
        for (ProbeStep s : r.steps()) {
            String code = s.stunErrorCode().isPresent() ? " [STUN " + s.stunErrorCode().getAsInt() + "]" : "";
            out.printf("  %-15s %-7s %6d ms  %s%s%n", s.name(), s.status(), s.elapsed().toMillis(), s.detail(), code);
        }
        r.relayCandidate().ifPresent(c -> out.println("  relay candidate: a=candidate:" + c.foundation() + " "
                + c.component() + " " + c.transport() + " " + c.priority() + " " + c.address() + " " + c.port()
                + " typ relay" + c.relatedAddress().map(a -> " raddr " + a).orElse("")
                + (c.relatedPort().isPresent() ? " rport " + c.relatedPort().getAsInt() : "")));
        r.passwordAlgorithm().ifPresent(a -> out.println("  long-term key: " + a));
        for (Finding f : r.findings()) {
            out.println("  " + f.severity() + " " + f.code() + ": " + f.summary());
            for (Evidence e : f.evidence()) {
                out.println("      > " + e.location() + ": " + e.excerpt());
            }
            if (!f.remedy().isEmpty()) {
                out.println("      remedy: " + f.remedy());
            }
        }
        if (!r.timeline().isEmpty()) {
            out.println("  timeline:");
            out.print(TextReport.timeline(r.timeline(), "    "));
        }
        out.println("verdict: " + r.verdict() + (r.passed() ? " (all steps passed)"
                : " (failed at step " + r.failedStep().map(ProbeStep::name).orElse("?") + ")")
                + " in " + r.elapsed().toMillis() + " ms");
    }

    /** Schema {@value JsonOutput#TURN}, see docs/json-report.md. */
    static Map<String, Object> toJson(TurnProbeReport r) {
        Map<String, Object> root = JsonOutput.document(JsonOutput.TURN);
        root.put("dialect", "turn");
        root.put("uri", r.uri().toString());
        root.put("transport", r.uri().transport().name());
        root.put("verdict", r.verdict());
        root.put("passed", r.passed());
        root.put("elapsedMillis", r.elapsed().toMillis());
        r.failedStep().ifPresent(s -> root.put("failedStep", s.name()));
        List<Object> steps = new ArrayList<>();
        for (ProbeStep s : r.steps()) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("name", s.name());
            n.put("status", s.status().name());
            n.put("elapsedMillis", s.elapsed().toMillis());
            n.put("detail", s.detail());
            if (s.stunErrorCode().isPresent()) {
                n.put("stunErrorCode", s.stunErrorCode().getAsInt());
            }
            steps.add(n);
        }
        root.put("steps", steps);
        r.mappedAddress().ifPresent(a -> root.put("mappedAddress", a.getAddress().getHostAddress() + ":" + a.getPort()));
        r.relayedAddress().ifPresent(a -> root.put("relayedAddress", a.getAddress().getHostAddress() + ":" + a.getPort()));
        r.passwordAlgorithm().ifPresent(a -> root.put("passwordAlgorithm", a.name()));
        r.relayCandidate().ifPresent(c -> {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("foundation", c.foundation());
            n.put("component", c.component());
            n.put("transport", c.transport());
            n.put("priority", c.priority());
            n.put("address", c.address());
            n.put("port", c.port());
            n.put("type", c.type().orElse(""));
            c.relatedAddress().ifPresent(a -> n.put("relatedAddress", a));
            if (c.relatedPort().isPresent()) {
                n.put("relatedPort", c.relatedPort().getAsInt());
            }
            root.put("relayCandidate", n);
        });
        root.put("peerCertificates", r.peerCertificates().stream().map(c -> c.getSubjectX500Principal().getName()).toList());
        root.put("findings", JsonOutput.findings(r.findings()));
        root.put("timeline", JsonOutput.timeline(r.timeline()));
        return root;
    }
}
