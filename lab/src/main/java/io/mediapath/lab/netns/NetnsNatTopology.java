package io.mediapath.lab.netns;

import io.mediapath.lab.peers.Binaries;
import io.mediapath.lab.peers.ManagedProcess;
import io.mediapath.lab.peers.PeerStartException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Linux NAT between a client and an RFC 5780 STUN/TURN server, in three network namespaces this class
 * creates:
 *
 * <pre>
 *  client ns                 nat ns                                   server ns
 *  10.205.1.2 eth0 ──veth── in 10.205.1.1 | out 203.0.113.1 ──veth── eth0 203.0.113.10, .11 (coturn), .20 (echo)
 *  default via .1.1          ip_forward=1; iptables -t nat POSTROUTING -o out -j MASQUERADE [--random-fully]
 * </pre>
 *
 * coturn ({@code turnserver}) listens on 203.0.113.10 and 203.0.113.11, port 3478 and alternate port 3479, so it
 * does RFC 5780 (OTHER-ADDRESS, CHANGE-REQUEST); it relays from 203.0.113.10 with user {@code alice}/{@code s3cret}.
 * coturn's {@code turnutils_peer} echoes UDP on 203.0.113.20:5000. The {@link Nat} decides the middle:
 * {@link Nat#NONE} routes only; {@link Nat#MASQUERADE} is Linux's usual source NAT (endpoint-independent mapping while
 * the port is free, filtering by conntrack: address-and-port-dependent); {@link Nat#MASQUERADE_RANDOM_FULLY} picks a
 * random port per conntrack entry (address-and-port-dependent mapping); {@link Nat#MASQUERADE_HAIRPIN} adds the
 * DNAT + MASQUERADE pair that makes the NAT hairpin (a packet from inside to 203.0.113.1:p goes back to 10.205.1.2:p,
 * which is the mapping's own port since MASQUERADE keeps free ports).
 *
 * <p>The 10.205.1.x and 203.0.113.x (TEST-NET-3) addresses exist only inside these namespaces; nothing is configured
 * on the host. Probes run inside the client namespace as subprocesses ({@link #runJavaInClient}). Needs root and the
 * kernel's netfilter NAT; a missing feature fails loudly naming it. {@link #close()} (also a shutdown hook) stops the
 * processes by PID and deletes the namespaces.
 */
public final class NetnsNatTopology implements AutoCloseable {

    /** What the middle namespace does to the client's traffic. */
    public enum Nat {
        /** Routing only. */
        NONE,
        /** {@code MASQUERADE}. */
        MASQUERADE,
        /** {@code MASQUERADE --random-fully}. */
        MASQUERADE_RANDOM_FULLY,
        /** {@code MASQUERADE} plus hairpin DNAT/MASQUERADE rules. */
        MASQUERADE_HAIRPIN
    }

    /** The client's address. */
    public static final String CLIENT_IP = "10.205.1.2";
    /** The NAT's public address. */
    public static final String NAT_PUBLIC_IP = "203.0.113.1";
    /** The STUN/TURN server's primary address. */
    public static final String SERVER_IP = "203.0.113.10";
    /** The STUN/TURN server's alternate address (RFC 5780). */
    public static final String SERVER_ALT_IP = "203.0.113.11";
    /** The echo peer's address. */
    public static final String ECHO_IP = "203.0.113.20";
    /** The STUN/TURN port. */
    public static final int STUN_PORT = 3478;
    /** The alternate port (RFC 5780). */
    public static final int STUN_ALT_PORT = 3479;
    /** The echo peer's UDP port. */
    public static final int ECHO_PORT = 5000;
    /** The TURN user. */
    public static final String USER = "alice";
    /** The TURN password (a lab credential). */
    public static final String PASSWORD = "s3cret";
    /** The TURN realm. */
    public static final String REALM = "example.org";

    private static final String NAT_IN = "10.205.1.1";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Set<NetnsNatTopology> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(LIVE).forEach(NetnsNatTopology::close),
                "mediapath-lab-natns-shutdown"));
    }

    private final String client;
    private final String nat;
    private final String server;
    private final Nat mode;
    private final Path dir;
    private final Path ip;
    private final Path iptables;
    private final List<String> created = new ArrayList<>();
    private final List<ManagedProcess> processes = new ArrayList<>();
    private volatile boolean closed;

    private NetnsNatTopology(Builder b) {
        if (!NetworkNamespace.isRoot()) {
            throw new IllegalStateException("NetnsNatTopology needs root (it creates network namespaces, veth pairs"
                    + " and iptables NAT rules); run the integration tests as root, e.g. sudo bash scripts/test.sh");
        }
        this.ip = Binaries.require("ip", "iproute2");
        this.iptables = Binaries.require("iptables", "iptables");
        Binaries.require("turnserver", "coturn");
        String id = "mpn" + (ProcessHandle.current().pid() % 100000) + "n" + COUNTER.incrementAndGet();
        this.client = id + "c";
        this.nat = id + "m";
        this.server = id + "s";
        this.mode = b.nat;
        this.dir = ManagedProcess.createWorkDir("natns");
        LIVE.add(this);
        try {
            build(b);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A builder: {@link Nat#MASQUERADE}. */
    public static Builder builder() {
        return new Builder();
    }

    private void build(Builder b) {
        for (String ns : List.of(client, nat, server)) {
            cmd(ip.toString(), "netns", "add", ns);
            created.add(ns);
            cmd(ip.toString(), "-n", ns, "link", "set", "lo", "up");
        }
        cmd(ip.toString(), "-n", nat, "link", "add", "in", "type", "veth", "peer", "name", "eth0", "netns", client);
        cmd(ip.toString(), "-n", nat, "link", "add", "out", "type", "veth", "peer", "name", "eth0", "netns", server);
        cmd(ip.toString(), "-n", client, "addr", "add", CLIENT_IP + "/24", "dev", "eth0");
        cmd(ip.toString(), "-n", nat, "addr", "add", NAT_IN + "/24", "dev", "in");
        cmd(ip.toString(), "-n", nat, "addr", "add", NAT_PUBLIC_IP + "/24", "dev", "out");
        for (String a : List.of(SERVER_IP, SERVER_ALT_IP, ECHO_IP)) {
            cmd(ip.toString(), "-n", server, "addr", "add", a + "/24", "dev", "eth0");
        }
        for (String[] l : List.of(new String[] {client, "eth0"}, new String[] {nat, "in"}, new String[] {nat, "out"},
                new String[] {server, "eth0"})) {
            cmd(ip.toString(), "-n", l[0], "link", "set", l[1], "up");
        }
        cmd(ip.toString(), "-n", client, "route", "add", "default", "via", NAT_IN);
        if (mode == Nat.NONE) {
            cmd(ip.toString(), "-n", server, "route", "add", "10.205.1.0/24", "via", NAT_PUBLIC_IP);
        }
        // per-namespace sysctl: forwarding in the NAT namespace only, never on the host
        cmd(ip.toString(), "netns", "exec", nat, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        switch (mode) {
            case NONE -> {
            }
            case MASQUERADE -> nat("-A", "POSTROUTING", "-o", "out", "-j", "MASQUERADE");
            case MASQUERADE_RANDOM_FULLY -> nat("-A", "POSTROUTING", "-o", "out", "-j", "MASQUERADE", "--random-fully");
            case MASQUERADE_HAIRPIN -> {
                nat("-A", "POSTROUTING", "-o", "out", "-j", "MASQUERADE");
                nat("-A", "PREROUTING", "-i", "in", "-d", NAT_PUBLIC_IP, "-p", "udp", "-j", "DNAT",
                        "--to-destination", CLIENT_IP);
                nat("-A", "POSTROUTING", "-o", "in", "-s", "10.205.1.0/24", "-d", CLIENT_IP, "-j", "MASQUERADE");
            }
        }
        if (b.udpTimeoutSeconds > 0) {
            // conntrack is loaded by the NAT rule; its UDP timeouts are per namespace
            String key = "net.netfilter.nf_conntrack_udp_timeout";
            ExecResult r = exec(nat, Duration.ofSeconds(10), List.of("sysctl", "-qw", key + "=" + b.udpTimeoutSeconds));
            ExecResult s = exec(nat, Duration.ofSeconds(10), List.of("sysctl", "-qw",
                    key + "_stream=" + b.udpTimeoutSeconds));
            if (r.exitCode() != 0 || s.exitCode() != 0) {
                throw new IllegalStateException("cannot set " + key + " in the NAT namespace (kernel without"
                        + " CONFIG_NF_CONNTRACK?): " + r.stderr() + s.stderr());
            }
        }
        startCoturn(b.startTimeout);
        if (b.echo) {
            startEcho(b.startTimeout);
        }
    }

    private void nat(String... rule) {
        List<String> c = new ArrayList<>(List.of(ip.toString(), "netns", "exec", nat, iptables.toString(), "-t", "nat"));
        c.addAll(List.of(rule));
        try {
            ManagedProcess.run(Duration.ofSeconds(20), c);
        } catch (PeerStartException e) {
            throw new IllegalStateException("the kernel refused the NAT rule (needs CONFIG_NF_NAT,"
                    + " CONFIG_IP_NF_TARGET_MASQUERADE" + (List.of(rule).contains("--random-fully")
                    ? ", and --random-fully needs Linux >= 3.13 with NF_NAT_RANGE_PROTO_RANDOM_FULLY" : "") + "): "
                    + String.join(" ", rule) + ": " + e.getMessage(), e);
        }
    }

    private void startCoturn(Duration timeout) {
        Path conf = dir.resolve("turnserver.conf");
        try {
            Files.write(conf, List.of("listening-ip=" + SERVER_IP, "listening-ip=" + SERVER_ALT_IP,
                    "relay-ip=" + SERVER_IP, "listening-port=" + STUN_PORT, "alt-listening-port=" + STUN_ALT_PORT,
                    "min-port=49152", "max-port=49999", "fingerprint", "realm=" + REALM, "lt-cred-mech",
                    "user=" + USER + ":" + PASSWORD, "no-tls", "no-dtls", "no-cli", "no-multicast-peers",
                    "userdb=" + dir.resolve("turndb"), "pidfile=" + dir.resolve("turnserver.pid"),
                    "log-file=" + dir.resolve("turnserver.log"), "simple-log", "verbose"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ManagedProcess p = ManagedProcess.start("turnserver-" + server, List.of(ip.toString(), "netns", "exec", server,
                Binaries.require("turnserver", "coturn").toString(), "-c", conf.toString()), dir, false);
        processes.add(p);
        p.awaitCondition("listening on " + SERVER_IP + ":" + STUN_PORT + " and " + SERVER_ALT_IP + ":" + STUN_ALT_PORT,
                () -> accepts(server, SERVER_IP, STUN_PORT) && accepts(server, SERVER_ALT_IP, STUN_ALT_PORT), timeout);
    }

    private void startEcho(Duration timeout) {
        ManagedProcess p = ManagedProcess.start("turnutils_peer-" + server, List.of(ip.toString(), "netns", "exec",
                server, Binaries.require("turnutils_peer", "coturn").toString(), "-L", ECHO_IP, "-p",
                Integer.toString(ECHO_PORT)), dir, false);
        processes.add(p);
        p.awaitCondition("echoing on " + ECHO_IP + ":" + ECHO_PORT, () -> exec(server, Duration.ofSeconds(3),
                List.of("ss", "-Hlun", "src", ECHO_IP + ":" + ECHO_PORT)).stdout().contains(ECHO_IP), timeout);
    }

    private boolean accepts(String ns, String host, int port) {
        return exec(ns, Duration.ofSeconds(3),
                List.of("timeout", "2", "bash", "-c", "exec 3<>/dev/tcp/" + host + "/" + port)).exitCode() == 0;
    }

    /** What the NAT does. */
    public Nat nat() {
        return mode;
    }

    /** The client namespace's name. */
    public String clientNamespace() {
        return client;
    }

    /** The NAT namespace's name. */
    public String natNamespace() {
        return nat;
    }

    /** The server namespace's name. */
    public String serverNamespace() {
        return server;
    }

    /**
     * Adds a rule to the NAT namespace's {@code filter} table (e.g. {@code FORWARD -p udp -m statistic --mode random
     * --probability 0.05 -j DROP}: real kernel loss on the path).
     *
     * @throws IllegalStateException naming the kernel feature when the kernel refuses the rule
     */
    public void addFilterRule(String feature, String... rule) {
        List<String> c = new ArrayList<>(List.of("iptables"));
        c.addAll(List.of(rule));
        ExecResult r = exec(nat, Duration.ofSeconds(20), c);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("the kernel refused " + String.join(" ", rule) + " (needs " + feature
                    + "): " + r.stderr().trim());
        }
    }

    /** coturn's log so far. */
    public String coturnLog() {
        try {
            Path log = dir.resolve("turnserver.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Runs {@code command} inside the client namespace, killed at {@code timeout}. */
    public ExecResult execInClient(Duration timeout, List<String> command) {
        return exec(client, timeout, command);
    }

    /** Runs {@code command} inside the NAT namespace, killed at {@code timeout}. */
    public ExecResult execInNat(Duration timeout, List<String> command) {
        return exec(nat, timeout, command);
    }

    /** Runs {@code java -cp <this JVM's class path> mainClass args...} inside the client namespace. */
    public ExecResult runJavaInClient(Duration timeout, String mainClass, String... args) {
        return execInClient(timeout, NetnsCommands.java("128m", mainClass, args));
    }

    ExecResult exec(String ns, Duration timeout, List<String> command) {
        return NetnsCommands.exec(ip, dir, ns, timeout, command);
    }

    private static void cmd(String... command) {
        ManagedProcess.run(Duration.ofSeconds(20), List.of(command));
    }

    /** Stops coturn and the echo peer by PID, deletes the namespaces (rules and links go with them). Idempotent. */
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
        return "NetnsNatTopology[" + client + " -> " + nat + " (" + mode + ") -> " + server + "]";
    }

    /** Builds and starts a {@link NetnsNatTopology}. */
    public static final class Builder {
        private Nat nat = Nat.MASQUERADE;
        private int udpTimeoutSeconds;
        private boolean echo;
        private Duration startTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** What the NAT does; default {@link Nat#MASQUERADE}. */
        public Builder nat(Nat nat) {
            this.nat = Objects.requireNonNull(nat, "nat");
            return this;
        }

        /** conntrack's UDP timeouts in the NAT namespace (the binding lifetime), seconds; default the kernel's. */
        public Builder udpTimeout(int seconds) {
            if (seconds < 1) {
                throw new IllegalArgumentException("udp timeout: " + seconds);
            }
            this.udpTimeoutSeconds = seconds;
            return this;
        }

        /** Also start coturn's {@code turnutils_peer} on {@link #ECHO_IP}:{@link #ECHO_PORT}. */
        public Builder echoPeer(boolean on) {
            this.echo = on;
            return this;
        }

        /** How long to wait for coturn (and the echo peer); default 30 s. */
        public Builder startTimeout(Duration d) {
            this.startTimeout = Objects.requireNonNull(d, "d");
            return this;
        }

        /**
         * Creates the namespaces and starts everything.
         *
         * @throws IllegalStateException when not root or the kernel refuses a NAT feature (named)
         */
        public NetnsNatTopology start() {
            return new NetnsNatTopology(this);
        }
    }
}
