package io.mediapath.capture.wire;

import io.mediapath.capture.PcapFormat;

/**
 * Decodes a frame's link layer, IPv4/IPv6 (extension headers, fragments through {@link FragmentReassembler}) and
 * the TCP or UDP header into a reused {@link Packet}. Checksums are not verified (Wireshark does not by default,
 * and offloading leaves them wrong in captures taken on the sender). Never throws on any input.
 */
public final class PacketDecoder {

    private static final int ETH_IPV4 = 0x0800, ETH_IPV6 = 0x86DD;
    private static final int MAX_VLAN_TAGS = 4;
    private static final int MAX_IPV6_EXTENSIONS = 8;

    private final Packet p = new Packet();
    private final FragmentReassembler fragments;

    /** A decoder with its own fragment reassembler. */
    public PacketDecoder(FragmentReassembler fragments) {
        this.fragments = fragments;
    }

    /** A decoder with a default-sized fragment reassembler. */
    public PacketDecoder() {
        this(new FragmentReassembler(FragmentReassembler.DEFAULT_MAX_DATAGRAMS, FragmentReassembler.DEFAULT_TIMEOUT_NANOS));
    }

    /** The packet the last {@link DecodeStatus#TRANSPORT} result describes. */
    public Packet packet() {
        return p;
    }

    /** The fragment reassembler (for its counters). */
    public FragmentReassembler fragments() {
        return fragments;
    }

    /** Decodes one frame of {@code linkType}. */
    public DecodeStatus decode(long frame, long epochNanos, int linkType, byte[] d) {
        p.frame = frame;
        p.epochNanos = epochNanos;
        int n = d.length;
        int off;
        int ethertype;
        switch (linkType) {
            case PcapFormat.LINKTYPE_ETHERNET -> {
                if (n < 14) {
                    return DecodeStatus.MALFORMED;
                }
                off = 12;
                ethertype = u16(d, off);
                off += 2;
                int tags = 0;
                while ((ethertype == 0x8100 || ethertype == 0x88A8 || ethertype == 0x9100) && tags++ < MAX_VLAN_TAGS) {
                    if (off + 4 > n) {
                        return DecodeStatus.MALFORMED;
                    }
                    ethertype = u16(d, off + 2);
                    off += 4;
                }
            }
            case PcapFormat.LINKTYPE_LINUX_SLL -> {
                if (n < 16) {
                    return DecodeStatus.MALFORMED;
                }
                ethertype = u16(d, 14);
                off = 16;
            }
            case PcapFormat.LINKTYPE_LINUX_SLL2 -> {
                if (n < 20) {
                    return DecodeStatus.MALFORMED;
                }
                ethertype = u16(d, 0);
                off = 20;
            }
            case PcapFormat.LINKTYPE_NULL, PcapFormat.LINKTYPE_LOOP -> {
                if (n < 4) {
                    return DecodeStatus.MALFORMED;
                }
                // The family is in the capturing host's byte order for NULL (network order for LOOP): accept both.
                int be = (int) (u32(d, 0));
                int le = Integer.reverseBytes(be);
                int fam = linkType == PcapFormat.LINKTYPE_LOOP ? be : (be >= 0 && be < 256 ? be : le);
                ethertype = fam == 2 ? ETH_IPV4 : fam == 24 || fam == 28 || fam == 30 || fam == 10 ? ETH_IPV6 : -1;
                off = 4;
            }
            case PcapFormat.LINKTYPE_RAW, PcapFormat.LINKTYPE_IPV4, PcapFormat.LINKTYPE_IPV6, 12, 14 -> {
                if (n < 1) {
                    return DecodeStatus.MALFORMED;
                }
                int v = (d[0] & 0xff) >> 4;
                ethertype = v == 4 ? ETH_IPV4 : v == 6 ? ETH_IPV6 : -1;
                off = 0;
            }
            default -> {
                return DecodeStatus.UNSUPPORTED_LINK;
            }
        }
        if (ethertype == ETH_IPV4) {
            return ipv4(d, off, n);
        }
        if (ethertype == ETH_IPV6) {
            return ipv6(d, off, n);
        }
        return DecodeStatus.OTHER;
    }

    private DecodeStatus ipv4(byte[] d, int off, int n) {
        if (off + 20 > n || (d[off] & 0xf0) != 0x40) {
            return DecodeStatus.MALFORMED;
        }
        int ihl = (d[off] & 0x0f) * 4;
        int total = u16(d, off + 2);
        if (ihl < 20 || total < ihl || off + ihl > n) {
            return DecodeStatus.MALFORMED;
        }
        int end = Math.min(n, off + total);    // frames may carry Ethernet padding beyond the IP datagram
        int missing = Math.max(0, off + total - n);
        int id = u16(d, off + 4);
        int fragField = u16(d, off + 6);
        boolean more = (fragField & 0x2000) != 0;
        int fragOffset = (fragField & 0x1fff) * 8;
        int proto = d[off + 9] & 0xff;
        byte[] src = slice(d, off + 12, 4);
        byte[] dst = slice(d, off + 16, 4);
        p.ipVersion = 4;
        p.src = src;
        p.dst = dst;
        if (more || fragOffset != 0) {
            if (missing > 0) {
                return DecodeStatus.MALFORMED; // a cut fragment cannot be reassembled
            }
            byte[] whole = fragments.add(p.epochNanos, src, dst, proto, id, fragOffset, more, d, off + ihl, end - off - ihl);
            if (whole == null) {
                return DecodeStatus.FRAGMENT_HELD;
            }
            return transport(proto, whole, 0, whole.length, 0);
        }
        return transport(proto, d, off + ihl, end, missing);
    }

    private DecodeStatus ipv6(byte[] d, int off, int n) {
        if (off + 40 > n || (d[off] & 0xf0) != 0x60) {
            return DecodeStatus.MALFORMED;
        }
        int payloadLen = u16(d, off + 4);
        int next = d[off + 6] & 0xff;
        p.ipVersion = 6;
        p.src = slice(d, off + 8, 16);
        p.dst = slice(d, off + 24, 16);
        int end = Math.min(n, off + 40 + payloadLen);
        int missing = Math.max(0, off + 40 + payloadLen - n);
        int q = off + 40;
        for (int i = 0; i < MAX_IPV6_EXTENSIONS; i++) {
            switch (next) {
                case 0, 43, 60 -> { // hop-by-hop, routing, destination options
                    if (q + 8 > end) {
                        return DecodeStatus.MALFORMED;
                    }
                    int len = ((d[q + 1] & 0xff) + 1) * 8;
                    next = d[q] & 0xff;
                    q += len;
                }
                case 51 -> { // AH
                    if (q + 8 > end) {
                        return DecodeStatus.MALFORMED;
                    }
                    int len = ((d[q + 1] & 0xff) + 2) * 4;
                    next = d[q] & 0xff;
                    q += len;
                }
                case 44 -> { // fragment
                    if (q + 8 > end || missing > 0) {
                        return DecodeStatus.MALFORMED;
                    }
                    int proto = d[q] & 0xff;
                    int field = u16(d, q + 2);
                    int fragOffset = field & 0xfff8;
                    boolean more = (field & 1) != 0;
                    int id = (int) u32(d, q + 4);
                    q += 8;
                    if (!more && fragOffset == 0) { // an atomic fragment (RFC 6946): the payload is whole
                        next = proto;
                        continue;
                    }
                    byte[] whole = fragments.add(p.epochNanos, p.src, p.dst, proto, id, fragOffset, more, d, q, end - q);
                    if (whole == null) {
                        return DecodeStatus.FRAGMENT_HELD;
                    }
                    return transport(proto, whole, 0, whole.length, 0);
                }
                default -> {
                    if (q > end) {
                        return DecodeStatus.MALFORMED;
                    }
                    return transport(next, d, q, end, missing);
                }
            }
        }
        return DecodeStatus.OTHER;
    }

    private DecodeStatus transport(int proto, byte[] d, int off, int end, int missing) {
        p.protocol = proto;
        if (proto == Packet.UDP) {
            if (off + 8 > end) {
                return DecodeStatus.MALFORMED;
            }
            p.srcPort = u16(d, off);
            p.dstPort = u16(d, off + 2);
            int len = u16(d, off + 4);
            if (len < 8) {
                return DecodeStatus.MALFORMED;
            }
            int avail = end - off - 8;
            p.payload = d;
            p.payloadOffset = off + 8;
            p.payloadLength = Math.min(avail, len - 8);
            p.payloadMissing = Math.max(0, len - 8 - avail);
            p.seq = p.ack = 0;
            p.flags = 0;
            return DecodeStatus.TRANSPORT;
        }
        if (proto == Packet.TCP) {
            if (off + 20 > end) {
                return DecodeStatus.MALFORMED;
            }
            int hl = ((d[off + 12] & 0xf0) >> 4) * 4;
            if (hl < 20 || off + hl > end) {
                return DecodeStatus.MALFORMED;
            }
            p.srcPort = u16(d, off);
            p.dstPort = u16(d, off + 2);
            p.seq = u32(d, off + 4);
            p.ack = u32(d, off + 8);
            p.flags = d[off + 13] & 0xff;
            p.payload = d;
            p.payloadOffset = off + hl;
            p.payloadLength = end - off - hl;
            p.payloadMissing = missing;
            return DecodeStatus.TRANSPORT;
        }
        return DecodeStatus.OTHER;
    }

    private static byte[] slice(byte[] d, int off, int len) {
        byte[] b = new byte[len];
        System.arraycopy(d, off, b, 0, len);
        return b;
    }

    static int u16(byte[] d, int off) {
        return ((d[off] & 0xff) << 8) | (d[off + 1] & 0xff);
    }

    static long u32(byte[] d, int off) {
        return ((long) (d[off] & 0xff) << 24) | ((d[off + 1] & 0xff) << 16) | ((d[off + 2] & 0xff) << 8) | (d[off + 3] & 0xff);
    }
}
