package io.mediapath.lab.peers;

import io.mediapath.ice.TransportAddress;
import io.mediapath.lab.pki.IssuedCertificate;
import io.mediapath.lab.pki.LabCa;
import io.mediapath.lab.pki.PemFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * {@code openssl s_server} as a genuine TLS server (the relay's stand-in): it presents a leaf issued by a lab CA
 * standing for the public PKI, and answers HTTP requests with its status page ({@code -www}).
 *
 * <p>Command: {@code openssl s_server -accept 127.0.0.1:PORT -cert leaf.crt -key leaf.key -cert_chain
 * leaf-issuers.crt -www -quiet}.
 */
public final class OpensslServer extends ProcessPeer {

    private final IssuedCertificate certificate;

    private OpensslServer(ManagedProcess process, TransportAddress address, IssuedCertificate certificate) {
        super(process, address);
        this.certificate = certificate;
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A genuine-looking leaf for {@code relay.lync.test} and 127.0.0.1 ({@code O=Genuine Relay Inc}) issued by
     * {@code publicPki}.
     */
    public static IssuedCertificate relayCertificate(LabCa publicPki) {
        return publicPki.issue(new X500Principal("CN=relay.lync.test,O=Genuine Relay Inc"), Duration.ofDays(30),
                "relay.lync.test", "127.0.0.1");
    }

    /** {@link #relayCertificate} from a fresh "Lab Public Root CA": what the TLS server launchers present by default. */
    static IssuedCertificate defaultRelayCertificate() {
        return relayCertificate(LabCa.builder().subject("CN=Lab Public Root CA,O=Lab PKI").build());
    }

    /** The certificate (and chain) the server presents. */
    public IssuedCertificate certificate() {
        return certificate;
    }

    @Override
    public String toString() {
        return "OpensslServer[" + address + ", " + process + "]";
    }

    /** Builds and starts an {@link OpensslServer}. */
    public static final class Builder extends ListenerBuilder<Builder> {
        private IssuedCertificate certificate;

        private Builder() {
            super(Duration.ofSeconds(20));
        }

        /** The certificate to present; default {@link #relayCertificate} from a fresh "Lab Public Root CA". */
        public Builder certificate(IssuedCertificate certificate) {
            this.certificate = certificate;
            return this;
        }

        /**
         * Starts the server and waits until it accepts connections.
         *
         * @throws PeerUnavailableException when openssl is not installed
         * @throws PeerStartException when it does not listen before the deadline
         */
        public OpensslServer start() {
            Path openssl = Binaries.require("openssl", "openssl");
            IssuedCertificate cert = certificate != null ? certificate : defaultRelayCertificate();
            int p = chosenPort();
            Path dir = ManagedProcess.createWorkDir("openssl");
            PemFiles pem = cert.writePem(dir, "leaf");
            ManagedProcess mp = ManagedProcess.start("openssl-s_server", List.of(openssl.toString(), "s_server",
                    "-accept", Loopback.hostPort(bind, p), "-cert", pem.certificate().toString(),
                    "-key", pem.privateKey().toString(), "-cert_chain", pem.issuers().toString(), "-www", "-quiet"),
                    dir, true);
            TransportAddress addr = awaitListening(mp, p);
            return new OpensslServer(mp, addr, cert);
        }
    }
}
