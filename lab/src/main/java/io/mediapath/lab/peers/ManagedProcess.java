package io.mediapath.lab.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A child process the lab started and owns: known by PID, output in a log file inside its own temporary work
 * directory, awaited with a deadline, and stopped reliably by {@link #close()} (SIGTERM to it and its
 * descendants, wait with a deadline, then SIGKILL). A JVM shutdown hook stops whatever is still running.
 *
 * <p>The peer launchers of this package use it; tests can use it for other programs too.
 */
public final class ManagedProcess implements AutoCloseable {

    private static final Set<ManagedProcess> LIVE = ConcurrentHashMap.newKeySet();
    private static final boolean KEEP = Boolean.getBoolean("mediapath.lab.keep");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(LIVE).forEach(ManagedProcess::close),
                "mediapath-lab-peers-shutdown"));
    }

    private final String name;
    private final Process process;
    private final Path workDir;
    private final Path log;
    private final boolean ownsWorkDir;
    private final Duration stopGrace;
    private volatile boolean closed;

    private ManagedProcess(String name, Process process, Path workDir, Path log, boolean ownsWorkDir,
            Duration stopGrace) {
        this.name = name;
        this.process = process;
        this.workDir = workDir;
        this.log = log;
        this.ownsWorkDir = ownsWorkDir;
        this.stopGrace = stopGrace;
    }

    /**
     * Creates a temporary work directory (mode 755, so peers that drop privileges to {@code nobody} or
     * {@code proxy} can traverse it) named after the peer.
     */
    public static Path createWorkDir(String peerName) {
        try {
            Path dir = Files.createTempDirectory("mediapath-lab-" + peerName + "-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory for " + peerName, e);
        }
    }

    /**
     * Starts {@code command} in {@code workDir}, stdout and stderr appended to {@code workDir/<name>.log}, stdin an
     * open pipe (some servers exit on EOF).
     *
     * @param ownsWorkDir whether {@link #close()} deletes the work directory (unless
     *     {@code -Dmediapath.lab.keep=true})
     */
    public static ManagedProcess start(String name, List<String> command, Path workDir, boolean ownsWorkDir) {
        Objects.requireNonNull(name, "name");
        Path log = workDir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            Process p = pb.start();
            ManagedProcess mp = new ManagedProcess(name, p, workDir, log, ownsWorkDir, Duration.ofSeconds(10));
            LIVE.add(mp);
            return mp;
        } catch (IOException e) {
            throw new PeerStartException("cannot start " + name + ": " + String.join(" ", command) + ": " + e.getMessage());
        }
    }

    /** Runs a short helper command to completion (for setup steps), failing loudly on a non-zero exit. */
    public static String run(Duration timeout, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out;
            // The helper commands we run print little (well under a pipe buffer), so reading after exit is safe.
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new PeerStartException("timed out after " + timeout + ": " + String.join(" ", command));
            }
            out = p.getInputStream().readAllBytes();
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new PeerStartException("exit " + p.exitValue() + ": " + String.join(" ", command) + "\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new PeerStartException("cannot run " + String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerStartException("interrupted: " + String.join(" ", command));
        }
    }

    /** The name given at start (used for the log file and messages). */
    public String name() {
        return name;
    }

    /** The process id. */
    public long pid() {
        return process.pid();
    }

    /** The work directory. */
    public Path workDir() {
        return workDir;
    }

    /** The log file holding the process's stdout and stderr. */
    public Path log() {
        return log;
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last {@code maxChars} characters of the log (empty when unreadable). */
    public String logTail(int maxChars) {
        try {
            String s = Files.readString(log, StandardCharsets.ISO_8859_1);
            return s.length() <= maxChars ? s : s.substring(s.length() - maxChars);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Waits until every address accepts a TCP connection, polling every 50 ms.
     *
     * @throws PeerStartException when the deadline passes or the process exits first; stops the process
     */
    public void awaitTcp(List<InetSocketAddress> addresses, Duration timeout) {
        awaitCondition("listening on " + addresses, () -> addresses.stream().allMatch(ManagedProcess::accepts),
                timeout);
    }

    /**
     * Waits until {@code ready} is true, polling every 50 ms.
     *
     * @throws PeerStartException when the deadline passes or the process exits first; stops the process
     */
    public void awaitCondition(String what, BooleanSupplier ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                String tail = logTail(4000);
                close();
                throw new PeerStartException(name + " exited with " + process.exitValue() + " before " + what
                        + "; log:\n" + tail);
            }
            if (ready.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                String tail = logTail(4000);
                close();
                throw new PeerStartException(name + " not " + what + " within " + timeout + "; log:\n" + tail);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new PeerStartException("interrupted while waiting for " + name);
            }
        }
    }

    static boolean accepts(InetSocketAddress address) {
        try (Socket s = new Socket()) {
            s.connect(address, 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Stops the process and its descendants: SIGTERM, wait up to the grace period (10 s), then SIGKILL and wait
     * up to 5 s more; deletes the work directory when owned. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LIVE.remove(this);
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().collect(Collectors.toList()));
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            for (ProcessHandle h : tree) {
                while (h.isAlive() && System.nanoTime() - deadline < 0) {
                    Thread.sleep(20);
                }
                if (h.isAlive()) {
                    h.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
        if (ownsWorkDir && !KEEP) {
            deleteTree(workDir);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: a leftover temp directory is harmless, a failing close() is not
        }
    }

    @Override
    public String toString() {
        return name + "[pid " + process.pid() + "]";
    }
}
