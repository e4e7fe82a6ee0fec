package io.mediapath.capture.wire;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mediapath.capture.PcapFormat;

/**
 * The link, IPv4/IPv6 (with fragments), UDP and TCP decoders, and the reassembler fed by them: any frame of any
 * supported link type decodes to a status without throwing, and a decoded payload lies inside its buffer.
 */
class PacketDecoderFuzzTest {

    private static final int[] LINKS = {PcapFormat.LINKTYPE_ETHERNET, PcapFormat.LINKTYPE_RAW, PcapFormat.LINKTYPE_NULL,
            PcapFormat.LINKTYPE_LOOP, PcapFormat.LINKTYPE_LINUX_SLL, PcapFormat.LINKTYPE_LINUX_SLL2,
            PcapFormat.LINKTYPE_IPV4, PcapFormat.LINKTYPE_IPV6};

    @FuzzTest(maxDuration = "2m")
    void decode(FuzzedDataProvider data) {
        PacketDecoder d = new PacketDecoder(new FragmentReassembler(4, 1_000_000_000L));
        TcpReassembler r = new TcpReassembler(256, 8, 4, 4096);
        int frames = data.consumeInt(1, 8);
        for (int i = 0; i < frames && data.remainingBytes() > 0; i++) {
            int link = LINKS[data.consumeInt(0, LINKS.length - 1)];
            byte[] f = data.consumeBytes(data.consumeInt(0, 2000));
            DecodeStatus s = d.decode(i + 1, i * 1000L, link, f);
            if (s == DecodeStatus.TRANSPORT) {
                Packet p = d.packet();
                if (p.payloadOffset < 0 || p.payloadLength < 0 || p.payloadOffset + p.payloadLength > p.payload.length) {
                    throw new AssertionError("payload outside its buffer");
                }
                if (p.protocol == Packet.TCP) {
                    if (p.has(Packet.SYN)) {
                        r.syn(p.seq);
                    }
                    r.add(p.frame, p.epochNanos, p.seq, p.payload, p.payloadOffset, p.payloadLength, p.payloadMissing);
                }
            }
            if (d.fragments().pending() > 4) {
                throw new AssertionError("fragment bound");
            }
        }
        r.finish();
    }
}
