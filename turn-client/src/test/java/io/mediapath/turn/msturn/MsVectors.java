package io.mediapath.turn.msturn;

import io.mediapath.turn.stun.Vectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HexFormat;

/** Reads {@code shared/vectors/ms/*.hex} where they lie (space-separated hex). */
final class MsVectors {
    private MsVectors() {
    }

    static byte[] hex(String name) {
        try {
            String text = Files.readString(Vectors.shared().resolve("vectors").resolve("ms").resolve(name));
            return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
