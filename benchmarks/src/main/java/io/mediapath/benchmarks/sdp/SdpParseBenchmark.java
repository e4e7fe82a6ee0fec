package io.mediapath.benchmarks.sdp;

import gov.nist.javax.sdp.SessionDescriptionImpl;
import gov.nist.javax.sdp.parser.SDPAnnounceParser;
import io.mediapath.sdp.Attribute;
import io.mediapath.sdp.MediaDescription;
import io.mediapath.sdp.SessionDescription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * SDP parse and parse+serialise of the same Chrome Plan-B offer (87 lines, 3076 bytes) by mediapath's
 * {@code sdp-model} and by JAIN-SIP's {@code javax.sdp} RI ({@code SDPAnnounceParser}), in one JMH run so the ratio
 * is measured on the same machine state. Run with {@code -prof gc} for bytes allocated per operation.
 *
 * <p>mediapath's {@code parse} validates every structural line and indexes attributes; attributes are typed lazily,
 * so {@link #mediapathParseTyped} (parse, then read every attribute, rtpmap and candidate) is the fair
 * "everything typed" figure. Its serialisation is lossless (the parsed text); {@link #mediapathParseRebuild} also
 * measures the canonical writer (parse, toBuilder, build, toString — which includes a second parse).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SdpParseBenchmark {

    /** The file; {@code -p file=...} overrides; default {@link #DEFAULT_SAMPLE}, a sample in the repository. */
    @org.openjdk.jmh.annotations.Param({""})
    public String file;

    private String text;

    @Setup
    public void load() throws IOException {
        Path p = file.isEmpty() ? locate() : Path.of(file);
        text = Files.readString(p, StandardCharsets.UTF_8);
        // Sanity: both parsers accept the file and mediapath's model is complete, so no benchmark measures a failure.
        SessionDescription s = SessionDescription.parse(text);
        if (!s.toString().equals(text) || s.media().size() != 2) {
            throw new IllegalStateException("sdp-model did not parse " + p);
        }
        try {
            new SDPAnnounceParser(text).parse();
        } catch (ParseException e) {
            throw new IllegalStateException("JAIN-SIP did not parse " + p, e);
        }
    }

    /** Our Chrome-style Plan B offer (test-support's samples), found from the repository root or a module. */
    static final String DEFAULT_SAMPLE = "test-support/src/main/resources/io/mediapath/testing/samples/sdp/chrome-plan-b-offer.sdp";

    static Path locate() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path c : new Path[] {dir.resolve(DEFAULT_SAMPLE), dir.resolveSibling(DEFAULT_SAMPLE)}) {
            if (Files.isRegularFile(c)) {
                return c;
            }
        }
        throw new IllegalStateException(DEFAULT_SAMPLE + " not found from " + dir
                + " (run from the repository root or a module directory); or pass -p file=PATH");
    }

    @Benchmark
    public SessionDescription mediapathParse() {
        return SessionDescription.parse(text);
    }

    @Benchmark
    public String mediapathParseSerialise() {
        return SessionDescription.parse(text).toString();
    }

    @Benchmark
    public void mediapathParseTyped(Blackhole bh) {
        SessionDescription s = SessionDescription.parse(text);
        for (Attribute a : s.attributes()) {
            bh.consume(a);
        }
        for (MediaDescription m : s.media()) {
            for (Attribute a : m.attributes()) {
                bh.consume(a);
            }
            bh.consume(m.rtpmaps());
            bh.consume(m.fmtps());
            bh.consume(m.candidates());
            bh.consume(m.ssrcs());
            bh.consume(m.formats());
        }
    }

    @Benchmark
    public String mediapathParseRebuild() {
        return SessionDescription.parse(text).toBuilder().build().toString();
    }

    @Benchmark
    public SessionDescriptionImpl jainSipParse() throws ParseException {
        return new SDPAnnounceParser(text).parse();
    }

    @Benchmark
    public String jainSipParseSerialise() throws ParseException {
        return new SDPAnnounceParser(text).parse().toString();
    }
}
