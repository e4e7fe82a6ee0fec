package io.mediapath.lab.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Free TCP ports for peers that need a port number before they start: probe with a {@link ServerSocket} on port 0,
 * then release it. A port handed out is not handed out again by this JVM, so peers started in parallel do not get
 * the same one.
 */
public final class FreePorts {

    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    /** A free TCP port on 127.0.0.1. */
    public static int tcp() {
        return tcp(InetAddress.getLoopbackAddress());
    }

    /** A free TCP port on {@code address} (which must be loopback). */
    public static synchronized int tcp(InetAddress address) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(false);
                s.bind(new InetSocketAddress(address, 0));
                int port = s.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free port on " + address, e);
            }
        }
        throw new IllegalStateException("no free port on " + address + " after 50 attempts");
    }
}
