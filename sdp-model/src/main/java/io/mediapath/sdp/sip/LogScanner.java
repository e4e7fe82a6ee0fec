package io.mediapath.sdp.sip;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Finds every SIP message inside text that is not just SIP, streaming: memory stays at one line buffer plus one
 * message, whatever the size of the input.
 *
 * <p>Recognised layouts (mixed freely in one input):
 * <ul>
 *   <li>Lync/SfB client UCCAPI logs: {@code 01/02/2015|10:11:12.345 1A2B:3C4D INFO  :: SIP/2.0 200 OK} with the
 *       following lines unprefixed, ended by the next log record ({@code … INFO  :: End of Data Received …});</li>
 *   <li>Lync/SfB server SIPStack records as OCSLogger/Snooper show them: {@code $$begin_record},
 *       {@code Start-Line: INVITE … SIP/2.0}, headers, {@code Message-Body: v=0} …, {@code $$end_record};</li>
 *   <li>Wireshark/tshark "Follow TCP/UDP stream" ASCII text (chunk-size lines and the tab indent of the second
 *       node are removed; a {@code ====} rule ends a message);</li>
 *   <li>pasted text in which every line carries the same kind of prefix (timestamps, levels, {@code > } quotes):
 *       the prefix of the start line is removed from the following lines that have the same shape (digits may
 *       differ), and the first line without it ends the message;</li>
 *   <li>bare SIP messages one after another.</li>
 * </ul>
 * A message ends at its Content-Length, at the next start line, at the next log record, at a blank line when it
 * has no Content-Length, or at a line that cannot belong to a header section. Start lines are recognised as
 * {@code SIP/2.0 ddd …} or {@code METHOD uri SIP/2.0} (method in upper case, URI with a scheme) after a prefix
 * that ends in a non-alphanumeric character. Messages are re-numbered to the lines of the input, so every header
 * and body line can be cited.
 *
 * <p>Messages longer than {@link Builder#maxMessageChars(int)} and messages with a line longer than
 * {@link Builder#maxLineChars(int)} are skipped and reported as {@link ScanProblem}s, as are start lines whose
 * message does not parse. Instances are immutable and thread-safe; each scan has its own state.
 */
public final class LogScanner {
    /** Default per-message limit: far above any real SIP message (Lync offers are about 10 KiB). */
    public static final int DEFAULT_MAX_MESSAGE_CHARS = 1 << 20;
    /** Default line buffer; a longer line is cut (outside messages harmlessly, inside one it skips the message). */
    public static final int DEFAULT_MAX_LINE_CHARS = 1 << 16;

    private final String sourceName;
    private final int maxMessageChars;
    private final int maxLineChars;
    private final Consumer<ScanProblem> onProblem;

    private LogScanner(Builder b) {
        this.sourceName = b.sourceName;
        this.maxMessageChars = b.maxMessageChars;
        this.maxLineChars = b.maxLineChars;
        this.onProblem = b.onProblem;
    }

    /** A scanner with default limits for a source called {@code sourceName}; problems are dropped. */
    public static LogScanner create(String sourceName) {
        return builder().sourceName(sourceName).build();
    }

    /** A builder with default limits, source name {@code "<input>"}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The source name messages and problems are labelled with. */
    public String sourceName() {
        return sourceName;
    }

    /**
     * A lazy iterator over the messages in {@code reader}; reading happens in {@code hasNext()}. I/O errors surface
     * as {@link UncheckedIOException}. The caller closes the reader.
     */
    public Iterator<SipMessage> iterator(Reader reader) {
        Objects.requireNonNull(reader, "reader");
        ScanEngine engine = new ScanEngine(reader, sourceName, maxMessageChars, maxLineChars, onProblem);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return engine.advance();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public SipMessage next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return engine.ready.poll();
            }
        };
    }

    /** A lazy, sequential stream over the messages in {@code reader}; closing the stream closes the reader. */
    public Stream<SipMessage> stream(Reader reader) {
        Spliterator<SipMessage> sp = Spliterators.spliteratorUnknownSize(iterator(reader),
                Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(sp, false).onClose(() -> {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Like {@link #stream(Reader)} over UTF-8 bytes; malformed bytes are replaced, never fatal. */
    public Stream<SipMessage> stream(InputStream in) {
        return stream(utf8(in));
    }

    /** Pushes every message to {@code sink} as it is found. */
    public void scan(Reader reader, Consumer<? super SipMessage> sink) throws IOException {
        ScanEngine engine = new ScanEngine(reader, sourceName, maxMessageChars, maxLineChars, onProblem);
        while (engine.advance()) {
            SipMessage m;
            while ((m = engine.ready.poll()) != null) {
                sink.accept(m);
            }
        }
    }

    /**
     * Scans everything and collects the messages and problems (problems also go to the builder's listener).
     * Holds every message in memory: for huge logs prefer {@link #scan(Reader, Consumer)}.
     */
    public Result scanAll(Reader reader) throws IOException {
        List<ScanProblem> problems = new ArrayList<>();
        Consumer<ScanProblem> both = p -> {
            problems.add(p);
            onProblem.accept(p);
        };
        ScanEngine engine = new ScanEngine(reader, sourceName, maxMessageChars, maxLineChars, both);
        List<SipMessage> messages = new ArrayList<>();
        while (engine.advance()) {
            SipMessage m;
            while ((m = engine.ready.poll()) != null) {
                messages.add(m);
            }
        }
        return new Result(messages, problems, engine.lines(), engine.chars());
    }

    /** {@link #scanAll(Reader)} over a UTF-8 file. */
    public Result scanAll(Path file) throws IOException {
        try (Reader r = utf8(Files.newInputStream(file))) {
            return scanAll(r);
        }
    }

    /** {@link #scanAll(Reader)} over a string. */
    public Result scanAll(String text) {
        try {
            return scanAll(new java.io.StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not throw
        }
    }

    private static Reader utf8(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
    }

    /**
     * Everything one scan found.
     *
     * @param messages the messages, in input order
     * @param problems what was skipped and why
     * @param lines    lines read
     * @param chars    characters read
     */
    public record Result(List<SipMessage> messages, List<ScanProblem> problems, long lines, long chars) {
        public Result {
            messages = List.copyOf(messages);
            problems = List.copyOf(problems);
        }
    }

    /** Configures a {@link LogScanner}. */
    public static final class Builder {
        private String sourceName = "<input>";
        private int maxMessageChars = DEFAULT_MAX_MESSAGE_CHARS;
        private int maxLineChars = DEFAULT_MAX_LINE_CHARS;
        private Consumer<ScanProblem> onProblem = p -> { };

        private Builder() {
        }

        /** Name to label messages and problems with (a file name, {@code "-"} for stdin). */
        public Builder sourceName(String name) {
            this.sourceName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Largest message kept, in chars (at least 256); longer ones are skipped and reported. */
        public Builder maxMessageChars(int max) {
            if (max < 256) {
                throw new IllegalArgumentException("maxMessageChars < 256: " + max);
            }
            this.maxMessageChars = max;
            return this;
        }

        /** Size of the line buffer, in chars (at least 256). */
        public Builder maxLineChars(int max) {
            if (max < 256) {
                throw new IllegalArgumentException("maxLineChars < 256: " + max);
            }
            this.maxLineChars = max;
            return this;
        }

        /** Listener told about every {@link ScanProblem} as it happens. */
        public Builder onProblem(Consumer<ScanProblem> listener) {
            this.onProblem = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Builds the scanner. */
        public LogScanner build() {
            return new LogScanner(this);
        }
    }
}
