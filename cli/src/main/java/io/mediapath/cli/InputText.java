package io.mediapath.cli;

import io.mediapath.diagnose.UnreadableInputException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What people hand the command line, read as text: a file, a FIFO or a process substitution ({@code <(…)}), or
 * stdin ({@code -}); UTF-8 (with or without a BOM), UTF-16 as Windows PowerShell 5.1's {@code >} writes it (with a
 * BOM, or detected by its NUL pattern), or Latin-1 (old Windows logs that are not UTF-8). Reads are bounded: a
 * directory, {@code /dev/zero} or a binary file is a clear {@link UnreadableInputException}, never a hang or a full
 * heap.
 */
final class InputText {

    /** How much of the start is looked at to tell UTF-16 and binary input from text. */
    private static final int SNIFF_BYTES = 4096;

    private InputText() {
    }

    /** The bytes of the start of an input, what they are encoded in, and the stream of the rest. */
    record Head(String name, byte[] bytes, Charset charset, int bom, boolean whole, InputStream rest) {

        /** The whole input as text (only when {@link #whole()}); UTF-8 falls back to Latin-1 when not UTF-8. */
        String text() {
            if (charset.equals(StandardCharsets.UTF_8)) {
                try {
                    return strict(bytes, bom, StandardCharsets.UTF_8);
                } catch (CharacterCodingException e) {
                    return new String(bytes, bom, bytes.length - bom, StandardCharsets.ISO_8859_1);
                }
            }
            return new String(bytes, bom, bytes.length - bom, charset);
        }

        /** The input as a reader (malformed bytes replaced), from the head on through the rest. */
        Reader reader() {
            InputStream all = new SequenceInputStream(new ByteArrayInputStream(bytes, bom, bytes.length - bom), rest);
            return new InputStreamReader(all, charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE));
        }
    }

    /**
     * Opens {@code name} ({@code -} for stdin) and reads up to {@code wholeLimit + 1} bytes of it. The caller closes
     * {@link Head#rest()} (stdin is shielded from closing).
     *
     * @throws UnreadableInputException naming what is wrong: no such file, a directory, not readable, binary
     */
    static Head read(String name, int wholeLimit) throws UnreadableInputException {
        return read(name, open(name), wholeLimit);
    }

    /** As {@link #read(String, int)}, from a stream already opened (and perhaps peeked at) by the caller. */
    static Head read(String name, InputStream in, int wholeLimit) throws UnreadableInputException {
        try {
            byte[] head = in.readNBytes(wholeLimit + 1);
            Charset cs;
            int bom;
            if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
                cs = StandardCharsets.UTF_8;
                bom = 3;
            } else if (startsWith(head, 0xFF, 0xFE)) {
                cs = StandardCharsets.UTF_16LE;
                bom = 2;
            } else if (startsWith(head, 0xFE, 0xFF)) {
                cs = StandardCharsets.UTF_16BE;
                bom = 2;
            } else {
                cs = sniffUtf16(head);
                bom = 0;
                if (cs == null) {
                    cs = StandardCharsets.UTF_8;
                    int nul = nulInSniffWindow(head);
                    if (nul >= 0) {
                        throw new UnreadableInputException(name + ": holds a NUL byte at offset " + nul
                                + ": binary data, not a text log or SDP");
                    }
                }
            }
            boolean whole = head.length <= wholeLimit;
            return new Head(name, head, cs, bom, whole, in);
        } catch (IOException e) {
            close(in);
            throw new UnreadableInputException(name + ": cannot read: " + reason(e), e);
        } catch (UnreadableInputException | RuntimeException e) {
            close(in);
            throw e;
        }
    }

    /** The stream of {@code name}: stdin for {@code -}; anything that opens for reading, not only regular files. */
    static InputStream open(String name) throws UnreadableInputException {
        if (name.equals("-")) {
            return new FilterInputStream(System.in) {
                @Override
                public void close() {
                    // stdin stays open for whoever reads it next
                }
            };
        }
        Path p;
        try {
            p = Path.of(name);
        } catch (InvalidPathException e) {
            throw new UnreadableInputException(name + ": not a file name (" + e.getReason() + ")", e);
        }
        if (Files.isDirectory(p)) {
            throw new UnreadableInputException(name + ": is a directory (give the log or SDP file inside it)");
        }
        try {
            // Files.isRegularFile is false for a FIFO or /dev/fd/63 of a <(…) substitution: they are opened as they are.
            return Files.newInputStream(p);
        } catch (NoSuchFileException e) {
            throw new UnreadableInputException(name + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new UnreadableInputException(name + ": permission denied", e);
        } catch (IOException e) {
            throw new UnreadableInputException(name + ": cannot open: " + reason(e), e);
        }
    }

    static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing more to read from it anyway
        }
    }

    /** A one-line reason without an exception class name. */
    static String reason(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? "read error" : m;
    }

    /** Decodes strictly (malformed bytes are an error). */
    static String strict(byte[] b, int off, Charset cs) throws CharacterCodingException {
        return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(b, off, b.length - off)).toString();
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * UTF-16 without a BOM: text in the Latin range has a NUL in every other byte (odd offsets for little-endian,
     * even for big-endian) and almost none in the others. Null when the start does not look like that.
     */
    static Charset sniffUtf16(byte[] b) {
        int n = Math.min(b.length, SNIFF_BYTES) & ~1;
        if (n < 8) {
            return null;
        }
        int evenNul = 0;
        int oddNul = 0;
        for (int i = 0; i < n; i += 2) {
            evenNul += b[i] == 0 ? 1 : 0;
            oddNul += b[i + 1] == 0 ? 1 : 0;
        }
        int pairs = n / 2;
        if (oddNul * 10 >= pairs * 9 && evenNul * 10 <= pairs) {
            return StandardCharsets.UTF_16LE;
        }
        if (evenNul * 10 >= pairs * 9 && oddNul * 10 <= pairs) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    /** The offset of the first NUL in the sniff window, or -1: text never starts with binary zeros. */
    private static int nulInSniffWindow(byte[] b) {
        int n = Math.min(b.length, SNIFF_BYTES);
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
