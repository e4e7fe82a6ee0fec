package io.mediapath.lab.peers;

import io.mediapath.ice.TransportAddress;
import io.mediapath.lab.pki.LabCa;
import io.mediapath.lab.pki.PemFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * sslsplit as a forging TLS interceptor with a static upstream: it dials the upstream, copies the upstream
 * leaf's subject and names into a leaf signed by the lab CA (validity now-24h for a year), and logs each
 * connection with the SHA-1 of the original and the forged certificate.
 *
 * <p>Command: {@code sslsplit -k ca.key -c ca.crt -l logs/connect.log ssl 127.0.0.1 PORT UPHOST UPPORT}. As root it
 * drops privileges to {@code nobody} and forks a child; both are stopped on {@link #close()}.
 */
public final class Sslsplit extends ProcessPeer {

    private final TransportAddress upstream;
    private final LabCa ca;
    private final Path connectLog;

    private Sslsplit(ManagedProcess process, TransportAddress address, TransportAddress upstream, LabCa ca,
            Path connectLog) {
        super(process, address);
        this.upstream = upstream;
        this.ca = ca;
        this.connectLog = connectLog;
    }

    /** Starts a builder; {@link Builder#upstream} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The CA that signs the forged leaves. */
    public LabCa ca() {
        return ca;
    }

    /** The upstream sslsplit dials. */
    public TransportAddress upstream() {
        return upstream;
    }

    /** sslsplit's connect log ({@code -l}). */
    public Path connectLog() {
        return connectLog;
    }

    /** The connect log's lines so far (empty when not yet written). */
    public List<String> connectLogLines() {
        try {
            return Files.exists(connectLog) ? Files.readAllLines(connectLog, StandardCharsets.ISO_8859_1) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "Sslsplit[" + address + " -> " + upstream + ", " + process + "]";
    }

    /** Creates the logs directory sslsplit writes to after dropping to {@code nobody}. */
    static Path logsDir(Path dir) {
        try {
            Path logs = Files.createDirectories(dir.resolve("logs"));
            Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxrwxrwx"));
            return logs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds and starts {@link Sslsplit}. */
    public static final class Builder extends ListenerBuilder<Builder> {
        private TransportAddress upstream;
        private LabCa ca;
        private String protocol;

        private Builder() {
            super(Duration.ofSeconds(20));
        }

        /** The server sslsplit dials for every connection (loopback). */
        public Builder upstream(TransportAddress upstream) {
            Loopback.check(upstream.host());
            this.upstream = upstream;
            return this;
        }

        /**
         * Speak only this protocol version to clients ({@code tls10}, {@code tls11} or {@code tls12}; sslsplit's
         * {@code -r}): over TLS 1.2 the forged chain crosses the wire in the clear, where a capture can read it.
         */
        public Builder onlyProtocol(String protocol) {
            if (!List.of("tls10", "tls11", "tls12").contains(protocol)) {
                throw new IllegalArgumentException("protocol: " + protocol + " (expected: tls10, tls11 or tls12)");
            }
            this.protocol = protocol;
            return this;
        }

        /** The interception CA; default a fresh "Lab Interception Root CA". */
        public Builder ca(LabCa ca) {
            this.ca = Objects.requireNonNull(ca, "ca");
            return this;
        }

        /**
         * Starts sslsplit and waits until it accepts connections.
         *
         * @throws PeerUnavailableException when sslsplit is not installed
         * @throws PeerStartException when it does not listen before the deadline
         */
        public Sslsplit start() {
            Objects.requireNonNull(upstream, "upstream");
            Path sslsplit = Binaries.require("sslsplit", "sslsplit");
            LabCa c = ca != null ? ca : interceptionCa();
            int p = chosenPort();
            Path dir = ManagedProcess.createWorkDir("sslsplit");
            PemFiles pem = c.writePem(dir, "ca");
            Path connectLog = logsDir(dir).resolve("connect.log");
            List<String> args = new java.util.ArrayList<>(List.of(sslsplit.toString(),
                    "-k", pem.privateKey().toString(), "-c", pem.certificate().toString(),
                    "-l", connectLog.toString()));
            if (protocol != null) {
                args.addAll(List.of("-r", protocol));
            }
            args.addAll(List.of("ssl", bind.getHostAddress(), Integer.toString(p), upstream.host(),
                    Integer.toString(upstream.port())));
            ManagedProcess mp = ManagedProcess.start("sslsplit", args, dir, true);
            TransportAddress addr = awaitListening(mp, p);
            return new Sslsplit(mp, addr, upstream, c, connectLog);
        }
    }

    /** The recipe's interception CA subject (CN=Lab Interception Root CA, O=tls-inspect lab proxy, OU=SSL Inspection). */
    static LabCa interceptionCa() {
        return LabCa.builder().subject("CN=Lab Interception Root CA,O=tls-inspect lab proxy,OU=SSL Inspection").build();
    }
}
