package io.mediapath.lab.peers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code tcpdump} recording a test's own traffic into a capture file: started by PID, ready once it prints
 * "listening on", stopped by {@link #close()} (SIGTERM, which makes tcpdump flush and close the file). Filter on the
 * test's ephemeral ports so parallel tests on the machine do not end up in the capture.
 *
 * <p>Command: {@code tcpdump -i IFACE -U --immediate-mode -n -s 0 -w FILE FILTER}. Needs root (or CAP_NET_RAW).
 */
public final class Tcpdump implements AutoCloseable {

    private final ManagedProcess process;
    private final Path file;

    private Tcpdump(ManagedProcess process, Path file) {
        this.process = process;
        this.file = file;
    }

    /**
     * Starts recording {@code iface} (e.g. {@code lo}, {@code any}) into {@code file} with a BPF {@code filter}
     * (e.g. {@code tcp port 40123}) and waits until tcpdump listens.
     *
     * @throws PeerUnavailableException when tcpdump is not installed
     * @throws PeerStartException when it does not start listening within 10 s
     */
    public static Tcpdump start(String iface, Path file, String filter) {
        Objects.requireNonNull(filter, "filter");
        Path tcpdump = Binaries.require("tcpdump", "tcpdump");
        Path dir = ManagedProcess.createWorkDir("tcpdump");
        List<String> cmd = new ArrayList<>(List.of(tcpdump.toString(), "-i", iface, "-U", "--immediate-mode", "-n", "-s", "0",
                "-w", file.toAbsolutePath().toString()));
        // Run as root: tcpdump would otherwise drop to the "tcpdump" user, which cannot write the test's directory.
        cmd.addAll(List.of("-Z", "root"));
        cmd.add(filter);
        ManagedProcess p = ManagedProcess.start("tcpdump", cmd, dir, true);
        p.awaitCondition("listening", () -> p.logTail(2000).contains("listening on"), Duration.ofSeconds(10));
        return new Tcpdump(p, file);
    }

    /** The capture file (complete after {@link #close()}). */
    public Path file() {
        return file;
    }

    /** The tcpdump process. */
    public ManagedProcess process() {
        return process;
    }

    /**
     * Stops tcpdump after a short pause (so packets still in the kernel's buffer are written) and waits for it to
     * exit; the file is then complete.
     */
    @Override
    public void close() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.close();
        if (!Files.isRegularFile(file)) {
            throw new PeerStartException("tcpdump wrote no file " + file + "; log:\n" + process.logTail(2000));
        }
    }

    @Override
    public String toString() {
        return "Tcpdump[" + file + ", " + process + "]";
    }
}
