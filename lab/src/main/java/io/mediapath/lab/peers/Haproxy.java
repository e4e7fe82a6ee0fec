package io.mediapath.lab.peers;

import io.mediapath.ice.TransportAddress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * HAProxy in TCP mode (layer 4) in front of an upstream: it forwards bytes and looks at none of them, like the load
 * balancers and NATs that sit in front of real Edges. A relay behind it must still read as genuine.
 *
 * <p>Command: {@code haproxy -db -f DIR/haproxy.cfg} (foreground, no daemon; pid known to the launcher).
 */
public final class Haproxy extends ProcessPeer {

    private final TransportAddress upstream;

    private Haproxy(ManagedProcess process, TransportAddress address, TransportAddress upstream) {
        super(process, address);
        this.upstream = upstream;
    }

    /** Starts a builder forwarding to {@code upstream} (a loopback address). */
    public static Builder tcp(TransportAddress upstream) {
        return new Builder(upstream);
    }

    /** Where it forwards to. */
    public TransportAddress upstream() {
        return upstream;
    }

    @Override
    public String toString() {
        return "Haproxy[" + address + " → " + upstream + ", " + process + "]";
    }

    static String config(String listen, TransportAddress upstream) {
        return "global\n"
                + "  maxconn 256\n"
                + "defaults\n"
                + "  mode tcp\n"
                + "  timeout connect 5s\n"
                + "  timeout client 60s\n"
                + "  timeout server 60s\n"
                + "frontend relay\n"
                + "  bind " + listen + "\n"
                + "  default_backend edge\n"
                + "backend edge\n"
                + "  server edge " + upstream + "\n";
    }

    /** Builds and starts {@link Haproxy}. */
    public static final class Builder extends ListenerBuilder<Builder> {
        private final TransportAddress upstream;

        private Builder(TransportAddress upstream) {
            super(Duration.ofSeconds(20));
            this.upstream = Objects.requireNonNull(upstream, "upstream");
        }

        /**
         * Writes the configuration, starts haproxy and waits until it accepts connections.
         *
         * @throws PeerUnavailableException when haproxy is not installed
         * @throws PeerStartException when it does not listen before the deadline
         */
        public Haproxy start() {
            Path haproxy = Binaries.require("haproxy", "haproxy");
            int p = chosenPort();
            Path dir = ManagedProcess.createWorkDir("haproxy");
            Path conf = dir.resolve("haproxy.cfg");
            try {
                Files.writeString(conf, config(Loopback.hostPort(bind, p), upstream));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ManagedProcess mp = ManagedProcess.start("haproxy", List.of(haproxy.toString(), "-db", "-f",
                    conf.toString()), dir, true);
            TransportAddress addr = awaitListening(mp, p);
            return new Haproxy(mp, addr, upstream);
        }
    }
}
