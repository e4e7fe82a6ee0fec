package io.mediapath.turn.stun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Reads the shared test vectors where they lie ({@code ../shared/vectors} next to the repository). */
public final class Vectors {
    private Vectors() {
    }

    /** The shared directory; fails loudly when it cannot be found. */
    public static Path shared() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared");
            if (Files.isDirectory(candidate.resolve("corpus"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/corpus directory above " + dir
                + " (the tests read ../shared next to the repository)");
    }

    /** The bytes of one hex vector file, e.g. {@code rfc5769-2.1-sample-request.hex}. */
    public static byte[] hex(String name) {
        try {
            return HexFormat.of().parseHex(Files.readString(shared().resolve("vectors").resolve(name)).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
