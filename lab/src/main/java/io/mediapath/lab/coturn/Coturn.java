package io.mediapath.lab.coturn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real coturn ({@code turnserver}, Debian package {@code coturn}) on 127.0.0.1 for one test class: UDP+TCP on a
 * free port, TLS on a second free port with a certificate made for the run ({@code openssl req -x509}), long-term
 * credentials, loopback peers allowed, everything under a temporary directory. Started by PID, stopped by
 * {@link #close()} (destroy, wait, force). A missing binary fails loudly with the install command.
 *
 * <pre>{@code
 * try (Coturn turn = Coturn.builder().user("alice", "s3cret").start()) { ... turn.port() ... }
 * }</pre>
 */
public final class Coturn implements AutoCloseable {
    /** The install command named in failures. */
    public static final String INSTALL = "apt-get install -y coturn";

    private final Builder config;
    private final Path dir;
    private final int port;
    private final int tlsPort;
    private final Path cert;
    private final Process process;

    private Coturn(Builder b, Path dir, int port, int tlsPort, Path cert, Process process) {
        this.config = b;
        this.dir = dir;
        this.port = port;
        this.tlsPort = tlsPort;
        this.cert = cert;
        this.process = process;
    }

    /** A builder with user {@code alice}/{@code s3cret}, realm {@code example.org}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The listening (and relay) address: 127.0.0.1 unless {@link Builder#listeningIp(String)} chose {@code ::1}. */
    public String host() {
        return config.ip;
    }

    /** UDP and TCP port. */
    public int port() {
        return port;
    }

    /** TLS port. */
    public int tlsPort() {
        return tlsPort;
    }

    /** The server certificate (PEM), to trust in TLS tests; its SANs are IP:127.0.0.1, IP:::1 and DNS:localhost. */
    public Path certificate() {
        return cert;
    }

    /** The configured username. */
    public String username() {
        return config.user;
    }

    /** The configured password. */
    public String password() {
        return config.password;
    }

    /** The realm. */
    public String realm() {
        return config.realm;
    }

    /** The process id. */
    public long pid() {
        return process.pid();
    }

    /** True while the server process runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The server's log so far (for failure messages). */
    public String log() {
        try {
            Path log = dir.resolve("turnserver.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 5 s) and deletes its directory. Idempotent. */
    @Override
    public void close() {
        stop(process);
        deleteTree(dir);
    }

    /** Stops the server without deleting anything (to test "server gone"). */
    public void kill() {
        stop(process);
    }

    static void stop(Process p) {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it is a temp directory
        }
    }

    /** Finds the executable on PATH or in /usr/bin, or fails with the install command. */
    static Path binary(String name) {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(java.io.File.pathSeparator)) {
                dirs.add(Path.of(d));
            }
        }
        dirs.add(Path.of("/usr/bin"));
        dirs.add(Path.of("/usr/sbin"));
        for (Path d : dirs) {
            Path p = d.resolve(name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException(name + " not found on PATH; install coturn: " + INSTALL);
    }

    /** A free port on 127.0.0.1 for both TCP and UDP. */
    public static int freePort() {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(false);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                int p = s.getLocalPort();
                try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), p))) {
                    return p;
                } catch (IOException busyUdp) {
                    // try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free port on 127.0.0.1");
    }

    static void run(Duration timeout, Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(Path.of(cmd[0]).getFileName() + ".out").toFile()).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish in " + timeout);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue());
        }
    }

    /** Settings of a {@link Coturn}; {@link #start()} launches it. */
    public static final class Builder {
        private String user = "alice";
        private String password = "s3cret";
        private String realm = "example.org";
        private String ip = "127.0.0.1";
        private int fixedPort;
        private int fixedTlsPort;
        private Integer staleNonce;
        private Integer userQuota;
        private Integer totalQuota;
        private final List<String> deniedPeers = new ArrayList<>();
        private String authSecret;
        private final List<String> extra = new ArrayList<>();
        private Duration startTimeout = Duration.ofSeconds(15);
        private int relayMinPort;
        private int relayMaxPort;

        private Builder() {
        }

        /** Long-term credentials user. */
        public Builder user(String user, String password) {
            this.user = Objects.requireNonNull(user);
            this.password = Objects.requireNonNull(password);
            return this;
        }

        /** The realm. */
        public Builder realm(String realm) {
            this.realm = Objects.requireNonNull(realm);
            return this;
        }

        /**
         * The listening and relay address: a 127.0.0.0/8 address or {@code ::1} (IPv6 loopback); nothing else, so
         * tests never expose a relay beyond the host.
         */
        public Builder listeningIp(String ip) {
            try {
                InetAddress a = InetAddress.getByName(Objects.requireNonNull(ip));
                if (!a.isLoopbackAddress()) {
                    throw new IllegalArgumentException("not a loopback address: " + ip);
                }
                this.ip = a.getHostAddress().contains(":") ? "::1" : a.getHostAddress();
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("not an IP literal: " + ip, e);
            }
            return this;
        }

        /**
         * Fixed ports (from {@link Coturn#freePort()}) instead of fresh ones, for setups that must know them before
         * start, such as two servers redirecting to each other ({@code alternate-server}).
         */
        public Builder ports(int port, int tlsPort) {
            this.fixedPort = port;
            this.fixedTlsPort = tlsPort;
            return this;
        }

        /** Nonce lifetime in seconds ({@code stale-nonce}), to provoke 438. */
        public Builder staleNonce(int seconds) {
            this.staleNonce = seconds;
            return this;
        }

        /** Per-user allocation quota ({@code user-quota}). */
        public Builder userQuota(int n) {
            this.userQuota = n;
            return this;
        }

        /** Total allocation quota ({@code total-quota}). */
        public Builder totalQuota(int n) {
            this.totalQuota = n;
            return this;
        }

        /** A denied peer IP or range ({@code denied-peer-ip}), to provoke 403. */
        public Builder deniedPeer(String ipOrRange) {
            this.deniedPeers.add(ipOrRange);
            return this;
        }

        /** TURN REST API shared secret ({@code use-auth-secret}) instead of a static user. */
        public Builder authSecret(String secret) {
            this.authSecret = secret;
            return this;
        }

        /** Any further configuration line. */
        public Builder line(String line) {
            this.extra.add(line);
            return this;
        }

        /**
         * The relay port range ({@code min-port}/{@code max-port}); by default a random block of 1 000 ports in
         * 49152–64151. Load tests that hold thousands of allocations need a wider range (one port per allocation).
         */
        public Builder relayPorts(int min, int max) {
            if (min < 1024 || max > 65535 || max < min) {
                throw new IllegalArgumentException("relay ports " + min + "-" + max);
            }
            this.relayMinPort = min;
            this.relayMaxPort = max;
            return this;
        }

        /** How long to wait for the listeners. */
        public Builder startTimeout(Duration d) {
            this.startTimeout = d;
            return this;
        }

        /**
         * Writes the configuration, makes the certificate, starts {@code turnserver} and waits until its TCP and TLS
         * ports accept connections.
         *
         * @throws IllegalStateException when coturn is missing (message names {@link #INSTALL}) or does not start
         */
        public Coturn start() {
            Path bin = binary("turnserver");
            Path dir = null;
            Process p = null;
            try {
                dir = Files.createTempDirectory("mediapath-coturn-");
                Path cert = dir.resolve("turn_cert.pem");
                Path key = dir.resolve("turn_pkey.pem");
                run(Duration.ofSeconds(30), dir, binary("openssl").toString(), "req", "-x509", "-newkey", "ec",
                        "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(),
                        "-out", cert.toString(), "-days", "2", "-subj", "/CN=localhost",
                        "-addext", "subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost");
                int port = fixedPort > 0 ? fixedPort : freePort();
                int tls = fixedTlsPort > 0 ? fixedTlsPort : freePort();
                while (tls == port && fixedTlsPort == 0) {
                    tls = freePort();
                }
                int minPort = relayMinPort > 0 ? relayMinPort
                        : 49152 + ThreadLocalRandom.current().nextInt(0, 15) * 1000;
                int maxPort = relayMinPort > 0 ? relayMaxPort : minPort + 999;
                List<String> conf = new ArrayList<>(List.of(
                        "listening-ip=" + ip, "relay-ip=" + ip,
                        "listening-port=" + port, "tls-listening-port=" + tls,
                        "min-port=" + minPort, "max-port=" + maxPort,
                        "fingerprint", "realm=" + realm,
                        "cert=" + cert, "pkey=" + key,
                        "allow-loopback-peers", "no-cli", "no-multicast-peers", "no-dtls",
                        "userdb=" + dir.resolve("turndb"), "pidfile=" + dir.resolve("turnserver.pid"),
                        "log-file=" + dir.resolve("turnserver.log"), "simple-log", "verbose"));
                if (authSecret != null) {
                    conf.add("use-auth-secret");
                    conf.add("static-auth-secret=" + authSecret);
                } else {
                    conf.add("lt-cred-mech");
                    conf.add("user=" + user + ":" + password);
                }
                if (staleNonce != null) {
                    conf.add("stale-nonce=" + staleNonce);
                }
                if (userQuota != null) {
                    conf.add("user-quota=" + userQuota);
                }
                if (totalQuota != null) {
                    conf.add("total-quota=" + totalQuota);
                }
                deniedPeers.forEach(d -> conf.add("denied-peer-ip=" + d));
                conf.addAll(extra);
                Path confFile = dir.resolve("turnserver.conf");
                Files.write(confFile, conf, StandardCharsets.UTF_8);
                p = new ProcessBuilder(bin.toString(), "-c", confFile.toString()).directory(dir.toFile())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("turnserver.stdout").toFile()).start();
                long end = System.nanoTime() + startTimeout.toNanos();
                while (!(accepts(ip, port) && accepts(ip, tls))) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("turnserver exited " + p.exitValue() + ": "
                                + Files.readString(dir.resolve("turnserver.stdout")));
                    }
                    if (System.nanoTime() > end) {
                        throw new IllegalStateException("turnserver did not listen on " + ip + ":" + port + "/" + tls
                                + " within " + startTimeout);
                    }
                    Thread.sleep(50);
                }
                return new Coturn(this, dir, port, tls, cert, p);
            } catch (IOException e) {
                cleanup(p, dir);
                throw new IllegalStateException("cannot start turnserver: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                cleanup(p, dir);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted starting turnserver", e);
            } catch (RuntimeException e) {
                cleanup(p, dir);
                throw e;
            }
        }

        private static void cleanup(Process p, Path dir) {
            if (p != null) {
                stop(p);
            }
            deleteTree(dir);
        }

        private static boolean accepts(String ip, int port) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getByName(ip), port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
