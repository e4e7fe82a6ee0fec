package io.mediapath.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Finds the project's shared research files where they lie ({@code ../shared} next to the repository). */
public final class SharedFiles {

    private SharedFiles() {
    }

    /** The shared directory; fails loudly when it is absent. */
    public static Path root() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared");
            if (Files.isDirectory(candidate.resolve("corpus"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find the shared research directory (a 'shared/corpus' next to the"
                + " repository) walking up from " + dir);
    }

    /** Decodes a space-separated hex vector under {@code shared/vectors/}. */
    public static byte[] vector(String relative) {
        try {
            String hex = Files.readString(root().resolve("vectors").resolve(relative)).replaceAll("\\s+", "");
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
