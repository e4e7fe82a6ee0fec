package io.mediapath.lab.peers;

import io.mediapath.ice.TransportAddress;
import io.mediapath.lab.pki.LabCa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * mitmproxy 8 ({@code mitmdump}) in reverse mode (the client talks TLS straight to it and it dials the upstream,
 * a "transparent-like" interceptor) or in regular mode (an explicit proxy that answers CONNECT).
 *
 * <p>Commands: {@code mitmdump --set confdir=DIR --mode reverse:https://UPHOST:UPPORT --listen-host 127.0.0.1
 * --listen-port PORT --ssl-insecure}, or the same with {@code --mode regular}. With a lab CA, {@code
 * DIR/mitmproxy-ca.pem} holds its key and certificate; without one, mitmproxy generates its own
 * {@code CN=mitmproxy, O=mitmproxy} CA there (the real product's signature), read back by {@link #caCertificate()}.
 */
public final class Mitmproxy extends ProcessPeer {

    private final TransportAddress upstream;
    private final LabCa ca;

    private Mitmproxy(ManagedProcess process, TransportAddress address, TransportAddress upstream, LabCa ca) {
        super(process, address);
        this.upstream = upstream;
        this.ca = ca;
    }

    /** A builder for reverse mode towards {@code upstream} (an https server). */
    public static Builder reverse(TransportAddress upstream) {
        Loopback.check(upstream.host());
        return new Builder(upstream);
    }

    /** A builder for regular (explicit proxy) mode. */
    public static Builder explicit() {
        return new Builder(null);
    }

    /** The upstream in reverse mode; null in explicit mode. */
    public TransportAddress upstream() {
        return upstream;
    }

    /** Whether this instance runs in reverse mode. */
    public boolean isReverse() {
        return upstream != null;
    }

    /**
     * The CA certificate mitmproxy signs with: the lab CA given to the builder, or the one mitmproxy generated in
     * its confdir.
     */
    public X509Certificate caCertificate() {
        if (ca != null) {
            return ca.certificate();
        }
        return LabCa.readCertificates(process.workDir().resolve("mitmproxy-ca-cert.pem")).get(0);
    }

    @Override
    public String toString() {
        return "Mitmproxy[" + (isReverse() ? "reverse to " + upstream : "explicit") + " on " + address + ", "
                + process + "]";
    }

    /** Builds and starts {@link Mitmproxy}. */
    public static final class Builder extends ListenerBuilder<Builder> {
        private final TransportAddress upstream;
        private LabCa ca;

        private Builder(TransportAddress upstream) {
            super(Duration.ofSeconds(60)); // mitmdump is a Python program, slow to start
            this.upstream = upstream;
        }

        /** Sign with this lab CA instead of mitmproxy's own generated one. */
        public Builder ca(LabCa ca) {
            this.ca = Objects.requireNonNull(ca, "ca");
            return this;
        }

        /**
         * Starts mitmdump and waits until it accepts connections.
         *
         * @throws PeerUnavailableException when mitmproxy is not installed
         * @throws PeerStartException when it does not listen before the deadline
         */
        public Mitmproxy start() {
            Path mitmdump = Binaries.require("mitmdump", "mitmproxy");
            int p = chosenPort();
            Path dir = ManagedProcess.createWorkDir("mitmproxy");
            if (ca != null) {
                try {
                    Files.writeString(dir.resolve("mitmproxy-ca.pem"), ca.keyAndCertificatePem());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            List<String> cmd = new ArrayList<>(List.of(mitmdump.toString(), "--set", "confdir=" + dir,
                    "--mode", upstream != null ? "reverse:https://" + Loopback.hostPort(
                            Loopback.check(upstream.host()), upstream.port()) : "regular",
                    "--listen-host", bind.getHostAddress(), "--listen-port", Integer.toString(p), "--ssl-insecure"));
            ManagedProcess mp = ManagedProcess.start("mitmdump", cmd, dir, true);
            TransportAddress addr = awaitListening(mp, p);
            return new Mitmproxy(mp, addr, upstream, ca);
        }
    }
}
