package io.mediapath.capture;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * The pcap and pcapng block readers, and the whole pipeline behind them: any bytes give frames and then either the
 * end or a {@link CaptureFormatException}; nothing else is thrown, no frame is larger than {@link PcapFormat#MAX_FRAME},
 * frame numbers count up from 1. {@link #flows} runs the frames through the {@link FlowTable} with small bounds.
 * Without {@code JAZZER_FUZZ=1} each runs its seeds under {@code CaptureReaderFuzzTestInputs/<method>/}.
 */
class CaptureReaderFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void pcap(FuzzedDataProvider data) {
        read(data.consumeRemainingAsBytes(), false);
    }

    @FuzzTest(maxDuration = "2m")
    void pcapng(FuzzedDataProvider data) {
        // Start every input as a pcapng section so the fuzzer spends its time inside blocks.
        byte[] rest = data.consumeRemainingAsBytes();
        byte[] in = new byte[rest.length + 4];
        in[0] = 0x0a;
        in[1] = 0x0d;
        in[2] = 0x0d;
        in[3] = 0x0a;
        System.arraycopy(rest, 0, in, 4, rest.length);
        read(in, false);
    }

    @FuzzTest(maxDuration = "2m")
    void flows(FuzzedDataProvider data) {
        read(data.consumeRemainingAsBytes(), true);
    }

    private static void read(byte[] in, boolean flows) {
        FlowTable t = FlowTable.builder().maxFlows(8).maxBytesPerDirection(512).maxOutOfOrderSegments(4)
                .maxBufferedBytes(1 << 16).maxDatagramsPerFlow(4).build(f -> check(f.firstFrame() >= 1, "flow frame"));
        try (CaptureReader r = CaptureReader.open(new ByteArrayInputStream(in))) {
            long expected = 1;
            for (Frame f = r.next(); f != null; f = r.next()) {
                check(f.number() == expected++, "frame numbering");
                check(f.capturedLength() <= PcapFormat.MAX_FRAME, "frame size");
                if (flows) {
                    t.accept(f);
                    check(t.openFlows() <= 8, "flow bound");
                }
            }
        } catch (CaptureFormatException e) {
            check(e.reason() != null && e.offset() >= 0, "typed error");
        } catch (IOException e) {
            throw new AssertionError("untyped I/O error from an in-memory stream", e);
        }
        t.finish();
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what + " violated");
        }
    }
}
