package io.mediapath.lab.peers;

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
import java.util.stream.Stream;

/**
 * Headless Chromium (Debian {@code chromium}) rendering one local HTML file: the DOM after parsing and layout
 * ({@code --dump-dom}), a screenshot ({@code --screenshot}), and every message the page wrote to the console (CSP
 * violations, script errors), read from Chromium's log on stderr. One run per page, in a fresh profile directory
 * that is deleted afterwards; no network (QUIC, background networking, component updates and sync off), killed by
 * PID with its child processes when it overruns its deadline.
 *
 * <p>Command: {@code chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run
 * --disable-background-networking --disable-component-update --disable-sync --user-data-dir=DIR
 * --enable-logging=stderr --v=0 --hide-scrollbars --window-size=W,H --screenshot=PNG --dump-dom file://PAGE}.
 */
public final class Chromium {

    /**
     * What Chromium made of a page.
     *
     * @param dom        the serialised DOM after parsing ({@code --dump-dom})
     * @param console    every console message the page produced (one line each), empty when clean
     * @param screenshot the PNG written
     * @param log        Chromium's stderr, for failure messages
     */
    public record Rendering(String dom, List<String> console, Path screenshot, String log) {
        public Rendering {
            Objects.requireNonNull(dom, "dom");
            console = List.copyOf(console);
            Objects.requireNonNull(screenshot, "screenshot");
            Objects.requireNonNull(log, "log");
        }
    }

    private Chromium() {
    }

    /**
     * Renders {@code page} at {@code width}×{@code height} CSS pixels into {@code screenshot}.
     *
     * @throws PeerUnavailableException when chromium is not installed
     * @throws PeerStartException when it fails, writes no screenshot, or overruns {@code timeout}
     */
    public static Rendering render(Path page, Path screenshot, int width, int height, Duration timeout) {
        Path chromium = Binaries.require("chromium", "chromium");
        Path work = ManagedProcess.createWorkDir("chromium");
        try {
            Path out = work.resolve("dom.html");
            Path err = work.resolve("chromium.log");
            Files.deleteIfExists(screenshot);
            List<String> cmd = List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--user-data-dir=" + work.resolve("profile"), "--enable-logging=stderr", "--v=0",
                    "--hide-scrollbars", "--window-size=" + width + "," + height,
                    "--screenshot=" + screenshot.toAbsolutePath(), "--dump-dom",
                    page.toAbsolutePath().toUri().toString());
            Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            p.getOutputStream().close();
            boolean done;
            try {
                done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done = false;
            }
            if (!done) {
                // this process and the renderer/zygote children it started, by PID
                p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new PeerStartException("chromium did not finish within " + timeout + " rendering " + page
                        + "; log:\n" + tail(err));
            }
            String log = Files.readString(err, StandardCharsets.UTF_8);
            if (p.exitValue() != 0 || !Files.isRegularFile(screenshot)) {
                throw new PeerStartException("chromium exit " + p.exitValue() + " rendering " + page + " (screenshot "
                        + (Files.isRegularFile(screenshot) ? "written" : "missing") + "); log:\n" + tail(err));
            }
            List<String> console = new ArrayList<>();
            for (String line : log.split("\n")) {
                if (line.contains(":CONSOLE")) {
                    console.add(line);
                }
            }
            return new Rendering(Files.readString(out, StandardCharsets.UTF_8), console, screenshot, log);
        } catch (IOException e) {
            throw new PeerStartException("cannot run chromium on " + page + ": " + e.getMessage());
        } finally {
            delete(work);
        }
    }

    private static String tail(Path log) {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8);
            return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    // a profile file chromium still held: the temp dir is the OS's to clean
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // as above
        }
    }
}
