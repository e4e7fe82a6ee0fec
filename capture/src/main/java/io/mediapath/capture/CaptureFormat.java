package io.mediapath.capture;

/** The two capture file formats: classic libpcap and pcapng, told apart by their first four bytes. */
public enum CaptureFormat {
    /** Classic libpcap: 24-byte file header, then 16-byte record headers (microsecond or nanosecond stamps). */
    PCAP,
    /** pcapng: blocks, a Section Header Block first. */
    PCAPNG;

    /** The format whose magic starts {@code head} (at least 4 bytes), or null when it is neither. */
    public static CaptureFormat detect(byte[] head) {
        if (head == null || head.length < 4) {
            return null;
        }
        int be = ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
        if (be == PcapFormat.SHB_TYPE) {
            return PCAPNG;
        }
        return PcapFormat.pcapMagicKind(be) != 0 ? PCAP : null;
    }
}
