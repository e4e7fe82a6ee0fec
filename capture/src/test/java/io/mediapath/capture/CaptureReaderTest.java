package io.mediapath.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediapath.capture.CaptureFormatException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Byte-built pcap and pcapng files: both byte orders, resolutions, sections, every packet block, and bad input. */
class CaptureReaderTest {

    static List<Frame> readAll(byte[] file) throws IOException {
        List<Frame> out = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(new ByteArrayInputStream(file))) {
            for (Frame f = r.next(); f != null; f = r.next()) {
                out.add(f);
            }
        }
        return out;
    }

    static byte[] pcap(ByteOrder order, int magic, int snaplen, int link, long[][] records) {
        ByteBuffer b = ByteBuffer.allocate(4096).order(order);
        b.putInt(magic).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(snaplen).putInt(link);
        for (long[] r : records) {
            b.putInt((int) r[0]).putInt((int) r[1]).putInt((int) r[2]).putInt((int) r[3]);
            b.put(new byte[(int) r[2]]);
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    @Test
    void pcapBothByteOrdersAndResolutions() throws IOException {
        for (ByteOrder o : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            List<Frame> us = readAll(pcap(o, PcapFormat.MAGIC_MICROS, 65535, 1, new long[][] {{10, 5, 3, 60}, {11, 0, 0, 0}}));
            assertThat(us).hasSize(2);
            assertThat(us.get(0).number()).isEqualTo(1);
            assertThat(us.get(0).epochNanos()).isEqualTo(10_000_005_000L);
            assertThat(us.get(0).capturedLength()).isEqualTo(3);
            assertThat(us.get(0).originalLength()).isEqualTo(60);
            assertThat(us.get(1).number()).isEqualTo(2);
            List<Frame> ns = readAll(pcap(o, PcapFormat.MAGIC_NANOS, 65535, 113, new long[][] {{10, 5, 1, 1}}));
            assertThat(ns.get(0).epochNanos()).isEqualTo(10_000_000_005L);
            assertThat(ns.get(0).linkType()).isEqualTo(PcapFormat.LINKTYPE_LINUX_SLL);
        }
    }

    @Test
    void pcapErrorsAreTyped() {
        assertThatThrownBy(() -> readAll(pcap(ByteOrder.BIG_ENDIAN, PcapFormat.MAGIC_MICROS, 0, 1, new long[0][])))
                .isInstanceOfSatisfying(CaptureFormatException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ZERO_SNAPLEN));
        byte[] ok = pcap(ByteOrder.BIG_ENDIAN, PcapFormat.MAGIC_MICROS, 65535, 1, new long[][] {{1, 0, 40, 40}});
        assertThatThrownBy(() -> readAll(Arrays.copyOf(ok, ok.length - 1)))
                .isInstanceOfSatisfying(CaptureFormatException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED));
        assertThatThrownBy(() -> readAll(Arrays.copyOf(ok, 30)))
                .isInstanceOfSatisfying(CaptureFormatException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED));
        byte[] huge = pcap(ByteOrder.BIG_ENDIAN, PcapFormat.MAGIC_MICROS, 65535, 1, new long[][] {{1, 0, 0, 0}});
        ByteBuffer.wrap(huge).putInt(24 + 8, -1); // captured length 2^32 - 1
        assertThatThrownBy(() -> readAll(huge))
                .isInstanceOfSatisfying(CaptureFormatException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_LENGTH));
        assertThatThrownBy(() -> readAll("GET / HTTP/1.1\r\n".getBytes()))
                .isInstanceOfSatisfying(CaptureFormatException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_CAPTURE));
        assertThatThrownBy(() -> readAll(new byte[2]))
                .isInstanceOfSatisfying(CaptureFormatException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED));
    }

    // ---- pcapng

    static final class Ng {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteOrder order;

        Ng(ByteOrder order) {
            this.order = order;
        }

        Ng block(int type, byte[] body) {
            int len = 12 + ((body.length + 3) & ~3);
            ByteBuffer b = ByteBuffer.allocate(len).order(order);
            b.putInt(type).putInt(len).put(body);
            b.position(len - 4);
            b.putInt(len);
            out.writeBytes(b.array());
            return this;
        }

        Ng shb() {
            ByteBuffer b = ByteBuffer.allocate(16).order(order);
            b.putInt(PcapFormat.BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1);
            return block(PcapFormat.SHB_TYPE, b.array());
        }

        Ng idb(int link, int tsresol) {
            ByteBuffer b = ByteBuffer.allocate(tsresol < 0 ? 8 : 20).order(order);
            b.putShort((short) link).putShort((short) 0).putInt(0);
            if (tsresol >= 0) {
                b.putShort((short) PcapFormat.OPT_IF_TSRESOL).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
                b.putShort((short) 0).putShort((short) 0);
            }
            return block(PcapFormat.IDB_TYPE, b.array());
        }

        Ng epb(int iface, long ticks, int caplen) {
            ByteBuffer b = ByteBuffer.allocate(20 + caplen).order(order);
            b.putInt(iface).putInt((int) (ticks >>> 32)).putInt((int) ticks).putInt(caplen).putInt(caplen + 10);
            return block(PcapFormat.EPB_TYPE, b.array());
        }

        Ng spb(int len) {
            ByteBuffer b = ByteBuffer.allocate(4 + len).order(order);
            b.putInt(len);
            return block(PcapFormat.SPB_TYPE, b.array());
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    @Test
    void pcapngFramesAreNumberedLikeWireshark() throws IOException {
        for (ByteOrder o : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            byte[] f = new Ng(o).shb().idb(1, -1).epb(0, 1_500_000L, 5)
                    .block(4, new byte[8])                       // name resolution: not a frame
                    .spb(7).block(5, new byte[12])               // statistics: not a frame
                    .idb(101, 9).epb(1, 2_000_000_001L, 3)       // nanosecond interface
                    .bytes();
            Ng second = new Ng(o == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            second.shb().idb(113, 0x80 | 10).epb(0, 3L << 10, 1);   // a second section, other byte order, 2^-10 s
            byte[] all = new byte[f.length + second.bytes().length];
            System.arraycopy(f, 0, all, 0, f.length);
            System.arraycopy(second.bytes(), 0, all, f.length, second.bytes().length);
            List<Frame> frames = readAll(all);
            assertThat(frames).extracting(Frame::number).containsExactly(1L, 2L, 3L, 4L);
            assertThat(frames.get(0).epochNanos()).isEqualTo(1_500_000_000L);
            assertThat(frames.get(0).originalLength()).isEqualTo(15);
            assertThat(frames.get(1).capturedLength()).isEqualTo(7);
            assertThat(frames.get(2).linkType()).isEqualTo(101);
            assertThat(frames.get(2).epochNanos()).isEqualTo(2_000_000_001L);
            assertThat(frames.get(3).linkType()).isEqualTo(113);
            assertThat(frames.get(3).epochNanos()).isEqualTo(3_000_000_000L);
        }
    }

    @Test
    void pcapngErrorsAreTyped() {
        byte[] good = new Ng(ByteOrder.BIG_ENDIAN).shb().idb(1, -1).epb(0, 0, 4).bytes();
        byte[] allOnes = good.clone();
        int epbAt = 28 + 20;
        ByteBuffer.wrap(allOnes).putInt(epbAt + 4, -1);                    // block length 2^32 - 1
        assertThatThrownBy(() -> readAll(allOnes))
                .isInstanceOfSatisfying(CaptureFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.BAD_LENGTH);
                    assertThat(e.offset()).isEqualTo(epbAt + 4);
                });
        byte[] trailer = good.clone();
        ByteBuffer.wrap(trailer).putInt(good.length - 4, 12);
        assertThatThrownBy(() -> readAll(trailer))
                .isInstanceOfSatisfying(CaptureFormatException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_LENGTH));
        byte[] capTooBig = good.clone();
        ByteBuffer.wrap(capTooBig).putInt(epbAt + 8 + 12, 1000);
        assertThatThrownBy(() -> readAll(capTooBig))
                .isInstanceOfSatisfying(CaptureFormatException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_LENGTH));
        assertThatThrownBy(() -> readAll(Arrays.copyOf(good, good.length - 2)))
                .isInstanceOfSatisfying(CaptureFormatException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED));
        byte[] noIface = new Ng(ByteOrder.BIG_ENDIAN).shb().epb(0, 0, 4).bytes();
        assertThatThrownBy(() -> readAll(noIface))
                .isInstanceOfSatisfying(CaptureFormatException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_INTERFACE));
        byte[] badBom = good.clone();
        ByteBuffer.wrap(badBom).putInt(8, 0x01020304);
        assertThatThrownBy(() -> readAll(badBom))
                .isInstanceOfSatisfying(CaptureFormatException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_VERSION));
    }

    @Test
    void writerRoundTrips() throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (PcapWriter w = PcapWriter.create(o, PcapFormat.LINKTYPE_RAW, true)) {
            w.write(1_234_567_890_123L, new byte[] {0x45, 1, 2}, 40);
            w.write(1_234_567_890_124L, new byte[0], 0);
        }
        List<Frame> f = readAll(o.toByteArray());
        assertThat(f).hasSize(2);
        assertThat(f.get(0).epochNanos()).isEqualTo(1_234_567_890_123L);
        assertThat(f.get(0).data()).containsExactly(0x45, 1, 2);
        assertThat(f.get(0).originalLength()).isEqualTo(40);
        assertThat(f.get(0).linkType()).isEqualTo(PcapFormat.LINKTYPE_RAW);
        assertThat(CaptureFormat.detect(o.toByteArray())).isEqualTo(CaptureFormat.PCAP);
    }

    @Test
    void endpointsPrintLikeWireshark() {
        assertThat(new Endpoint(new byte[] {127, 0, 0, 1}, 443).toString()).isEqualTo("127.0.0.1:443");
        byte[] v6 = new byte[16];
        v6[15] = 1;
        assertThat(new Endpoint(v6, 3478).ip()).isEqualTo("::1");
        byte[] doc = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 5};
        assertThat(new Endpoint(doc, 1).toString()).isEqualTo("[2001:db8:0:1::5]:1");
    }
}
