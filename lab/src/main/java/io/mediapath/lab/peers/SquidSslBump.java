package io.mediapath.lab.peers;

import io.mediapath.ice.TransportAddress;
import io.mediapath.lab.netns.NetworkNamespace;
import io.mediapath.lab.pki.LabCa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * squid-openssl 5.7 with three explicit-proxy ports on 127.0.0.1, following the lab recipe's squid.conf:
 * <ul>
 *   <li>{@link #plainProxy()}: a plain explicit proxy (CONNECT is a pure tunnel);</li>
 *   <li>{@link #bumpProxy()}: {@code ssl-bump} (peek at step 1, then bump): CONNECT, then TLS, gets a leaf forged by
 *       the lab CA (dates copied from the origin, CA key reused, CA listed twice);</li>
 *   <li>{@link #authProxy()}: demands Basic auth ({@code basic_fake_auth}); CONNECT without credentials gets
 *       {@code 407 Proxy Authentication Required}.</li>
 * </ul>
 * A raw TLS ClientHello sent to a plain or auth port is answered {@code 400 Bad Request} with
 * {@code X-Squid-Error: ERR_PROTOCOL_UNKNOWN}.
 *
 * <p>Commands: {@code security_file_certgen -c -s DIR/ssl_db -M 4MB}, {@code chown -R proxy:proxy DIR} (when
 * root), then {@code squid -N -f DIR/squid.conf} (foreground). Everything, including the pid file and logs, lives
 * in the work directory.
 */
public final class SquidSslBump extends ProcessPeer {

    private final TransportAddress plain;
    private final TransportAddress bump;
    private final TransportAddress auth;
    private final LabCa ca;

    private SquidSslBump(ManagedProcess process, TransportAddress plain, TransportAddress bump, TransportAddress auth,
            LabCa ca) {
        super(process, plain);
        this.plain = plain;
        this.bump = bump;
        this.auth = auth;
        this.ca = ca;
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts squid with a fresh interception CA and free ports. */
    public static SquidSslBump start() {
        return builder().start();
    }

    /** The plain explicit-proxy port (no bump, no auth). */
    public TransportAddress plainProxy() {
        return plain;
    }

    /** The ssl-bump port: CONNECT then TLS gets a forged certificate. */
    public TransportAddress bumpProxy() {
        return bump;
    }

    /** The port that answers 407 until Basic credentials are sent (any user/password is accepted). */
    public TransportAddress authProxy() {
        return auth;
    }

    /** The CA squid signs forged leaves with. */
    public LabCa ca() {
        return ca;
    }

    /** squid's cache.log (its own diagnostics). */
    public Path cacheLog() {
        return process.workDir().resolve("cache.log");
    }

    @Override
    public String toString() {
        return "SquidSslBump[plain " + plain + ", bump " + bump + ", auth " + auth + ", " + process + "]";
    }

    static String config(Path dir, int plain, int bump, int auth, Path caPem, Path certgen, Path fakeAuth) {
        return "http_port 127.0.0.1:" + plain + "\n"
                + "http_port 127.0.0.1:" + bump + " ssl-bump cert=" + caPem
                + " generate-host-certificates=on dynamic_cert_mem_cache_size=4MB\n"
                + "http_port 127.0.0.1:" + auth + " name=authport\n"
                + "sslcrtd_program " + certgen + " -s " + dir.resolve("ssl_db") + " -M 4MB\n"
                + "sslcrtd_children 2 startup=1 idle=1\n"
                + "acl step1 at_step SslBump1\n"
                + "ssl_bump peek step1\n"
                + "ssl_bump bump all\n"
                + "tls_outgoing_options flags=DONT_VERIFY_PEER\n"
                + "sslproxy_cert_error allow all\n"
                + "auth_param basic program " + fakeAuth + "\n"
                + "auth_param basic realm tls-inspect-lab\n"
                + "acl authport myportname authport\n"
                + "acl authed proxy_auth REQUIRED\n"
                + "acl CONNECT method CONNECT\n"
                + "http_access deny authport !authed\n"
                + "http_access allow localhost\n"
                + "http_access deny all\n"
                + "cache deny all\n"
                + "visible_hostname mediapath-lab-squid\n"
                + "pid_filename " + dir.resolve("squid.pid") + "\n"
                + "cache_log " + dir.resolve("cache.log") + "\n"
                + "access_log " + dir.resolve("access.log") + "\n"
                + "coredump_dir " + dir + "\n"
                + "cache_effective_user proxy\n"
                + "shutdown_lifetime 1 seconds\n"
                + "pinger_enable off\n";
    }

    /** Builds and starts {@link SquidSslBump}. */
    public static final class Builder {
        private LabCa ca;
        private Duration startTimeout = Duration.ofSeconds(40);

        private Builder() {
        }

        /** The interception CA; default a fresh "Lab Interception Root CA". */
        public Builder ca(LabCa ca) {
            this.ca = Objects.requireNonNull(ca, "ca");
            return this;
        }

        /** How long to wait for all three ports to listen; default 40 s. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /**
         * Initialises the certificate database, writes squid.conf, starts squid in the foreground and waits for its
         * three ports.
         *
         * @throws PeerUnavailableException when squid-openssl is not installed
         * @throws PeerStartException when it does not listen before the deadline
         */
        public SquidSslBump start() {
            Path squid = Binaries.require("squid", "squid-openssl");
            Path certgen = Binaries.require("/usr/lib/squid/security_file_certgen", "squid-openssl");
            Path fakeAuth = Binaries.require("/usr/lib/squid/basic_fake_auth", "squid-openssl");
            LabCa c = ca != null ? ca : Sslsplit.interceptionCa();
            int plain = FreePorts.tcp();
            int bump = FreePorts.tcp();
            int auth = FreePorts.tcp();
            Path dir = ManagedProcess.createWorkDir("squid");
            Path caPem = dir.resolve("proxy-ca.pem");
            Path conf = dir.resolve("squid.conf");
            try {
                // squid's cert= file holds the certificate and the key together
                Files.writeString(caPem, c.keyAndCertificatePem());
                Files.writeString(conf, config(dir, plain, bump, auth, caPem, certgen, fakeAuth));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ManagedProcess.run(Duration.ofSeconds(30), List.of(certgen.toString(), "-c", "-s",
                    dir.resolve("ssl_db").toString(), "-M", "4MB"));
            if (NetworkNamespace.isRoot()) {
                // squid drops to cache_effective_user proxy; its helpers must read the db and write logs.
                ManagedProcess.run(Duration.ofSeconds(30), List.of("chown", "-R", "proxy:proxy", dir.toString()));
            }
            ManagedProcess mp = ManagedProcess.start("squid", List.of(squid.toString(), "-N", "-f", conf.toString()),
                    dir, true);
            TransportAddress p = new TransportAddress("127.0.0.1", plain);
            TransportAddress b = new TransportAddress("127.0.0.1", bump);
            TransportAddress a = new TransportAddress("127.0.0.1", auth);
            mp.awaitTcp(List.of(Loopback.socket(p), Loopback.socket(b), Loopback.socket(a)), startTimeout);
            return new SquidSslBump(mp, p, b, a, c);
        }
    }
}
