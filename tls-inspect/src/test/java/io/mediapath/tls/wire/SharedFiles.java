package io.mediapath.tls.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code ../shared} next to the repository, walking up from {@code user.dir}; fails loudly when absent. */
final class SharedFiles {
    private SharedFiles() {
    }

    static Path shared() {
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            Path s = p.resolve("shared");
            if (Files.isDirectory(s.resolve("corpus"))) {
                return s;
            }
        }
        throw new IllegalStateException("../shared (with shared/corpus) not found above " + System.getProperty("user.dir"));
    }

    static byte[] hex(String relative) {
        try {
            return PseudoTls.hex(Files.readString(shared().resolve(relative)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
