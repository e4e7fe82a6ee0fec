package io.mediapath.capture;

/**
 * The constants of the two capture formats, shared by {@link CaptureReader} and {@link PcapWriter} (and any writer
 * elsewhere): magics, header sizes, block types, option codes, link types. Sources: the libpcap file format
 * (draft-ietf-opsawg-pcap) and pcapng (draft-ietf-opsawg-pcapng), the tcpdump.org LINKTYPE_ list.
 */
public final class PcapFormat {

    private PcapFormat() {
    }

    /** Classic pcap magic, microsecond timestamps, as written in the writer's byte order. */
    public static final int MAGIC_MICROS = 0xa1b2c3d4;
    /** Classic pcap magic, nanosecond timestamps. */
    public static final int MAGIC_NANOS = 0xa1b23c4d;
    /** Classic pcap file header length. */
    public static final int PCAP_HEADER_LENGTH = 24;
    /** Classic pcap record header length. */
    public static final int PCAP_RECORD_HEADER_LENGTH = 16;
    /** The pcap version this reader and writer speak: 2.4. */
    public static final int VERSION_MAJOR = 2;
    /** Minor version 4. */
    public static final int VERSION_MINOR = 4;

    /** pcapng Section Header Block type (a palindrome: the same in both byte orders). */
    public static final int SHB_TYPE = 0x0A0D0D0A;
    /** pcapng byte-order magic inside the SHB. */
    public static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** pcapng Interface Description Block. */
    public static final int IDB_TYPE = 0x00000001;
    /** pcapng obsolete Packet Block (still a frame to Wireshark). */
    public static final int PB_TYPE = 0x00000002;
    /** pcapng Simple Packet Block. */
    public static final int SPB_TYPE = 0x00000003;
    /** pcapng Enhanced Packet Block. */
    public static final int EPB_TYPE = 0x00000006;
    /** IDB option: timestamp resolution (one byte: 10^-n, or 2^-n when the top bit is set). */
    public static final int OPT_IF_TSRESOL = 9;
    /** IDB option: timestamp offset in seconds. */
    public static final int OPT_IF_TSOFFSET = 14;
    /** Option list terminator. */
    public static final int OPT_END = 0;
    /** Option of any block: a UTF-8 comment (Wireshark shows a section's in Capture File Properties, a packet's in the tree). */
    public static final int OPT_COMMENT = 1;
    /** SHB option: the application that wrote the section. */
    public static final int OPT_SHB_USERAPPL = 4;

    /** Largest frame this reader accepts (Wireshark's standard maximum packet size). */
    public static final int MAX_FRAME = 262_144;
    /** Largest pcapng block this reader accepts: a maximum frame plus generous room for options. */
    public static final int MAX_BLOCK = MAX_FRAME + 65_536;

    /** LINKTYPE_NULL: BSD loopback, 4-byte address family in the capturing host's byte order. */
    public static final int LINKTYPE_NULL = 0;
    /** LINKTYPE_ETHERNET. */
    public static final int LINKTYPE_ETHERNET = 1;
    /** LINKTYPE_RAW: a bare IPv4 or IPv6 packet. */
    public static final int LINKTYPE_RAW = 101;
    /** LINKTYPE_LOOP: OpenBSD loopback, address family in network byte order. */
    public static final int LINKTYPE_LOOP = 108;
    /** LINKTYPE_LINUX_SLL: Linux cooked capture v1 (tcpdump -i any on older libpcap). */
    public static final int LINKTYPE_LINUX_SLL = 113;
    /** LINKTYPE_IPV4: bare IPv4. */
    public static final int LINKTYPE_IPV4 = 228;
    /** LINKTYPE_IPV6: bare IPv6. */
    public static final int LINKTYPE_IPV6 = 229;
    /** LINKTYPE_LINUX_SLL2: Linux cooked capture v2 (tcpdump -i any on libpcap 1.10+). */
    public static final int LINKTYPE_LINUX_SLL2 = 276;

    /**
     * For a classic pcap magic read big-endian: 1 = microseconds big-endian, 2 = nanoseconds big-endian,
     * -1 = microseconds little-endian, -2 = nanoseconds little-endian, 0 = not a pcap magic.
     */
    static int pcapMagicKind(int magicBigEndian) {
        if (magicBigEndian == MAGIC_MICROS) {
            return 1;
        }
        if (magicBigEndian == MAGIC_NANOS) {
            return 2;
        }
        if (magicBigEndian == Integer.reverseBytes(MAGIC_MICROS)) {
            return -1;
        }
        if (magicBigEndian == Integer.reverseBytes(MAGIC_NANOS)) {
            return -2;
        }
        return 0;
    }
}
