package io.mediapath.lab.peers;

import io.mediapath.ice.TransportAddress;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * What the builders of the TCP-listening launchers share: the loopback address and port to listen on, how long to
 * wait for the process to listen, and the wait itself. {@code B} is the concrete builder, so the setters chain.
 *
 * @param <B> the concrete builder
 */
abstract class ListenerBuilder<B extends ListenerBuilder<B>> {
    InetAddress bind = Loopback.check("127.0.0.1");
    int port;
    Duration startTimeout;

    ListenerBuilder(Duration defaultStartTimeout) {
        this.startTimeout = defaultStartTimeout;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Listening address, 127.0.0.0/8 or ::1; default 127.0.0.1. */
    public B bindAddress(String address) {
        this.bind = Loopback.check(address);
        return self();
    }

    /** Listening port; 0 (default) picks a free one. */
    public B port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0 ~ 65535)");
        }
        this.port = port;
        return self();
    }

    /** How long to wait for the process to listen; default 20 s (60 s for mitmdump, a Python program). */
    public B startTimeout(Duration timeout) {
        this.startTimeout = timeout;
        return self();
    }

    /** The port to listen on: the one set, or a free one on the bind address. */
    int chosenPort() {
        return port != 0 ? port : FreePorts.tcp(bind);
    }

    /** Waits until {@code mp} accepts connections on {@code p} of the bind address; that address. */
    TransportAddress awaitListening(ManagedProcess mp, int p) {
        TransportAddress addr = new TransportAddress(bind.getHostAddress(), p);
        mp.awaitTcp(List.of(Loopback.socket(addr)), startTimeout);
        return addr;
    }
}
