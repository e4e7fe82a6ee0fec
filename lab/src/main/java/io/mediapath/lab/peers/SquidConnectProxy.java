package io.mediapath.lab.peers;

import io.mediapath.ice.TransportAddress;
import io.mediapath.lab.netns.NetworkNamespace;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * squid 5.7 as an explicit forward proxy on 127.0.0.1 that allows {@code CONNECT} only to the ports it is given
 * (a relay's TURN and TURNS ports), optionally behind Basic authentication checked by squid's own
 * {@code basic_ncsa_auth} against an htpasswd file written here ({@code openssl passwd -apr1}, the password fed on
 * stdin, never on a command line). Without credentials, or with wrong ones, {@code CONNECT} gets
 * {@code 407 Proxy Authentication Required}; to any other port, {@code 403}.
 *
 * <pre>{@code
 * try (SquidConnectProxy squid = SquidConnectProxy.builder().allowPorts(turn.port(), turn.tlsPort())
 *         .basicAuth("carol", "proxy-pass").start()) {
 *     TransportAddress proxy = squid.address();
 * }
 * }</pre>
 */
public final class SquidConnectProxy extends ProcessPeer {

    private final String user;

    private SquidConnectProxy(ManagedProcess process, TransportAddress address, String user) {
        super(process, address);
        this.user = user;
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The Basic-auth user, or null when the proxy demands none. */
    public String user() {
        return user;
    }

    /** squid's access log: one line per CONNECT, with the status it answered (407, 200, 403). */
    public List<String> accessLog() {
        try {
            Path p = process.workDir().resolve("access.log");
            return Files.exists(p) ? Files.readAllLines(p, StandardCharsets.ISO_8859_1) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "SquidConnectProxy[" + address + (user == null ? "" : ", Basic auth as " + user) + ", " + process + "]";
    }

    static String config(Path dir, int port, List<Integer> allowed, Path ncsa, Path htpasswd) {
        StringBuilder c = new StringBuilder()
                .append("http_port 127.0.0.1:").append(port).append('\n')
                .append("acl relay_ports port ").append(allowed.stream().map(String::valueOf)
                        .collect(Collectors.joining(" "))).append('\n')
                .append("acl CONNECT method CONNECT\n");
        if (htpasswd != null) {
            c.append("auth_param basic program ").append(ncsa).append(' ').append(htpasswd).append('\n')
                    .append("auth_param basic realm mediapath-lab-proxy\n")
                    .append("auth_param basic children 2 startup=1 idle=1\n")
                    .append("acl authed proxy_auth REQUIRED\n")
                    .append("http_access deny !authed\n");
        }
        return c.append("http_access deny CONNECT !relay_ports\n")
                .append("http_access allow CONNECT localhost\n")
                .append("http_access deny all\n")
                .append("cache deny all\n")
                .append("visible_hostname mediapath-lab-connect-proxy\n")
                .append("pid_filename ").append(dir.resolve("squid.pid")).append('\n')
                .append("cache_log ").append(dir.resolve("cache.log")).append('\n')
                .append("access_log stdio:").append(dir.resolve("access.log")).append('\n')
                .append("buffered_logs off\n")
                .append("coredump_dir ").append(dir).append('\n')
                .append("cache_effective_user proxy\n")
                .append("shutdown_lifetime 1 seconds\n")
                .append("pinger_enable off\n").toString();
    }

    /** Builds and starts {@link SquidConnectProxy}. */
    public static final class Builder {
        private final List<Integer> allowed = new ArrayList<>();
        private String user;
        private String password;
        private Duration startTimeout = Duration.ofSeconds(40);

        private Builder() {
        }

        /** The ports CONNECT may reach (required: squid denies CONNECT elsewhere). */
        public Builder allowPorts(int... ports) {
            for (int p : ports) {
                if (p < 1 || p > 65535) {
                    throw new IllegalArgumentException("port: " + p + " (expected: 1 ~ 65535)");
                }
                allowed.add(p);
            }
            return this;
        }

        /** Demands Basic authentication with this user and password (checked by basic_ncsa_auth). */
        public Builder basicAuth(String user, String password) {
            this.user = Objects.requireNonNull(user, "user");
            this.password = Objects.requireNonNull(password, "password");
            if (user.indexOf(':') >= 0 || user.isBlank()) {
                throw new IllegalArgumentException("user: must be non-blank without ':'");
            }
            return this;
        }

        /** How long to wait for the port; default 40 s. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Writes squid.conf (and the htpasswd file), starts squid in the foreground and waits for its port.
         *
         * @throws PeerUnavailableException when squid or openssl is not installed
         * @throws PeerStartException when it does not listen before the deadline
         */
        public SquidConnectProxy start() {
            if (allowed.isEmpty()) {
                throw new IllegalStateException("allowPorts: give the relay's ports (squid denies CONNECT elsewhere)");
            }
            Path squid = Binaries.require("squid", "squid-openssl");
            Path ncsa = user == null ? null : Binaries.require("/usr/lib/squid/basic_ncsa_auth", "squid-openssl");
            int port = FreePorts.tcp();
            Path dir = ManagedProcess.createWorkDir("squid-connect");
            Path htpasswd = user == null ? null : dir.resolve("htpasswd");
            try {
                if (htpasswd != null) {
                    Files.writeString(htpasswd, user + ":" + apr1(password) + "\n", StandardCharsets.UTF_8);
                }
                Files.writeString(dir.resolve("squid.conf"), config(dir, port, allowed, ncsa, htpasswd));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (NetworkNamespace.isRoot()) {
                // squid drops to cache_effective_user proxy; the auth helper reads htpasswd, squid writes the logs
                ManagedProcess.run(Duration.ofSeconds(30), List.of("chown", "-R", "proxy:proxy", dir.toString()));
            }
            ManagedProcess mp = ManagedProcess.start("squid", List.of(squid.toString(), "-N", "-f",
                    dir.resolve("squid.conf").toString()), dir, true);
            TransportAddress a = new TransportAddress("127.0.0.1", port);
            mp.awaitTcp(List.of(Loopback.socket(a)), startTimeout);
            return new SquidConnectProxy(mp, a, user);
        }

        /** An htpasswd {@code $apr1$} hash from {@code openssl passwd -apr1 -stdin}: the password on stdin only. */
        private static String apr1(String password) throws IOException {
            Path openssl = Binaries.require("openssl", "openssl");
            Process p = new ProcessBuilder(openssl.toString(), "passwd", "-apr1", "-stdin").redirectErrorStream(true)
                    .start();
            try (OutputStream in = p.getOutputStream()) {
                in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
            }
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new PeerStartException("openssl passwd did not finish in 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PeerStartException("interrupted hashing the proxy password");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0 || !out.startsWith("$apr1$")) {
                throw new PeerStartException("openssl passwd -apr1 failed (exit " + p.exitValue() + ")");
            }
            return out;
        }
    }
}
