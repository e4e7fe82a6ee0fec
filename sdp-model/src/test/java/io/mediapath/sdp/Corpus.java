package io.mediapath.sdp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the shared corpus where it lies (../shared next to the repository), failing loudly when it is absent. */
final class Corpus {
    private Corpus() {
    }

    static Path root() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("corpus");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/corpus not found above " + dir
                + " (expected the shared directory next to the repository)");
    }

    static Path sdp(String name) {
        return root().resolve("sdp").resolve(name);
    }

    static Path lync(String name) {
        return root().resolve("lync").resolve(name);
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file of corpus/sdp (except SOURCES.md) and every .sdp of corpus/lync. */
    static List<Path> allSdpFiles() {
        try (Stream<Path> a = Files.list(root().resolve("sdp")); Stream<Path> b = Files.list(root().resolve("lync"))) {
            List<Path> files = Stream.concat(
                            a.filter(p -> !p.getFileName().toString().equals("SOURCES.md")),
                            b.filter(p -> p.getFileName().toString().endsWith(".sdp")))
                    .sorted()
                    .toList();
            if (files.size() < 20) {
                throw new IllegalStateException("corpus looks incomplete: " + files);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
