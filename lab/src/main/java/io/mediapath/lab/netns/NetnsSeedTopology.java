package io.mediapath.lab.netns;

import io.mediapath.ice.TransportAddress;
import io.mediapath.lab.SeedTopology;
import io.mediapath.lab.edge.EmulatedEdge;
import io.mediapath.lab.peers.Binaries;
import io.mediapath.lab.peers.ManagedProcess;
import io.mediapath.lab.pki.IssuedCertificate;
import io.mediapath.lab.pki.LabCa;
import io.mediapath.lab.pki.PemFiles;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.security.auth.x500.X500Principal;

/**
 * The seeds' topology ("telnet to 443 works, media does not") in three network namespaces this class creates:
 *
 * <pre>
 *  client ns                middlebox ns                                relay ns
 *  10.203.1.2 eth0 ──veth── toc 10.203.1.1 | tor 10.203.2.1 ──veth── eth0 10.203.2.2
 *  default via .1.1         ip_forward=1; sslsplit or squid on           relay on :443 (and :3478)
 *                             10.203.1.1:8443
 *                           iptables -t nat PREROUTING -i toc -p tcp
 *                             -d 10.203.2.2 --dport 443 -j REDIRECT --to-ports 8443
 *                           (optional) iptables FORWARD -i toc -p udp -d 10.203.2.2 --dport 3478 -j DROP
 * </pre>
 *
 * The relay is the {@link EmulatedEdge} (genuine pseudo-TLS on 443 and MS-TURN on 443 and UDP 3478, run as a JVM
 * subprocess inside the relay namespace), {@code openssl s_server} with a leaf from a "Lab Public Root CA", or
 * coturn (TURN on 3478, TURN/TURNS on 443, same CA). The interceptor, sslsplit (netfilter NAT engine,
 * {@code SO_ORIGINAL_DST}) or squid ssl-bump in intercept mode, terminates what the client sends to the relay's 443
 * and dials the relay itself, so a plain TCP connect from the client succeeds while the hello is answered by the
 * interceptor.
 *
 * <p>The 10.203.x addresses exist only inside these namespaces; nothing is configured on the host. A probe must
 * run inside the client namespace: {@link #execInClient} runs any command there (via {@code ip netns exec}), and
 * {@link #runJavaInClient} runs a Java main with this JVM's class path. Needs root; fails loudly otherwise.
 * {@link #close()} (also run by a shutdown hook) stops the processes by PID and deletes the namespaces.
 */
public final class NetnsSeedTopology implements AutoCloseable {

    /** What answers on the relay's 443. */
    public enum Relay {
        /** The emulated Lync Edge: the genuine 83-byte pseudo-TLS answer. */
        EMULATED_EDGE,
        /** {@code openssl s_server}: genuine TLS with a leaf from the topology's public CA. */
        OPENSSL_TLS,
        /**
         * coturn: TURN on UDP and TCP 3478, TURN and TURNS on TCP 443 (coturn tells TLS from plain TURN on its TLS
         * port), a leaf from the topology's public CA, user {@link #COTURN_USER}.
         */
        COTURN,
        /** A Java main of the caller's ({@link Builder#relayJava}), e.g. the mediapath responder. */
        JAVA_MAIN
    }

    /** What the middlebox's REDIRECT of the relay's TCP 443 leads to. */
    public enum Interceptor {
        /** sslsplit (netfilter NAT engine): terminates TLS with a leaf forged by the interception CA. */
        SSLSPLIT,
        /**
         * squid (squid-openssl) on an {@code https_port ... intercept ssl-bump} port: peek at the hello, then bump
         * with a leaf forged by the interception CA, as a transparent enterprise proxy does.
         */
        SQUID_SSL_BUMP
    }

    /** coturn's long-term credentials user ({@link Relay#COTURN}). */
    public static final String COTURN_USER = "alice";
    /** coturn's password: a lab credential, not a secret. */
    public static final String COTURN_PASSWORD = "s3cret";
    /** The relay's UDP (and, for coturn, plain TCP) TURN port. */
    public static final int UDP_PORT = 3478;

    /** The relay's address as the client sees it. */
    public static final String RELAY_IP = "10.203.2.2";
    static final String CLIENT_IP = "10.203.1.2";
    static final String MBOX_CLIENT_SIDE = "10.203.1.1";
    static final String MBOX_RELAY_SIDE = "10.203.2.1";
    static final int SSLSPLIT_PORT = 8443;
    static final int SQUID_FORWARD_PORT = 3128;

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Set<NetnsSeedTopology> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(LIVE).forEach(NetnsSeedTopology::close),
                "mediapath-lab-netns-shutdown"));
    }

    private final String client;
    private final String mbox;
    private final String relayNs;
    private final Relay relay;
    private final Interceptor interceptor;
    private final List<String> relayJava;
    private final LabCa publicCa;
    private final LabCa interceptionCa;
    private final Path dir;
    private final Path ip;
    private final Path iptables;
    private final List<String> created = new ArrayList<>();
    private final List<ManagedProcess> processes = new ArrayList<>();
    private IssuedCertificate relayCertificate;
    private Path connectLog;
    private Path publicCaPem;
    private boolean intercepting;
    private boolean droppingUdp;
    private volatile boolean closed;

    private NetnsSeedTopology(Builder b) {
        if (!NetworkNamespace.isRoot()) {
            throw new IllegalStateException("NetnsSeedTopology needs root (it creates network namespaces, veth pairs"
                    + " and iptables rules); run the integration tests as root, e.g. sudo bash scripts/test.sh");
        }
        this.ip = Binaries.require("ip", "iproute2");
        this.iptables = Binaries.require("iptables", "iptables");
        if (b.interceptor == Interceptor.SSLSPLIT) {
            Binaries.require("sslsplit", "sslsplit");
        } else {
            Binaries.require("squid", "squid-openssl");
        }
        if (b.relay == Relay.OPENSSL_TLS) {
            Binaries.require("openssl", "openssl");
        }
        if (b.relay == Relay.COTURN) {
            Binaries.require("turnserver", "coturn");
        }
        String id = "mpl" + (ProcessHandle.current().pid() % 100000) + "n" + COUNTER.incrementAndGet();
        this.client = id + "c";
        this.mbox = id + "m";
        this.relayNs = id + "r";
        this.relay = b.relay;
        this.interceptor = b.interceptor;
        this.relayJava = List.copyOf(b.relayJava);
        this.publicCa = LabCa.builder().subject("CN=Lab Public Root CA,O=Lab PKI").build();
        this.interceptionCa = b.interceptionCa != null ? b.interceptionCa
                : LabCa.builder().subject("CN=Lab Interception Root CA,O=tls-inspect lab proxy,OU=SSL Inspection").build();
        this.dir = ManagedProcess.createWorkDir("netns");
        LIVE.add(this);
        try {
            build(b);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts a builder (relay {@link Relay#EMULATED_EDGE}, interception on). */
    public static Builder builder() {
        return new Builder();
    }

    private void build(Builder b) {
        for (String ns : List.of(client, mbox, relayNs)) {
            cmd(ip.toString(), "netns", "add", ns);
            created.add(ns);
            cmd(ip.toString(), "-n", ns, "link", "set", "lo", "up");
        }
        cmd(ip.toString(), "-n", mbox, "link", "add", "toc", "type", "veth", "peer", "name", "eth0", "netns", client);
        cmd(ip.toString(), "-n", mbox, "link", "add", "tor", "type", "veth", "peer", "name", "eth0", "netns", relayNs);
        cmd(ip.toString(), "-n", client, "addr", "add", CLIENT_IP + "/24", "dev", "eth0");
        cmd(ip.toString(), "-n", mbox, "addr", "add", MBOX_CLIENT_SIDE + "/24", "dev", "toc");
        cmd(ip.toString(), "-n", mbox, "addr", "add", MBOX_RELAY_SIDE + "/24", "dev", "tor");
        cmd(ip.toString(), "-n", relayNs, "addr", "add", RELAY_IP + "/24", "dev", "eth0");
        cmd(ip.toString(), "-n", client, "link", "set", "eth0", "up");
        cmd(ip.toString(), "-n", mbox, "link", "set", "toc", "up");
        cmd(ip.toString(), "-n", mbox, "link", "set", "tor", "up");
        cmd(ip.toString(), "-n", relayNs, "link", "set", "eth0", "up");
        cmd(ip.toString(), "-n", client, "route", "add", "default", "via", MBOX_CLIENT_SIDE);
        cmd(ip.toString(), "-n", relayNs, "route", "add", "default", "via", MBOX_RELAY_SIDE);
        // per-namespace sysctl: forwarding is enabled in the middlebox namespace only, never on the host
        cmd(ip.toString(), "netns", "exec", mbox, "sysctl", "-qw", "net.ipv4.ip_forward=1");

        publicCaPem = publicCa.writePem(dir, "public-ca").certificate();
        startRelay(b.startTimeout);
        if (interceptor == Interceptor.SQUID_SSL_BUMP) {
            startSquid(b.startTimeout);
        } else {
            startSslsplit(b.startTimeout);
        }
        setInterception(b.intercept);
        setUdpDrop(b.dropUdp);
    }

    private void startSslsplit(Duration timeout) {
        PemFiles caPem = interceptionCa.writePem(dir, "interception-ca");
        Path logs = dir.resolve("sslsplit-logs");
        try {
            Files.createDirectories(logs);
            Files.setPosixFilePermissions(logs, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        connectLog = logs.resolve("connect.log");
        ManagedProcess split = ManagedProcess.start("sslsplit-" + mbox, List.of(ip.toString(), "netns", "exec", mbox,
                Binaries.require("sslsplit", "sslsplit").toString(), "-k", caPem.privateKey().toString(),
                "-c", caPem.certificate().toString(), "-l", connectLog.toString(),
                "ssl", MBOX_CLIENT_SIDE, Integer.toString(SSLSPLIT_PORT)), dir, false);
        processes.add(split);
        split.awaitCondition("listening on " + MBOX_CLIENT_SIDE + ":" + SSLSPLIT_PORT,
                () -> accepts(mbox, MBOX_CLIENT_SIDE, SSLSPLIT_PORT), timeout);
    }

    /**
     * squid in the middlebox: an {@code intercept ssl-bump} port for the REDIRECT (squid reads the original
     * destination from conntrack), a forward port squid insists on, access for the client subnet only.
     */
    private void startSquid(Duration timeout) {
        Path squid = Binaries.require("squid", "squid-openssl");
        Path certgen = Binaries.require("/usr/lib/squid/security_file_certgen", "squid-openssl");
        Path sq = dir.resolve("squid");
        Path caPem = sq.resolve("proxy-ca.pem");
        Path conf = sq.resolve("squid.conf");
        connectLog = sq.resolve("access.log");
        String config = "http_port " + MBOX_CLIENT_SIDE + ":" + SQUID_FORWARD_PORT + "\n"
                + "https_port " + MBOX_CLIENT_SIDE + ":" + SSLSPLIT_PORT + " intercept ssl-bump cert=" + caPem
                + " generate-host-certificates=on dynamic_cert_mem_cache_size=4MB\n"
                + "sslcrtd_program " + certgen + " -s " + sq.resolve("ssl_db") + " -M 4MB\n"
                + "sslcrtd_children 2 startup=1 idle=1\n"
                + "acl step1 at_step SslBump1\n"
                + "ssl_bump peek step1\n"
                + "ssl_bump bump all\n"
                + "tls_outgoing_options flags=DONT_VERIFY_PEER\n"
                + "sslproxy_cert_error allow all\n"
                + "acl clients src 10.203.1.0/24\n"
                + "http_access allow clients\n"
                + "http_access deny all\n"
                + "cache deny all\n"
                + "visible_hostname mediapath-lab-squid\n"
                // no DNS inside the namespaces: fail lookups at once (the host's resolver is unreachable from here)
                + "dns_nameservers 127.0.0.1\n"
                + "dns_timeout 2 seconds\n"
                + "buffered_logs off\n"
                + "pid_filename " + sq.resolve("squid.pid") + "\n"
                + "cache_log " + sq.resolve("cache.log") + "\n"
                + "access_log " + connectLog + "\n"
                + "coredump_dir " + sq + "\n"
                + "cache_effective_user proxy\n"
                + "shutdown_lifetime 1 seconds\n"
                + "pinger_enable off\n";
        try {
            Files.createDirectories(sq);
            // squid's cert= file holds the certificate and the key together
            Files.writeString(caPem, interceptionCa.keyAndCertificatePem());
            Files.writeString(conf, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ManagedProcess.run(Duration.ofSeconds(30), List.of(certgen.toString(), "-c", "-s",
                sq.resolve("ssl_db").toString(), "-M", "4MB"));
        // squid drops to cache_effective_user proxy; its helpers must read the db and write the logs
        ManagedProcess.run(Duration.ofSeconds(30), List.of("chown", "-R", "proxy:proxy", sq.toString()));
        ManagedProcess p = ManagedProcess.start("squid-" + mbox, List.of(ip.toString(), "netns", "exec", mbox,
                squid.toString(), "-N", "-f", conf.toString()), dir, false);
        processes.add(p);
        // Not a test connection: squid's intercept port stops accepting for good after a connection whose
        // original destination it cannot find (one not redirected), so readiness is read from the socket table.
        p.awaitCondition("listening on " + MBOX_CLIENT_SIDE + ":" + SSLSPLIT_PORT,
                () -> !exec(mbox, Duration.ofSeconds(3), List.of("ss", "-Hltn", "src", MBOX_CLIENT_SIDE + ":"
                        + SSLSPLIT_PORT)).stdout().isBlank(), timeout);
    }

    private void startRelay(Duration timeout) {
        ManagedProcess p;
        if (relay == Relay.JAVA_MAIN) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> c = new ArrayList<>(List.of(ip.toString(), "netns", "exec", relayNs, java, "-Xmx128m",
                    "-XX:TieredStopAtLevel=1", "-cp", classPath()));
            c.addAll(relayJava);
            p = ManagedProcess.start("java-" + relayNs, c, dir, false);
        } else if (relay == Relay.EMULATED_EDGE) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            p = ManagedProcess.start("edge-" + relayNs, List.of(ip.toString(), "netns", "exec", relayNs, java,
                    "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", classPath(),
                    EmulatedEdge.class.getName(), RELAY_IP, "443", Integer.toString(UDP_PORT),
                    SeedTopology.MS_TURN_USER, SeedTopology.MS_TURN_PASSWORD), dir, false);
        } else if (relay == Relay.COTURN) {
            p = startCoturn();
        } else {
            relayCertificate = publicCa.issue(new X500Principal("CN=relay.lync.test,O=Genuine Relay Inc"),
                    Duration.ofDays(30), "relay.lync.test", RELAY_IP);
            PemFiles pem = relayCertificate.writePem(dir, "relay");
            p = ManagedProcess.start("s_server-" + relayNs, List.of(ip.toString(), "netns", "exec", relayNs,
                    Binaries.require("openssl", "openssl").toString(), "s_server", "-accept", RELAY_IP + ":443",
                    "-cert", pem.certificate().toString(), "-key", pem.privateKey().toString(),
                    "-cert_chain", pem.issuers().toString(), "-www", "-quiet"), dir, false);
        }
        processes.add(p);
        p.awaitCondition("listening on " + RELAY_IP + ":443", () -> accepts(relayNs, RELAY_IP, 443), timeout);
        if (relay == Relay.COTURN) {
            p.awaitCondition("listening on " + RELAY_IP + ":" + UDP_PORT, () -> accepts(relayNs, RELAY_IP, UDP_PORT),
                    timeout);
        }
    }

    private ManagedProcess startCoturn() {
        relayCertificate = publicCa.issue(new X500Principal("CN=relay.lync.test,O=Genuine Relay Inc"),
                Duration.ofDays(30), "relay.lync.test", RELAY_IP);
        PemFiles pem = relayCertificate.writePem(dir, "coturn");
        Path conf = dir.resolve("turnserver.conf");
        try {
            Files.write(conf, List.of("listening-ip=" + RELAY_IP, "relay-ip=" + RELAY_IP,
                    "listening-port=" + UDP_PORT, "tls-listening-port=443", "min-port=49152", "max-port=49999",
                    "fingerprint", "realm=example.org", "cert=" + pem.fullChain(), "pkey=" + pem.privateKey(),
                    "lt-cred-mech", "user=" + COTURN_USER + ":" + COTURN_PASSWORD, "no-cli", "no-multicast-peers",
                    "no-dtls", "userdb=" + dir.resolve("turndb"), "pidfile=" + dir.resolve("turnserver.pid"),
                    "log-file=" + dir.resolve("turnserver.log"), "simple-log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ManagedProcess p = ManagedProcess.start("coturn-" + relayNs, List.of(ip.toString(), "netns", "exec",
                relayNs, Binaries.require("turnserver", "coturn").toString(), "-c", conf.toString()), dir, false);
        return p;
    }

    /**
     * The class path of this JVM plus the locations of the lab and its dependencies (so the edge and probes run
     * whether or not the JVM was started with a plain class path).
     */
    public static String classPath() {
        Set<String> parts = new LinkedHashSet<>();
        for (String marker : List.of(EmulatedEdge.class.getName(), TransportAddress.class.getName(),
                "io.netty.util.Version", "io.netty.buffer.ByteBuf", "io.netty.channel.Channel",
                "io.netty.resolver.AddressResolver", "io.netty.handler.ssl.SslContext",
                "io.netty.handler.codec.ByteToMessageDecoder", "org.bouncycastle.cert.X509CertificateHolder",
                "org.bouncycastle.jce.provider.BouncyCastleProvider", "org.bouncycastle.util.Arrays",
                "org.slf4j.Logger")) {
            try {
                var src = Class.forName(marker, false, NetnsSeedTopology.class.getClassLoader())
                        .getProtectionDomain().getCodeSource();
                if (src != null) {
                    parts.add(Path.of(src.getLocation().toURI()).toString());
                }
            } catch (ReflectiveOperationException | java.net.URISyntaxException | SecurityException
                    | IllegalArgumentException | LinkageError e) {
                // fall back on java.class.path below
            }
        }
        String cp = System.getProperty("java.class.path", "");
        if (!cp.isEmpty()) {
            parts.addAll(List.of(cp.split(File.pathSeparator)));
        }
        return String.join(File.pathSeparator, parts);
    }

    /** Whether a TCP connect to host:port succeeds from inside {@code ns} (bash's /dev/tcp, 2 s deadline). */
    boolean accepts(String ns, String host, int port) {
        ExecResult r = exec(ns, Duration.ofSeconds(3),
                List.of("timeout", "2", "bash", "-c", "exec 3<>/dev/tcp/" + host + "/" + port));
        return r.exitCode() == 0;
    }

    /**
     * Turns the middlebox's REDIRECT of the relay's 443 to sslsplit on or off (off = a clean path, for contrast).
     */
    public synchronized void setInterception(boolean on) {
        if (on == intercepting) {
            return;
        }
        cmd(ip.toString(), "netns", "exec", mbox, iptables.toString(), "-t", "nat", on ? "-A" : "-D", "PREROUTING",
                "-i", "toc", "-p", "tcp", "-d", RELAY_IP, "--dport", "443", "-j", "REDIRECT", "--to-ports",
                Integer.toString(SSLSPLIT_PORT));
        intercepting = on;
    }

    /**
     * Turns the middlebox's DROP of UDP to the relay's 3478 on or off: the client's Binding and Allocate meet
     * silence, as behind a firewall that allows only TCP out.
     */
    public synchronized void setUdpDrop(boolean on) {
        if (on == droppingUdp) {
            return;
        }
        cmd(ip.toString(), "netns", "exec", mbox, iptables.toString(), on ? "-I" : "-D", "FORWARD",
                "-i", "toc", "-p", "udp", "-d", RELAY_IP, "--dport", Integer.toString(UDP_PORT), "-j", "DROP");
        droppingUdp = on;
    }

    /** Whether UDP to the relay's 3478 is dropped. */
    public synchronized boolean isDroppingUdp() {
        return droppingUdp;
    }

    /** What the REDIRECT leads to. */
    public Interceptor interceptor() {
        return interceptor;
    }

    /** The public CA's certificate (PEM), the trust anchor for the relay's genuine chain. */
    public Path publicCaCertificate() {
        return publicCaPem;
    }

    /**
     * Runs {@code iptables ARGS} in the middlebox namespace (rules go with the namespace on {@link #close()}), e.g.
     * {@code -t nat -A POSTROUTING -o tor -j MASQUERADE} or {@code -A FORWARD -p udp --dport 3478 -j DROP}.
     */
    public void iptablesInMiddlebox(String... args) {
        List<String> c = new ArrayList<>(List.of(ip.toString(), "netns", "exec", mbox, iptables.toString()));
        c.addAll(List.of(args));
        cmd(c.toArray(new String[0]));
    }

    /**
     * Starts {@code java MAIN ARGS} in the middlebox namespace (stopped by PID on {@link #close()}) and waits until
     * it accepts TCP on {@code host:port} there.
     */
    public void startJavaInMiddlebox(String host, int port, String mainClass, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> c = new ArrayList<>(List.of(ip.toString(), "netns", "exec", mbox, java, "-Xmx128m",
                "-XX:TieredStopAtLevel=1", "-cp", classPath(), Objects.requireNonNull(mainClass)));
        c.addAll(List.of(args));
        ManagedProcess p = ManagedProcess.start("java-" + mbox + "-" + processes.size(), c, dir, false);
        synchronized (this) {
            processes.add(p);
        }
        p.awaitCondition("listening on " + host + ":" + port, () -> accepts(mbox, host, port), Duration.ofSeconds(60));
    }

    /** The middlebox's address on the client side (where a REDIRECT on the client side delivers). */
    public String middleboxClientSideAddress() {
        return MBOX_CLIENT_SIDE;
    }

    /** The middlebox's address on the relay side (the source a MASQUERADE or a proxy gives the relay). */
    public String middleboxRelaySideAddress() {
        return MBOX_RELAY_SIDE;
    }

    /** The client's address. */
    public String clientAddress() {
        return CLIENT_IP;
    }

    /** The work directory (removed on {@link #close()}): where a test may put files its processes read. */
    public Path workDirectory() {
        return dir;
    }

    /** Whether the REDIRECT to the interceptor is in place. */
    public synchronized boolean isIntercepting() {
        return intercepting;
    }

    /** The relay as the client dials it: 10.203.2.2:443. */
    public TransportAddress relayAddress() {
        return new TransportAddress(RELAY_IP, 443);
    }

    /** What runs on the relay's 443. */
    public Relay relay() {
        return relay;
    }

    /** The CA standing for the public PKI that issued the relay's certificate (OPENSSL_TLS). */
    public LabCa publicCa() {
        return publicCa;
    }

    /** The relay's genuine certificate, or null for {@link Relay#EMULATED_EDGE}. */
    public IssuedCertificate relayCertificate() {
        return relayCertificate;
    }

    /** The CA sslsplit forges with. */
    public LabCa interceptionCa() {
        return interceptionCa;
    }

    /** The client namespace's name (for {@code ip netns exec}). */
    public String clientNamespace() {
        return client;
    }

    /** The middlebox namespace's name. */
    public String middleboxNamespace() {
        return mbox;
    }

    /** The relay namespace's name. */
    public String relayNamespace() {
        return relayNs;
    }

    /** The interceptor's own diagnostics for a failure message: the tail of squid's cache.log or sslsplit's log. */
    public String interceptorLog() {
        Path log = interceptor == Interceptor.SQUID_SSL_BUMP ? dir.resolve("squid").resolve("cache.log")
                : dir.resolve("sslsplit-" + mbox + ".log");
        try {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** The interceptor's connection log: sslsplit's connect log, or squid's access log (one line per connection). */
    public List<String> sslsplitConnectLog() {
        try {
            return Files.exists(connectLog) ? Files.readAllLines(connectLog, StandardCharsets.ISO_8859_1) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code command} inside the client namespace, killed at {@code timeout}. */
    public ExecResult execInClient(Duration timeout, List<String> command) {
        return exec(client, timeout, command);
    }

    /**
     * Runs {@code java -cp <this JVM's class path> mainClass args...} inside the client namespace: the way to run
     * a Java probe from the client's vantage point.
     */
    public ExecResult runJavaInClient(Duration timeout, String mainClass, String... args) {
        return execInClient(timeout, NetnsCommands.java("128m", mainClass, args));
    }

    ExecResult exec(String ns, Duration timeout, List<String> command) {
        return NetnsCommands.exec(ip, dir, ns, timeout, command);
    }

    private static void cmd(String... command) {
        ManagedProcess.run(Duration.ofSeconds(20), List.of(command));
    }

    /**
     * Stops the relay and sslsplit (by PID, with their children), deletes the three namespaces (which removes
     * the veth pairs and the iptables rules with them) and the work directory. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LIVE.remove(this);
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        NetnsCommands.deleteAll(ip, created, dir);
    }

    @Override
    public String toString() {
        return "NetnsSeedTopology[" + client + " -> " + mbox + " -> " + relayNs + " (" + relay + "), intercepting="
                + intercepting + "]";
    }

    /** Builds and starts a {@link NetnsSeedTopology}. */
    public static final class Builder {
        private Relay relay = Relay.EMULATED_EDGE;
        private boolean intercept = true;
        private Interceptor interceptor = Interceptor.SSLSPLIT;
        private boolean dropUdp;
        private LabCa interceptionCa;
        private Duration startTimeout = Duration.ofSeconds(60);
        private final List<String> relayJava = new ArrayList<>();

        private Builder() {
        }

        /**
         * Runs {@code java MAIN ARGS} in the relay namespace as the relay ({@link Relay#JAVA_MAIN}); it must listen
         * on {@link #RELAY_IP}:443.
         */
        public Builder relayJava(String mainClass, String... args) {
            this.relay = Relay.JAVA_MAIN;
            relayJava.clear();
            relayJava.add(Objects.requireNonNull(mainClass, "mainClass"));
            relayJava.addAll(List.of(args));
            return this;
        }

        /** What answers on the relay's 443; default {@link Relay#EMULATED_EDGE}. */
        public Builder relay(Relay relay) {
            if (relay == Relay.JAVA_MAIN) {
                throw new IllegalArgumentException("relay: JAVA_MAIN is set with relayJava(main, args)");
            }
            this.relay = Objects.requireNonNull(relay, "relay");
            return this;
        }

        /** Whether the REDIRECT to sslsplit is installed at start; default true. */
        public Builder intercept(boolean intercept) {
            this.intercept = intercept;
            return this;
        }

        /** What the REDIRECT leads to; default {@link Interceptor#SSLSPLIT}. */
        public Builder interceptor(Interceptor interceptor) {
            this.interceptor = Objects.requireNonNull(interceptor, "interceptor");
            return this;
        }

        /** Whether UDP to the relay's 3478 is dropped at start ({@link #setUdpDrop}); default false. */
        public Builder dropUdp(boolean drop) {
            this.dropUdp = drop;
            return this;
        }

        /** The CA the interceptor forges with; default a fresh "Lab Interception Root CA". */
        public Builder interceptionCa(LabCa ca) {
            this.interceptionCa = Objects.requireNonNull(ca, "ca");
            return this;
        }

        /** How long to wait for the relay and sslsplit to listen; default 60 s. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Creates the namespaces and starts everything.
         *
         * @throws IllegalStateException when not root
         * @throws io.mediapath.lab.peers.PeerUnavailableException when ip, iptables, sslsplit or openssl is missing
         */
        public NetnsSeedTopology start() {
            return new NetnsSeedTopology(this);
        }
    }
}
