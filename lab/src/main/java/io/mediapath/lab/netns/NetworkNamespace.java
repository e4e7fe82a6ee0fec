package io.mediapath.lab.netns;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Facts about the network namespace this JVM runs in, used to decide where lab servers may bind.
 *
 * <p>The lab binds only to 127.0.0.0/8 and ::1 on the host, and to any address inside a private network
 * namespace a test created (where 10.x and 192.0.2.x addresses exist only inside that namespace).
 */
public final class NetworkNamespace {

    private NetworkNamespace() {
    }

    /**
     * True when this process runs in a network namespace other than the host's: one registered under
     * {@code /run/netns} (created by {@code ip netns add}, as {@link NetnsSeedTopology} does), or, when PID 1's
     * namespace is readable, any namespace other than PID 1's (for example under {@code unshare -n}). False when it
     * cannot be determined.
     */
    public static boolean isPrivate() {
        String self;
        try {
            self = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
        try {
            String init = Files.readSymbolicLink(Path.of("/proc/1/ns/net")).toString();
            if (!self.equals(init)) {
                return true;
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // containers often hide PID 1's namespaces; fall back on the named namespaces
        }
        Path named = Path.of("/run/netns");
        if (!Files.isDirectory(named) || !self.startsWith("net:[")) {
            return false;
        }
        String inode = self.substring(5, self.length() - 1);
        try (var list = Files.list(named)) {
            return list.anyMatch(p -> {
                try {
                    return inode.equals(String.valueOf(Files.getAttribute(p, "unix:ino")));
                } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
                    return false;
                }
            });
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** True when this process's effective uid is 0 (read from /proc/self/status; false when unknown). */
    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] f = line.substring(4).trim().split("\\s+");
                    return f.length > 1 && f[1].equals("0");
                }
            }
        } catch (IOException | SecurityException e) {
            return false;
        }
        return false;
    }

    /** True for 127.0.0.0/8 and ::1. */
    public static boolean isLoopback(InetAddress address) {
        return address.isLoopbackAddress() && (address instanceof Inet4Address || address.getHostAddress().equals("0:0:0:0:0:0:0:1"));
    }

    /**
     * Checks that a lab server may bind {@code address}: loopback always; anything else only from inside a
     * private network namespace; never the wildcard address.
     *
     * @throws IllegalArgumentException naming the rule when the address is refused
     */
    public static InetAddress checkBindable(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            throw new IllegalArgumentException("bind address: " + address.getHostAddress()
                    + " (expected: 127.0.0.0/8 or ::1; the wildcard address would expose the lab)");
        }
        if (isLoopback(address) || isPrivate()) {
            return address;
        }
        throw new IllegalArgumentException("bind address: " + address.getHostAddress()
                + " (expected: 127.0.0.0/8 or ::1 on the host; other addresses only inside a network namespace the"
                + " test created)");
    }
}
