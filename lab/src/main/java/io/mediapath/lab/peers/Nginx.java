package io.mediapath.lab.peers;

import io.mediapath.ice.TransportAddress;
import io.mediapath.lab.pki.IssuedCertificate;
import io.mediapath.lab.pki.PemFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * nginx as a genuine TLS server (TLS 1.2 and 1.3) with a minimal configuration in a temporary prefix:
 * {@code daemon off}, pid and error log in the work directory, one server block that answers {@code 200}.
 *
 * <p>Command: {@code nginx -p DIR -c DIR/nginx.conf -e DIR/error.log}.
 */
public final class Nginx extends ProcessPeer {

    private final IssuedCertificate certificate;

    private Nginx(ManagedProcess process, TransportAddress address, IssuedCertificate certificate) {
        super(process, address);
        this.certificate = certificate;
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The certificate (and chain) nginx presents. */
    public IssuedCertificate certificate() {
        return certificate;
    }

    @Override
    public String toString() {
        return "Nginx[" + address + ", " + process + "]";
    }

    static String config(Path dir, String listen, PemFiles pem) {
        return config(dir, listen, pem, null);
    }

    /** The configuration; {@code page} (HTML, or null for the plain-text default) is what {@code GET /} returns. */
    static String config(Path dir, String listen, PemFiles pem, String page) {
        String location = page == null ? "default_type text/plain; return 200 \"mediapath lab nginx\\n\";"
                : "default_type text/html; return 200 \"" + page.replace("\\", "\\\\").replace("\"", "\\\"")
                        .replace("$", "${dollar}") + "\";";
        return "daemon off;\n"
                + "worker_processes 1;\n"
                + "pid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("error.log") + " notice;\n"
                + "events { worker_connections 256; }\n"
                + "http {\n"
                + (page != null && page.contains("$") ? "  geo $dollar { default \"$\"; }\n" : "")
                + "  access_log off;\n"
                + "  client_body_temp_path " + dir.resolve("client_body") + ";\n"
                + "  proxy_temp_path " + dir.resolve("proxy") + ";\n"
                + "  server {\n"
                + "    listen " + listen + " ssl;\n"
                + "    server_name relay.lync.test;\n"
                + "    ssl_certificate " + pem.fullChain() + ";\n"
                + "    ssl_certificate_key " + pem.privateKey() + ";\n"
                + "    ssl_protocols TLSv1.2 TLSv1.3;\n"
                + "    location / { " + location + " }\n"
                + "  }\n"
                + "}\n";
    }

    /** Builds and starts {@link Nginx}. */
    public static final class Builder extends ListenerBuilder<Builder> {
        private IssuedCertificate certificate;
        private String page;

        private Builder() {
            super(Duration.ofSeconds(20));
        }

        /** The certificate to present; default a relay leaf from a fresh "Lab Public Root CA". */
        public Builder certificate(IssuedCertificate certificate) {
            this.certificate = certificate;
            return this;
        }

        /**
         * The HTML page {@code GET /} returns (default: a line of plain text): a real web server's page, for tests
         * of what a report makes of a page's title and headers.
         */
        public Builder page(String html) {
            this.page = html;
            return this;
        }

        /**
         * Writes the configuration, starts nginx and waits until it accepts connections.
         *
         * @throws PeerUnavailableException when nginx is not installed
         * @throws PeerStartException when it does not listen before the deadline
         */
        public Nginx start() {
            Path nginx = Binaries.require("nginx", "nginx-light");
            IssuedCertificate cert = certificate != null ? certificate : OpensslServer.defaultRelayCertificate();
            int p = chosenPort();
            Path dir = ManagedProcess.createWorkDir("nginx");
            PemFiles pem = cert.writePem(dir, "leaf");
            Path conf = dir.resolve("nginx.conf");
            try {
                Files.writeString(conf, config(dir, Loopback.hostPort(bind, p), pem, page));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ManagedProcess mp = ManagedProcess.start("nginx", List.of(nginx.toString(), "-p", dir.toString(),
                    "-c", conf.toString(), "-e", dir.resolve("error.log").toString()), dir, true);
            TransportAddress addr = awaitListening(mp, p);
            return new Nginx(mp, addr, cert);
        }
    }
}
