package io.mediapath.ice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared research files next to the repository (never copied into it). */
final class SharedFiles {
    private SharedFiles() {
    }

    static Path shared() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/corpus"))) {
                return p.resolve("shared");
            }
        }
        throw new IllegalStateException("shared/corpus not found above " + dir
                + " (the tests read ../shared/corpus next to the repository checkout)");
    }

    static String read(String relative) {
        try {
            return Files.readString(shared().resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
