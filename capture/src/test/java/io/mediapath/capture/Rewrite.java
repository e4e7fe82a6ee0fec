package io.mediapath.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test helper: rewrites a clean Ethernet capture into the hard cases — frames reordered, duplicated (a
 * retransmission), dropped (a lost segment), other link types, VLAN tags, IPv4 fragments — so the reader can be
 * checked against tshark on captures a network would produce but loopback never does.
 */
final class Rewrite {

    record Raw(long nanos, int linkType, byte[] data) {
    }

    private Rewrite() {
    }

    static List<Raw> read(Path f) throws IOException {
        List<Raw> out = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(f)) {
            for (Frame fr = r.next(); fr != null; fr = r.next()) {
                out.add(new Raw(fr.epochNanos(), fr.linkType(), fr.data()));
            }
        }
        return out;
    }

    static void write(List<Raw> frames, Path f) throws IOException {
        int link = frames.isEmpty() ? PcapFormat.LINKTYPE_ETHERNET : frames.get(0).linkType();
        try (OutputStream o = Files.newOutputStream(f); PcapWriter w = PcapWriter.create(o, link, true)) {
            for (Raw r : frames) {
                w.write(r.nanos, r.data, r.data.length);
            }
        }
    }

    /** Swaps frames {@code a} and {@code b} (1-based), keeping each position's timestamp. */
    static List<Raw> swap(List<Raw> in, int a, int b) {
        List<Raw> out = new ArrayList<>(in);
        Raw x = in.get(a - 1);
        Raw y = in.get(b - 1);
        out.set(a - 1, new Raw(x.nanos, y.linkType, y.data));
        out.set(b - 1, new Raw(y.nanos, x.linkType, x.data));
        return out;
    }

    /** Inserts a copy of frame {@code which} after frame {@code after} (1-based), 1 ms later. */
    static List<Raw> duplicate(List<Raw> in, int which, int after) {
        List<Raw> out = new ArrayList<>(in);
        Raw c = in.get(which - 1);
        out.add(after, new Raw(in.get(after - 1).nanos + 1_000_000, c.linkType, c.data.clone()));
        return out;
    }

    /** Removes frame {@code which} (1-based). */
    static List<Raw> drop(List<Raw> in, int which) {
        List<Raw> out = new ArrayList<>(in);
        out.remove(which - 1);
        return out;
    }

    /** Replaces the 14-byte Ethernet header of every frame with the header of {@code linkType}. */
    static List<Raw> relink(List<Raw> in, int linkType) {
        List<Raw> out = new ArrayList<>();
        for (Raw r : in) {
            byte[] ip = Arrays.copyOfRange(r.data, 14, r.data.length);
            int ethertype = ((r.data[12] & 0xff) << 8) | (r.data[13] & 0xff);
            byte[] head;
            switch (linkType) {
                case PcapFormat.LINKTYPE_RAW -> head = new byte[0];
                case PcapFormat.LINKTYPE_NULL -> head = new byte[] {(byte) (ethertype == 0x0800 ? 2 : 30), 0, 0, 0};
                case PcapFormat.LINKTYPE_LINUX_SLL -> {
                    head = new byte[16];
                    head[1] = 4;            // sent by us
                    head[3] = 1;            // ARPHRD_ETHER
                    head[5] = 6;            // address length
                    System.arraycopy(r.data, 6, head, 6, 6);
                    head[14] = (byte) (ethertype >> 8);
                    head[15] = (byte) ethertype;
                }
                case PcapFormat.LINKTYPE_LINUX_SLL2 -> {
                    head = new byte[20];
                    head[0] = (byte) (ethertype >> 8);
                    head[1] = (byte) ethertype;
                    head[7] = 1;            // interface index 1
                    head[9] = 1;            // ARPHRD_ETHER
                    head[10] = 4;           // outgoing
                    head[11] = 6;
                    System.arraycopy(r.data, 6, head, 12, 6);
                }
                default -> throw new IllegalArgumentException("link type " + linkType);
            }
            byte[] d = new byte[head.length + ip.length];
            System.arraycopy(head, 0, d, 0, head.length);
            System.arraycopy(ip, 0, d, head.length, ip.length);
            out.add(new Raw(r.nanos, linkType, d));
        }
        return out;
    }

    /** Inserts an 802.1Q tag (VLAN 42) into every Ethernet frame. */
    static List<Raw> vlan(List<Raw> in) {
        List<Raw> out = new ArrayList<>();
        for (Raw r : in) {
            byte[] d = new byte[r.data.length + 4];
            System.arraycopy(r.data, 0, d, 0, 12);
            d[12] = (byte) 0x81;
            d[13] = 0x00;
            d[15] = 42;
            System.arraycopy(r.data, 12, d, 16, r.data.length - 12);
            out.add(new Raw(r.nanos, r.linkType, d));
        }
        return out;
    }

    /**
     * Splits every IPv4 packet of frame {@code which} (1-based, Ethernet) longer than {@code mtu} into fragments of
     * at most {@code mtu} bytes (payload multiples of 8), sent last fragment first when {@code reverse} is set.
     */
    static List<Raw> fragment(List<Raw> in, int which, int mtu, boolean reverse) {
        Raw r = in.get(which - 1);
        byte[] d = r.data;
        int ihl = (d[14] & 0x0f) * 4;
        int total = ((d[16] & 0xff) << 8) | (d[17] & 0xff);
        byte[] payload = Arrays.copyOfRange(d, 14 + ihl, 14 + total);
        int step = (mtu - ihl) & ~7;
        List<Raw> frags = new ArrayList<>();
        for (int off = 0; off < payload.length; off += step) {
            int len = Math.min(step, payload.length - off);
            boolean more = off + len < payload.length;
            byte[] f = new byte[14 + ihl + len];
            System.arraycopy(d, 0, f, 0, 14 + ihl);
            System.arraycopy(payload, off, f, 14 + ihl, len);
            int tl = ihl + len;
            f[16] = (byte) (tl >> 8);
            f[17] = (byte) tl;
            int field = (more ? 0x2000 : 0) | (off / 8);
            f[20] = (byte) (field >> 8);
            f[21] = (byte) field;
            f[24] = 0;
            f[25] = 0;
            int sum = 0;
            for (int i = 0; i < ihl; i += 2) {
                sum += ((f[14 + i] & 0xff) << 8) | (f[15 + i] & 0xff);
            }
            while ((sum >> 16) != 0) {
                sum = (sum & 0xffff) + (sum >> 16);
            }
            sum = ~sum & 0xffff;
            f[24] = (byte) (sum >> 8);
            f[25] = (byte) sum;
            frags.add(new Raw(r.nanos + frags.size() * 1000L, r.linkType, f));
        }
        if (reverse) {
            java.util.Collections.reverse(frags);
        }
        List<Raw> out = new ArrayList<>(in.subList(0, which - 1));
        out.addAll(frags);
        out.addAll(in.subList(which, in.size()));
        return out;
    }
}
