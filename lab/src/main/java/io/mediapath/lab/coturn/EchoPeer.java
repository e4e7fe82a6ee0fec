package io.mediapath.lab.coturn;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * coturn's UDP echo peer ({@code turnutils_peer -L 127.0.0.1 -p PORT}) on a free loopback port, started by PID and
 * ready when it has echoed a probe datagram.
 */
public final class EchoPeer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path dir;
    private final InetAddress ip;

    private EchoPeer(Process process, int port, Path dir, InetAddress ip) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.ip = ip;
    }

    /**
     * Starts the peer and waits (at most 10 s) until it echoes.
     *
     * @throws IllegalStateException when {@code turnutils_peer} is missing (message names the install command)
     */
    public static EchoPeer start() {
        return start("127.0.0.1");
    }

    /**
     * Starts the peer on a loopback address ({@code 127.0.0.1} or {@code ::1}; anything else is refused) and waits
     * (at most 10 s) until it echoes.
     */
    public static EchoPeer start(String loopbackIp) {
        InetAddress ip;
        try {
            ip = InetAddress.getByName(loopbackIp);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + loopbackIp, e);
        }
        if (!ip.isLoopbackAddress()) {
            throw new IllegalArgumentException("not a loopback address: " + loopbackIp);
        }
        Path bin = Coturn.binary("turnutils_peer");
        Path dir = null;
        Process p = null;
        try {
            dir = Files.createTempDirectory("mediapath-peer-");
            int port = Coturn.freePort();
            p = new ProcessBuilder(bin.toString(), "-L", ip.getHostAddress(), "-p", String.valueOf(port))
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("peer.log").toFile())
                    .start();
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(ip, 0))) {
                s.setSoTimeout(200);
                byte[] probe = "mediapath-echo-probe".getBytes(StandardCharsets.US_ASCII);
                while (true) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("turnutils_peer exited " + p.exitValue());
                    }
                    if (System.nanoTime() > end) {
                        throw new IllegalStateException("turnutils_peer did not echo on " + ip.getHostAddress() + ":" + port);
                    }
                    s.send(new DatagramPacket(probe, probe.length, ip, port));
                    DatagramPacket in = new DatagramPacket(new byte[256], 256);
                    try {
                        s.receive(in);
                        if (Arrays.equals(Arrays.copyOf(in.getData(), in.getLength()), probe)) {
                            return new EchoPeer(p, port, dir, ip);
                        }
                    } catch (SocketTimeoutException | java.net.PortUnreachableException notYet) {
                        // not listening yet
                    }
                }
            }
        } catch (IOException e) {
            if (p != null) {
                Coturn.stop(p);
            }
            Coturn.deleteTree(dir);
            throw new IllegalStateException("cannot start turnutils_peer: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (p != null) {
                Coturn.stop(p);
            }
            Coturn.deleteTree(dir);
            throw e;
        }
    }

    /** The peer's address. */
    public InetSocketAddress address() {
        return new InetSocketAddress(ip, port);
    }

    /** The peer's port. */
    public int port() {
        return port;
    }

    /** Stops the peer. */
    @Override
    public void close() {
        Coturn.stop(process);
        Coturn.deleteTree(dir);
    }

    /** Waits for the process to end (for tests), bounded. */
    boolean awaitExit(Duration d) throws InterruptedException {
        return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
    }
}
