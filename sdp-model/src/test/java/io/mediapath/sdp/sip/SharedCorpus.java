package io.mediapath.sdp.sip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds ../shared/corpus/lync where it lies, failing loudly when it is absent; and our own test logs. */
public final class SharedCorpus {
    private SharedCorpus() {
    }

    public static Path lync(String name) {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("corpus").resolve("lync");
            if (Files.isDirectory(candidate)) {
                return candidate.resolve(name);
            }
        }
        throw new IllegalStateException("shared/corpus/lync not found above " + dir
                + " (expected the shared directory next to the repository)");
    }

    public static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One of our synthetic logs under src/test/resources/io/mediapath/sdp/sip/logs. */
    public static Path log(String name) {
        try {
            return Path.of(SharedCorpus.class.getResource("logs/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("test log missing: " + name, e);
        }
    }
}
