package io.mediapath.lab.netns;

import io.mediapath.lab.peers.ManagedProcess;
import io.mediapath.lab.peers.PeerStartException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What every namespace topology of the lab does with its namespaces: run a command in one with a deadline, build a
 * {@code java} command line that sees the lab, and tear the namespaces down. One place, so the topologies differ
 * only in the network they build.
 */
final class NetnsCommands {

    private NetnsCommands() {
    }

    /**
     * Runs {@code ip netns exec NS command…}, output captured in temp files under {@code dir}; at {@code timeout}
     * the command and its children are killed and the exit code is -1.
     */
    static ExecResult exec(Path ip, Path dir, String ns, Duration timeout, List<String> command) {
        List<String> cmd = new ArrayList<>(List.of(ip.toString(), "netns", "exec", ns));
        cmd.addAll(command);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile(dir, "exec", ".out");
            err = Files.createTempFile(dir, "exec", ".err");
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            int code;
            if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                code = p.exitValue();
            } else {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                code = -1;
            }
            return new ExecResult(code, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerStartException("interrupted: " + cmd);
        } finally {
            try {
                if (out != null) {
                    Files.deleteIfExists(out);
                }
                if (err != null) {
                    Files.deleteIfExists(err);
                }
            } catch (IOException ignored) {
                // temp files in the topology's own work directory, removed with it on close()
            }
        }
    }

    /** {@code java -Xmx… -cp <the lab's class path> mainClass args…}, for a Java main run inside a namespace. */
    static List<String> java(String maxHeap, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-XX:TieredStopAtLevel=1", "-cp", NetnsSeedTopology.classPath(),
                Objects.requireNonNull(mainClass)));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * Deletes the namespaces (their links and iptables rules go with them) and the work directory, going on past
     * a failure so one leftover does not keep the others.
     */
    static void deleteAll(Path ip, List<String> namespaces, Path dir) {
        for (String ns : namespaces) {
            try {
                ManagedProcess.run(Duration.ofSeconds(20), List.of(ip.toString(), "netns", "del", ns));
            } catch (RuntimeException e) {
                // keep deleting the others; a leftover is named after the test's pid for manual cleanup
            }
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
