package io.mediapath.ice.receipt;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The receipt's wire form (version 1), every multi-byte number big-endian:
 *
 * <pre>
 *  version(1)=1  transport(1)  kind(1)  flags(1)=0
 *  nonce(16)
 *  receivedAt(8, epoch ms)
 *  addressLength(1)=4|16  address  port(2)
 *  byteCount(4)  sha256(32)
 *  sampleLength(2) ≤ 512  sample
 *  sniLength(1)  sni (ASCII)
 *  alpnLength(1)  alpn (protocols joined by ',')
 *  mac(32) = HMAC-SHA256(receipt key of the token, every byte above)
 * </pre>
 *
 * Decoding checks the MAC (constant time, {@link MessageDigest#isEqual}) before it reads any field, so nothing a
 * forger wrote is ever interpreted; every length is bounded, so a decode allocates at most {@link #MAX_LENGTH}.
 */
public final class ReceiptCodec {

    /** The format version this codec writes and reads. */
    public static final int VERSION = 1;
    /** Length of the MAC at the end. */
    public static final int MAC_LENGTH = 32;
    /** The shortest receipt (IPv4, no sample, no SNI, no ALPN). */
    public static final int MIN_LENGTH = 4 + 16 + 8 + 1 + 4 + 2 + 4 + 32 + 2 + 1 + 1 + MAC_LENGTH;
    /** The longest receipt. */
    public static final int MAX_LENGTH = MIN_LENGTH + 12 + Receipt.MAX_SAMPLE + 2 * Receipt.MAX_NAME;

    private ReceiptCodec() {
    }

    /** The encoded, authenticated receipt. */
    public static byte[] encode(Receipt r, ReceiptToken token) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(MIN_LENGTH + 64 + r.sample().length);
        out.write(VERSION);
        out.write(r.transport().ordinal());
        out.write(r.kind().ordinal());
        out.write(0);
        out.writeBytes(r.nonce());
        writeLong(out, r.receivedAt().toEpochMilli(), 8);
        byte[] ip = r.source().getAddress().getAddress();
        out.write(ip.length);
        out.writeBytes(ip);
        writeLong(out, r.source().getPort(), 2);
        writeLong(out, r.byteCount(), 4);
        out.writeBytes(r.sha256());
        byte[] sample = r.sample();
        writeLong(out, sample.length, 2);
        out.writeBytes(sample);
        writeName(out, r.sni().orElse(""));
        writeName(out, String.join(",", r.alpn()));
        byte[] body = out.toByteArray();
        byte[] mac = token.macReceipt(body, 0, body.length);
        byte[] all = Arrays.copyOf(body, body.length + MAC_LENGTH);
        System.arraycopy(mac, 0, all, body.length, MAC_LENGTH);
        return all;
    }

    /**
     * The receipt in {@code wire} when its MAC verifies under {@code token}.
     *
     * @throws ReceiptFormatException when the length is out of bounds or a field is malformed
     * @throws ReceiptForgedException when the MAC does not verify (another token, a forged or altered receipt)
     */
    public static Receipt decode(byte[] wire, ReceiptToken token) {
        if (wire.length < MIN_LENGTH || wire.length > MAX_LENGTH) {
            throw new ReceiptFormatException("receipt: " + wire.length + " bytes (expected: " + MIN_LENGTH + " ~ "
                    + MAX_LENGTH + ")");
        }
        int bodyLength = wire.length - MAC_LENGTH;
        byte[] mac = token.macReceipt(wire, 0, bodyLength);
        if (!MessageDigest.isEqual(mac, Arrays.copyOfRange(wire, bodyLength, wire.length))) {
            throw new ReceiptForgedException();
        }
        Reader in = new Reader(wire, bodyLength);
        int version = in.u8();
        if (version != VERSION) {
            throw new ReceiptFormatException("receipt version " + version + " (expected: " + VERSION + ")");
        }
        ReceiptTransport transport = ReceiptTransport.ofCode(in.u8());
        ArrivalKind kind = ArrivalKind.ofCode(in.u8());
        in.u8(); // flags: none defined in version 1
        byte[] nonce = in.bytes(ReceiptRequest.NONCE_LENGTH);
        Instant at = Instant.ofEpochMilli(in.number(8));
        int ipLength = in.u8();
        if (ipLength != 4 && ipLength != 16) {
            throw new ReceiptFormatException("receipt address length " + ipLength + " (expected: 4 or 16)");
        }
        InetAddress ip;
        try {
            ip = InetAddress.getByAddress(in.bytes(ipLength));
        } catch (UnknownHostException e) {
            throw new ReceiptFormatException("receipt address: " + e.getMessage());
        }
        int port = (int) in.number(2);
        long count = in.number(4);
        byte[] sha = in.bytes(32);
        int sampleLength = (int) in.number(2);
        if (sampleLength > Receipt.MAX_SAMPLE || sampleLength > count) {
            throw new ReceiptFormatException("receipt sample " + sampleLength + " bytes of " + count);
        }
        byte[] sample = in.bytes(sampleLength);
        String sni = in.name();
        String alpn = in.name();
        if (in.remaining() != 0) {
            throw new ReceiptFormatException("receipt: " + in.remaining() + " bytes after the ALPN field");
        }
        return new Receipt(transport, kind, nonce, at, new InetSocketAddress(ip, port), count, sha, sample,
                sni.isEmpty() ? Optional.empty() : Optional.of(sni),
                alpn.isEmpty() ? List.of() : List.of(alpn.split(",", -1)));
    }

    private static void writeLong(ByteArrayOutputStream out, long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    private static void writeName(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        int n = Math.min(b.length, Receipt.MAX_NAME);
        out.write(n);
        out.write(b, 0, n);
    }

    private static final class Reader {
        private final byte[] b;
        private final int end;
        private int pos;

        Reader(byte[] b, int end) {
            this.b = b;
            this.end = end;
        }

        int remaining() {
            return end - pos;
        }

        private void need(int n) {
            if (n > end - pos) {
                throw new ReceiptFormatException("receipt truncated at offset " + pos + " (needs " + n + " more bytes)");
            }
        }

        int u8() {
            need(1);
            return b[pos++] & 0xff;
        }

        long number(int bytes) {
            need(bytes);
            long v = 0;
            for (int i = 0; i < bytes; i++) {
                v = (v << 8) | (b[pos++] & 0xff);
            }
            return v;
        }

        byte[] bytes(int n) {
            need(n);
            byte[] r = Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return r;
        }

        String name() {
            int n = u8();
            return new String(bytes(n), StandardCharsets.ISO_8859_1);
        }
    }
}
