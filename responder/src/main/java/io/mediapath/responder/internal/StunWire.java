package io.mediapath.responder.internal;

import io.mediapath.ice.receipt.ReceiptFrames;
import io.mediapath.ice.receipt.ReceiptRequest;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The little of STUN (RFC 8489) and MS-TURN the responder speaks, written here from the specifications rather than
 * borrowed from turn-client, so the near end's client is checked against an independent peer: reading a request's
 * header and the receipt-request attribute, and writing a Binding success and the 401 challenges.
 */
public final class StunWire {

    /** The longest STUN message the responder reads. */
    public static final int MAX_MESSAGE = 2048;

    private StunWire() {
    }

    /**
     * A request as far as the responder reads it.
     *
     * @param type           the message type
     * @param transactionId  12 bytes (RFC) or 16 (MS-TURN)
     * @param msTurn         MS-TURN dialect
     * @param length         the whole message's length (header included)
     * @param receiptRequest the {@link ReceiptFrames#STUN_RECEIPT_REQUEST} value, if present and 32 bytes long
     * @param insteadRequest the {@link ReceiptFrames#STUN_RECEIPT_INSTEAD} value (the receipt in place of the
     *                       answer), if present and 32 bytes long
     */
    public record Request(int type, byte[] transactionId, boolean msTurn, int length, Optional<byte[]> receiptRequest,
            Optional<byte[]> insteadRequest) {
    }

    /**
     * The message's total length once its header is in, -1 before.
     *
     * @throws IllegalArgumentException for a length the responder will not read
     */
    public static int messageLength(byte[] b, int length) {
        if (length < 4) {
            return -1;
        }
        int len = FirstBytes.u16(b, 2);
        if (len % 4 != 0 || 20 + len > MAX_MESSAGE) {
            throw new IllegalArgumentException("STUN length " + len);
        }
        return 20 + len;
    }

    /**
     * Reads the request in {@code b[0..length)}, exactly one whole message.
     *
     * @throws IllegalArgumentException when it is not one well-formed STUN or MS-TURN request
     */
    public static Request read(byte[] b, int length, boolean msTurn) {
        int total = messageLength(b, length);
        if (total != length) {
            throw new IllegalArgumentException("STUN message of " + total + " bytes in " + length);
        }
        int type = FirstBytes.u16(b, 0);
        if ((type & 0xC000) != 0 || (type & 0x0110) != 0) {
            throw new IllegalArgumentException("not a STUN request: type " + Integer.toHexString(type));
        }
        byte[] txid = msTurn ? Arrays.copyOfRange(b, 4, 20) : Arrays.copyOfRange(b, 8, 20);
        Optional<byte[]> rr = Optional.empty();
        Optional<byte[]> instead = Optional.empty();
        for (int p = 20; p + 4 <= total; ) {
            int t = FirstBytes.u16(b, p);
            int l = FirstBytes.u16(b, p + 2);
            if (p + 4 + l > total) {
                throw new IllegalArgumentException("STUN attribute " + Integer.toHexString(t) + " overruns the message");
            }
            if (t == ReceiptFrames.STUN_RECEIPT_REQUEST && l == ReceiptRequest.LENGTH && rr.isEmpty()) {
                rr = Optional.of(Arrays.copyOfRange(b, p + 4, p + 4 + l));
            }
            if (t == ReceiptFrames.STUN_RECEIPT_INSTEAD && l == ReceiptRequest.LENGTH && instead.isEmpty()) {
                instead = Optional.of(Arrays.copyOfRange(b, p + 4, p + 4 + l));
            }
            p += 4 + ((l + 3) & ~3);
        }
        return new Request(type, txid, msTurn, total, rr, instead);
    }

    /** A Binding success: XOR-MAPPED-ADDRESS of {@code source}, and the receipt attribute when given. */
    public static byte[] bindingSuccess(Request req, InetSocketAddress source, byte[] receipt) {
        Writer w = new Writer(0x0101, req);
        w.attr(0x0020, xorAddress(source, req.transactionId()));
        if (receipt != null) {
            w.attr(ReceiptFrames.STUN_RECEIPT, receipt);
        }
        return w.finish();
    }

    /** An Allocate 401 challenge, in the request's dialect. */
    public static byte[] challenge(Request req, String realm, String nonce) {
        Writer w = new Writer(0x0113, req);
        if (req.msTurn()) {
            w.attr(0x000F, new byte[] {0x72, (byte) 0xc6, 0x4b, (byte) 0xc6});
        }
        byte[] reason = "Unauthorized".getBytes(StandardCharsets.US_ASCII);
        byte[] err = new byte[4 + reason.length];
        err[2] = 4;
        err[3] = 1;
        System.arraycopy(reason, 0, err, 4, reason.length);
        w.attr(0x0009, err);
        // MS-TURN swaps the numbers of REALM and NONCE ([MS-TURN] 2.2.2.5/2.2.2.6)
        w.attr(req.msTurn() ? 0x0015 : 0x0014, realm.getBytes(StandardCharsets.UTF_8));
        w.attr(req.msTurn() ? 0x0014 : 0x0015, nonce.getBytes(StandardCharsets.UTF_8));
        if (req.msTurn()) {
            w.attr(0x8008, new byte[] {0, 0, 0, 3}); // MS-VERSION 3
        }
        return w.finish();
    }

    /** {@code message} in an [MS-TURN] 2.1.4 control frame: {@code 02 00 length(16)}, then the message. */
    public static byte[] msFrame(byte[] message) {
        byte[] f = new byte[FirstBytes.MS_FRAME_HEADER + message.length];
        f[0] = FirstBytes.MS_CONTROL_FRAME;
        f[2] = (byte) (message.length >>> 8);
        f[3] = (byte) message.length;
        System.arraycopy(message, 0, f, FirstBytes.MS_FRAME_HEADER, message.length);
        return f;
    }

    private static byte[] xorAddress(InetSocketAddress a, byte[] txid) {
        byte[] ip = a.getAddress().getAddress();
        byte[] v = new byte[4 + ip.length];
        v[1] = (byte) (ip.length == 4 ? 1 : 2);
        int port = a.getPort() ^ (FirstBytes.STUN_COOKIE >>> 16);
        v[2] = (byte) (port >>> 8);
        v[3] = (byte) port;
        byte[] mask = new byte[16];
        mask[0] = 0x21;
        mask[1] = 0x12;
        mask[2] = (byte) 0xA4;
        mask[3] = 0x42;
        System.arraycopy(txid, 0, mask, 4, Math.min(12, txid.length));
        for (int i = 0; i < ip.length; i++) {
            v[4 + i] = (byte) (ip[i] ^ mask[i]);
        }
        return v;
    }

    private static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

        Writer(int type, Request req) {
            out.write(type >>> 8);
            out.write(type);
            out.write(0);
            out.write(0);
            if (!req.msTurn()) {
                out.writeBytes(new byte[] {0x21, 0x12, (byte) 0xA4, 0x42});
            }
            out.writeBytes(req.transactionId());
        }

        void attr(int type, byte[] value) {
            out.writeBytes(new byte[] {(byte) (type >>> 8), (byte) type, (byte) (value.length >>> 8), (byte) value.length});
            out.writeBytes(value);
            out.writeBytes(new byte[(4 - value.length % 4) % 4]);
        }

        byte[] finish() {
            byte[] b = out.toByteArray();
            int len = b.length - 20;
            b[2] = (byte) (len >>> 8);
            b[3] = (byte) len;
            return b;
        }
    }
}
