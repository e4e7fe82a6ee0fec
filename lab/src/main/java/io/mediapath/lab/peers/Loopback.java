package io.mediapath.lab.peers;

import io.mediapath.ice.TransportAddress;
import io.mediapath.lab.netns.NetworkNamespace;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Address checks shared by the launchers: peers listen on 127.0.0.0/8 or ::1 only. */
final class Loopback {

    private Loopback() {
    }

    static InetAddress check(String host) {
        InetAddress a;
        try {
            a = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bind address: " + host + " (expected: an IP literal)", e);
        }
        if (!NetworkNamespace.isLoopback(a)) {
            throw new IllegalArgumentException("bind address: " + host
                    + " (expected: 127.0.0.0/8 or ::1; peers never listen anywhere else)");
        }
        return a;
    }

    static String hostPort(InetAddress a, int port) {
        return (a.getHostAddress().indexOf(':') >= 0 ? "[" + a.getHostAddress() + "]" : a.getHostAddress()) + ":" + port;
    }

    static InetSocketAddress socket(TransportAddress t) {
        return new InetSocketAddress(t.host(), t.port());
    }
}
